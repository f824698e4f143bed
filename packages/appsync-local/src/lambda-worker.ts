// Inside a Lambda function's worker thread (handler-registry.ts bundles this in front of the handler):
// the runtime's thread sends invocations, this runs the handler on each and answers. Events and results
// cross as JSON, as they cross Lambda's API; the context is rebuilt here, with the time left counted
// from when the invocation arrived.
import { parentPort } from "node:worker_threads";
import type { LambdaContext } from "./datasources/lambda.ts";

/** The context's fields (its one method, getRemainingTimeInMillis, becomes `remainingMs`). */
export type ContextFields = Omit<LambdaContext, "getRemainingTimeInMillis"> & { remainingMs: number };

export type ToFunction = { id: number; event: string; context: ContextFields };

export type FromFunction =
  | { kind: "loaded" }
  | { kind: "load-failed"; message: string }
  | { kind: "result"; id: number; result: string | undefined }
  | { kind: "error"; id: number; error: { name: string; message: string; stack?: string } };

type Handler = (event: unknown, context: LambdaContext) => unknown;

export function serveInvocations(handler: unknown, notAFunction: string): void {
  const port = parentPort!;
  if (typeof handler !== "function") return port.postMessage({ kind: "load-failed", message: notAFunction } satisfies FromFunction);
  port.on("message", (message: ToFunction) => void run(handler as Handler, message).then((answer) => port.postMessage(answer)));
  port.postMessage({ kind: "loaded" } satisfies FromFunction);
}

async function run(handler: Handler, { id, event, context }: ToFunction): Promise<FromFunction> {
  const { remainingMs, ...fields } = context;
  const deadline = Date.now() + remainingMs;
  try {
    const answer = await handler(JSON.parse(event), { ...fields, getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()) });
    return { kind: "result", id, result: answer === undefined ? undefined : JSON.stringify(answer) };
  } catch (error) {
    const { name, message, stack } = error instanceof Error ? error : { name: "Error", message: String(error), stack: undefined };
    return { kind: "error", id, error: { name, message, stack } };
  }
}
