// The deployed event-source mappings on the table's stream, offline: each subscriber of infra/ (the
// interaction Lambda of infra/recommendations.ts, the title-summary Lambda of infra/history.ts) with its
// own filters and batch size, read by its own poller. Separate pollers are separate mappings: each keeps
// its own checkpoints and retries, so one subscriber failing never holds back the other. The function a
// mapping invokes runs as the runtime's Lambdas run (`invokeLocalFunction`: its own worker, the Lambda
// environment as its process.env).
import { DescribeTableCommand, type DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBStreamsClient } from "@aws-sdk/client-dynamodb-streams";
import { lambdaContext } from "@marquee/appsync-local/datasources/lambda";
import type { HandlerRegistry } from "@marquee/appsync-local/handler-registry";
import { titleSummaryStreamBatching, titleSummaryStreamFilters } from "@marquee/core/history/stream";
import { interactionStreamBatching, interactionStreamFilters } from "@marquee/core/recommendation/stream";
import type { FilterPattern } from "./filters.ts";
import { startStreamPoller, type StreamHandlerResult, type StreamPoller, type StreamPollerOptions } from "./poller.ts";
import type { LambdaStreamEvent } from "./records.ts";

/** One event-source mapping: the function it invokes (its name and handler, as infra/ gives them), its filter criteria and batch size. */
export type StreamSubscription = { name: string; functionName: string; handler: string; filters: readonly FilterPattern[]; batchSize: number };

/** Calls a subscription's function with one batch, as its mapping would. */
export type InvokeSubscriber = (subscription: StreamSubscription, event: LambdaStreamEvent) => Promise<StreamHandlerResult>;

/** infra/recommendations.ts: new interactions to PutEvents, new or changed titles to PutItems. */
export const interactionSubscription: StreamSubscription = {
  name: "interactions",
  functionName: "InteractionStream",
  handler: "packages/functions/src/lambda/interactionStream.handler",
  filters: interactionStreamFilters,
  batchSize: interactionStreamBatching.batchSize,
};

/** infra/history.ts: changed titles' summaries into their progress and My List entries. */
export const titleSummarySubscription: StreamSubscription = {
  name: "title summaries",
  functionName: "TitleSummaryStream",
  handler: "packages/functions/src/lambda/titleSummaryStream.handler",
  filters: titleSummaryStreamFilters,
  batchSize: titleSummaryStreamBatching.batchSize,
};

/** Subscriptions' functions run by `functions` (a worker each), with the context Lambda gives them. */
export function invokeLocalFunction(functions: HandlerRegistry, region: string): InvokeSubscriber {
  return async (subscription, event) => {
    const handler = await functions.get(subscription.functionName, subscription.handler);
    // SST's default timeout; like the mapping's own, it is not enforced here (a slow batch only waits).
    const context = lambdaContext({ functionName: subscription.functionName, region, timeoutMs: 20_000 });
    return (await handler(event, context)) as StreamHandlerResult;
  };
}

export type TableStreamOptions = {
  dynamoClient: DynamoDBClient;
  dynamodbEndpoint: string;
  tableName: string;
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
  invoke: InvokeSubscriber;
  log?: (line: string) => void;
  /** The poller's timing (tests shorten it); the defaults are the mapping's. */
  timing?: Pick<StreamPollerOptions, "pollIntervalMs" | "retryDelayMs" | "maxRetryDelayMs" | "discoverIntervalMs">;
  startingPosition?: "LATEST" | "TRIM_HORIZON";
};

/** One poller per subscription, in the order given, each reading the table's stream on its own. */
export async function subscribeToTableStream(options: TableStreamOptions, subscriptions: readonly StreamSubscription[]): Promise<StreamPoller[]> {
  const table = await options.dynamoClient.send(new DescribeTableCommand({ TableName: options.tableName }));
  const streamArn = table.Table?.LatestStreamArn;
  if (!streamArn) throw new Error(`Table ${options.tableName} has no stream: its subscribers (${subscriptions.map((s) => s.name).join(", ")}) would never run.`);
  const client = new DynamoDBStreamsClient({ endpoint: options.dynamodbEndpoint, region: options.region, credentials: options.credentials });
  const log = options.log;
  const pollers: StreamPoller[] = [];
  try {
    for (const subscription of subscriptions) {
      pollers.push(
        await startStreamPoller({
          client,
          streamArn,
          handler: (event) => options.invoke(subscription, event),
          filters: subscription.filters,
          batchSize: subscription.batchSize,
          startingPosition: options.startingPosition ?? "LATEST",
          region: options.region,
          log: log && ((line) => log(`${subscription.name} ${line}`)),
          ...options.timing,
        }),
      );
    }
  } catch (error) {
    await Promise.all(pollers.map((poller) => poller.stop()));
    throw error;
  }
  return pollers;
}

/** The interaction Lambda's mapping (started once the local Personalize has learned from the seed). */
export async function startInteractionStream(options: TableStreamOptions): Promise<StreamPoller> {
  const [poller] = await subscribeToTableStream(options, [interactionSubscription]);
  return poller!;
}

/** The title-summary Lambda's mapping. */
export async function startTitleSummaryStream(options: TableStreamOptions): Promise<StreamPoller> {
  const [poller] = await subscribeToTableStream(options, [titleSummarySubscription]);
  return poller!;
}
