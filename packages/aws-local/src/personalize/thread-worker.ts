// Worker-thread entry of startLocalPersonalizeThread: runs startLocalPersonalize and answers the parent.
import { parentPort, workerData } from "node:worker_threads";
import { startLocalPersonalize, type RunningLocalPersonalize } from "./server.ts";
import type { FromThread, LocalPersonalizeThreadOptions, ToThread } from "./thread.ts";

const port = parentPort;
if (!port) throw new Error("thread-worker.ts runs inside a worker thread (see thread.ts).");
const post = (message: FromThread) => port.postMessage(message);

let running: RunningLocalPersonalize;
try {
  running = await startLocalPersonalize({ ...(workerData as LocalPersonalizeThreadOptions), log: (line) => post({ kind: "log", line }) });
} catch (error) {
  post({ kind: "failed", message: error instanceof Error ? error.message : String(error) });
  process.exit(1);
}
port.on("message", (message: ToThread) => {
  if (message.kind === "status") post({ kind: "status", id: message.id, status: running.personalize.status() });
  else if (message.kind === "stop") {
    void running.stop().then(() => {
      post({ kind: "stopped" });
      // Nothing should be left, but a lingering handle must not keep the thread (and the stop) waiting.
      process.exit(0);
    });
  }
});
post({ kind: "ready", endpoint: running.endpoint, port: running.port, model: running.model });
