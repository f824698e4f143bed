// A throwaway stack for tests: in-memory data, temp folders, random ports. Prints one line
// `MARQUEE_STACK <json>` when ready and stops everything on SIGTERM or when its parent goes away.
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { startStack } from "../stack.ts";

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../../../..");
const stack = await startStack({ repoRoot, persistent: false, seed: "sample", log: (line) => process.stderr.write(`[stack] ${line}\n`) });
process.stdout.write(`MARQUEE_STACK ${JSON.stringify({ ...stack.info, pids: [process.pid, ...stack.pids] })}\n`);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await stack.stop();
  process.exit(0);
};
process.on("SIGTERM", () => void stop());
process.on("SIGINT", () => void stop());
process.on("disconnect", () => void stop());
