// The local Personalize on a thread of its own: its heap (every interaction, the model) and its request work
// stay off the caller's event loop, and the caller's garbage collections do not pause it. Same endpoint, same
// behaviour as startLocalPersonalize; bulk data comes as CSV files (as dataset import jobs read it).
import { once } from "node:events";
import type { ModelStatus } from "./service.ts";
import type { StartLocalPersonalizeOptions } from "./server.ts";
import { startTypeScriptWorker } from "./worker.ts";

/** Everything startLocalPersonalize takes that can cross to a thread (functions and iterables cannot). */
export type LocalPersonalizeThreadOptions = Omit<StartLocalPersonalizeOptions, "personalize" | "interactions" | "items" | "log"> & {
  log?: (line: string) => void;
};

export type LocalPersonalizeThread = {
  endpoint: string;
  port: number;
  /** The first model, trained before the endpoint answered. */
  model: ModelStatus;
  status(): Promise<ModelStatus>;
  stop(): Promise<void>;
};

export type ToThread = { kind: "status"; id: number } | { kind: "stop" };
export type FromThread =
  | { kind: "ready"; endpoint: string; port: number; model: ModelStatus }
  | { kind: "failed"; message: string }
  | { kind: "log"; line: string }
  | { kind: "status"; id: number; status: ModelStatus }
  | { kind: "stopped" };

export async function startLocalPersonalizeThread(options: LocalPersonalizeThreadOptions = {}): Promise<LocalPersonalizeThread> {
  const { log, ...threadOptions } = options;
  const worker = startTypeScriptWorker(new URL("./thread-worker.ts", import.meta.url), { workerData: threadOptions });
  const statusWaiters = new Map<number, (status: ModelStatus) => void>();
  let nextId = 1;
  const ready = new Promise<Extract<FromThread, { kind: "ready" }>>((resolve, reject) => {
    worker.on("message", (message: FromThread) => {
      if (message.kind === "ready") resolve(message);
      else if (message.kind === "failed") reject(new Error(`The local Personalize thread failed to start: ${message.message}`));
      else if (message.kind === "log") log?.(message.line);
      else if (message.kind === "status") {
        statusWaiters.get(message.id)?.(message.status);
        statusWaiters.delete(message.id);
      }
    });
    worker.once("error", reject);
    worker.once("exit", (code) => reject(new Error(`The local Personalize thread exited with code ${code} before it was ready.`)));
  });
  let started: Extract<FromThread, { kind: "ready" }>;
  try {
    started = await ready;
  } catch (error) {
    await worker.terminate();
    throw error;
  }
  const send = (message: ToThread) => worker.postMessage(message);
  return {
    endpoint: started.endpoint,
    port: started.port,
    model: started.model,
    status() {
      const id = nextId++;
      return new Promise<ModelStatus>((resolve) => {
        statusWaiters.set(id, resolve);
        send({ kind: "status", id });
      });
    },
    async stop() {
      const exited = once(worker, "exit");
      send({ kind: "stop" });
      await exited;
    },
  };
}
