// Starts a worker thread from a TypeScript entry. Worker threads do not inherit tsx's loader, so the worker
// registers it before importing the entry; a compiled (.js) entry starts directly.
import { Worker, type WorkerOptions } from "node:worker_threads";

export function startTypeScriptWorker(entry: URL, options: Omit<WorkerOptions, "eval"> = {}): Worker {
  if (!entry.pathname.endsWith(".ts")) return new Worker(entry, options);
  const tsxApi = import.meta.resolve("tsx/esm/api");
  const bootstrap = `import(${JSON.stringify(tsxApi)}).then((tsx) => tsx.tsImport(${JSON.stringify(entry.href)}, ${JSON.stringify(entry.href)}))`;
  return new Worker(bootstrap, { ...options, eval: true });
}
