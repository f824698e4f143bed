// Powertools for AWS Lambda around every handler: JSON log records carrying the request's correlation id,
// one metric per outcome in embedded metric format, and X-Ray subsegments around core's SDK calls. Each is
// configured by the environment (powertools-environment.ts).
import { Logger } from "@aws-lambda-powertools/logger";
import { Metrics, MetricUnit } from "@aws-lambda-powertools/metrics";
import { instrumentSdkClients } from "@marquee/core/util/sdk-clients";

export const logger = new Logger();
export const metrics = new Metrics();

/** What handlers read of Lambda's context (the local runtime passes the same). */
export type LambdaContext = {
  awsRequestId: string;
  functionName: string;
  functionVersion: string;
  invokedFunctionArn: string;
  memoryLimitInMB: string;
};

/**
 * How an invocation ended, as a metric name: served; refused with an error the client sees; some stream
 * records reported back for redelivery; or failed (thrown).
 */
export type Outcome = "Served" | "Refused" | "Retried" | "Failed";

/**
 * AppSync's id of the GraphQL request when the event carries its headers (a direct Lambda resolver's
 * context does), else Lambda's id of the invocation.
 */
function correlationIdOf(event: unknown, context: LambdaContext | undefined): string | undefined {
  const headers = (event as { request?: { headers?: Record<string, string> } } | null)?.request?.headers;
  return headers?.["x-amzn-requestid"] ?? context?.awsRequestId;
}

/**
 * The tracer, and the X-Ray SDK under it, are loaded only where they trace (on Lambda, with tracing on:
 * the same test as the tracer's own), before the first SDK client is made; elsewhere a cold start never
 * loads them.
 */
let tracing: Promise<void> | undefined;
function traceSdkClients(): Promise<void> {
  const enabled = process.env.AWS_EXECUTION_ENV !== undefined && process.env.POWERTOOLS_TRACE_ENABLED !== "false";
  tracing ??= enabled
    ? import("@aws-lambda-powertools/tracer").then(({ Tracer }) => {
        const tracer = new Tracer();
        instrumentSdkClients((client) => tracer.captureAWSv3Client(client));
      })
    : Promise.resolve();
  return tracing;
}

/**
 * A handler with Powertools around it. `outcomeOf` names how an answer ended; a thrown error is "Failed",
 * logged with its cause and rethrown (what the client then sees is the resolver's or the stream's business).
 */
export function observed<Event, Answer>(handle: (event: Event) => Promise<Answer>, outcomeOf: (answer: Answer) => { outcome: Outcome; detail?: Record<string, unknown> }) {
  return async (event: Event, context?: LambdaContext): Promise<Answer> => {
    await traceSdkClients();
    if (context) logger.addContext(context);
    logger.setCorrelationId(correlationIdOf(event, context));
    metrics.addDimension("function", context?.functionName ?? "unknown");
    try {
      const answer = await handle(event);
      const { outcome, detail } = outcomeOf(answer);
      metrics.addMetric(outcome, MetricUnit.Count, 1);
      // Only what an operator acts on shows at INFO; every outcome at DEBUG (following one request).
      if (outcome === "Retried") logger.warn(outcome, { ...detail });
      else logger.debug(outcome, { ...detail });
      return answer;
    } catch (error) {
      metrics.addMetric("Failed", MetricUnit.Count, 1);
      logger.error("Unexpected failure", error as Error);
      throw error;
    } finally {
      metrics.publishStoredMetrics();
      logger.resetKeys();
    }
  };
}

/** A stream batch is served when every record went through; the records reported back are delivered again. */
export function outcomeOfBatch(answer: { batchItemFailures: unknown[] }) {
  return answer.batchItemFailures.length === 0
    ? { outcome: "Served" as const }
    : { outcome: "Retried" as const, detail: { failedRecords: answer.batchItemFailures.length } };
}
