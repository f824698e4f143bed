// Lambda data sources: the function (run in a worker thread of its own, handler-registry.ts) is called
// with the event AppSync would send. `Invoke` passes the request's payload, `BatchInvoke` groups sibling calls of
// the same resolver (up to maxBatchSize) into one array event, and a direct resolver gets the context.
import { randomUUID } from "node:crypto";
import type { DataSource, DataSourceCall, DataSourceOutcome } from "../datasource.ts";

export type LambdaHandler = (event: unknown, context: LambdaContext) => unknown;

export type LambdaContext = {
  functionName: string;
  functionVersion: string;
  invokedFunctionArn: string;
  memoryLimitInMB: string;
  awsRequestId: string;
  logGroupName: string;
  logStreamName: string;
  callbackWaitsForEmptyEventLoop: boolean;
  getRemainingTimeInMillis(): number;
};

export type LambdaDataSourceOptions = {
  name: string;
  /** Loads the function's current handler (it may have been rebuilt since the last call). */
  loadHandler: () => Promise<LambdaHandler>;
  timeoutSeconds?: number;
  memoryMb?: number;
  region?: string;
  /** Called once per Lambda invocation (a BatchInvoke is one). */
  /** Called once per invocation: how many events it carries, and the GraphQL request and resolver it serves. */
  onInvoke?: (events: number, origin: LambdaInvocationOrigin) => void;
};

/** The context an invocation of `functionName` gets, its time counted from now. */
export function lambdaContext(options: { functionName: string; region: string; memoryMb?: number; timeoutMs: number; awsRequestId?: string }): LambdaContext {
  const started = Date.now();
  return {
    functionName: options.functionName,
    functionVersion: "$LATEST",
    invokedFunctionArn: `arn:aws:lambda:${options.region}:000000000000:function:${options.functionName}`,
    memoryLimitInMB: String(options.memoryMb ?? 1024),
    awsRequestId: options.awsRequestId ?? randomUUID(),
    logGroupName: `/aws/lambda/${options.functionName}`,
    logStreamName: "local",
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => Math.max(0, options.timeoutMs - (Date.now() - started)),
  };
}

/** Which GraphQL request and resolver an invocation serves, and the invocation's own id (its logs carry it). */
export type LambdaInvocationOrigin = { requestId?: string; callerId: string; awsRequestId: string };

type LambdaRequest = { operation?: unknown; payload?: unknown; invocationType?: unknown };

type PendingBatch = {
  events: unknown[];
  settle: Array<(outcome: DataSourceOutcome) => void>;
  direct: boolean;
};

export function createLambdaDataSource(options: LambdaDataSourceOptions): DataSource {
  const timeoutMs = (options.timeoutSeconds ?? 10) * 1000;
  const region = options.region ?? "us-east-1";

  async function invokeHandler(event: unknown, call: DataSourceCall): Promise<DataSourceOutcome> {
    let timer: NodeJS.Timeout | undefined;
    // Reported when it is asked for (an Event invocation's caller moves on at once), with the id its logs will carry.
    const awsRequestId = randomUUID();
    options.onInvoke?.(Array.isArray(event) ? event.length : 1, { requestId: call.scope?.requestId, callerId: call.callerId, awsRequestId });
    try {
      const handler = await options.loadHandler();
      // As on Lambda, the timeout counts from the invocation: a cold start's build and module load are the init phase.
      const context = lambdaContext({ functionName: options.name, region, memoryMb: options.memoryMb, timeoutMs, awsRequestId });
      // Events and results cross to the function's worker as JSON, as they cross Lambda's API.
      const answer = await Promise.race([
        Promise.resolve(handler(event ?? null, context)),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new LambdaTimeout(timeoutMs)), timeoutMs);
        }),
      ]);
      return { ok: true, result: answer ?? null };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (!(error instanceof LambdaTimeout)) console.error(`[lambda ${options.name}]`, error);
      return { ok: false, error: { message, type: "Lambda:Unhandled" } };
    } finally {
      clearTimeout(timer);
    }
  }

  function enqueue(call: DataSourceCall, event: unknown, maxBatchSize: number, direct: boolean): Promise<DataSourceOutcome> {
    const key = `lambda:${options.name}:${call.callerId}`;
    let batch = call.scope.batches.get(key) as PendingBatch | undefined;
    if (!batch) {
      batch = { events: [], settle: [], direct };
      call.scope.batches.set(key, batch);
      // Sibling fields resolve in the same turn of the event loop; send what gathered by then.
      setImmediate(() => flush(call, key));
    }
    const outcome = new Promise<DataSourceOutcome>((resolve) => batch.settle.push(resolve));
    batch.events.push(event);
    if (batch.events.length >= maxBatchSize) flush(call, key);
    return outcome;
  }

  function flush(call: DataSourceCall, key: string) {
    const batch = call.scope.batches.get(key) as PendingBatch | undefined;
    if (!batch) return;
    call.scope.batches.delete(key);
    void invokeHandler(batch.events, call).then((outcome) => {
      if (!outcome.ok) return batch.settle.forEach((settle) => settle(outcome));
      const results = outcome.result;
      if (!Array.isArray(results) || results.length !== batch.events.length) {
        const message = `BatchInvoke expects the Lambda to return an array of ${batch.events.length} results`;
        return batch.settle.forEach((settle) => settle({ ok: false, error: { message, type: "Lambda:Unhandled" } }));
      }
      batch.settle.forEach((settle, index) => settle(batchItemOutcome(results[index], batch.direct)));
    });
  }

  return {
    type: "lambda",
    async invoke(call) {
      if (call.direct) {
        const maxBatchSize = call.maxBatchSize ?? 0;
        return maxBatchSize > 0 ? enqueue(call, call.request, maxBatchSize, true) : invokeHandler(call.request, call);
      }
      const request = (call.request ?? {}) as LambdaRequest;
      if (request.operation === "Invoke") {
        if (request.invocationType === "Event") {
          // Asynchronous invocation: AppSync returns null at once.
          void invokeHandler(request.payload, call);
          return { ok: true, result: null };
        }
        return invokeHandler(request.payload, call);
      }
      if (request.operation === "BatchInvoke") {
        return enqueue(call, request.payload, call.maxBatchSize && call.maxBatchSize > 0 ? call.maxBatchSize : 1, false);
      }
      return {
        ok: false,
        error: { message: `Unsupported operation '${String(request.operation)}' for a Lambda data source: use Invoke or BatchInvoke.`, type: "Lambda:IllegalArgument" },
      };
    },
  };
}

/** Direct batch resolvers may answer `{ data, errorType, errorMessage }` per item. */
function batchItemOutcome(item: unknown, direct: boolean): DataSourceOutcome {
  if (direct && item && typeof item === "object" && ("errorMessage" in item || "data" in item)) {
    const { data, errorMessage, errorType } = item as { data?: unknown; errorMessage?: string; errorType?: string };
    if (errorMessage) return { ok: false, error: { message: errorMessage, type: errorType ?? "Lambda:Unhandled" }, result: data ?? null };
    return { ok: true, result: data ?? null };
  }
  return { ok: true, result: item ?? null };
}

class LambdaTimeout extends Error {
  constructor(timeoutMs: number) {
    super(`Task timed out after ${(timeoutMs / 1000).toFixed(2)} seconds`);
  }
}
