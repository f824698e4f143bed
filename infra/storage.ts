// The single table and the uploads bucket. The table's shape comes from packages/core's
// tableDefinition, which the ElectroDB entities and the local stack also read: they cannot drift.
import { tableDefinition } from "@marquee/core/table";
import { alarmOnFailureQueue, alarmOnLambdaErrors } from "./monitoring.ts";

export const table = new sst.aws.Dynamo("Table", {
  fields: tableDefinition.fields,
  primaryIndex: tableDefinition.primaryIndex,
  globalIndexes: tableDefinition.globalIndexes,
  stream: tableDefinition.stream,
  ttl: tableDefinition.ttl,
});

/** Browser uploads (artwork, media) arrive here through presigned URLs. */
export const uploads = new sst.aws.Bucket("Uploads");

type StreamSubscriberArgs = {
  handler: string;
  /** Resources the handler reads (its failure queue is added). */
  link: Array<sst.Linkable<Record<string, unknown>> | sst.aws.Dynamo>;
  timeout: `${number} seconds` | `${number} minutes`;
  /** Lambda event filters (which records reach the handler). */
  filters: Record<string, unknown>[];
  batching: { batchSize: number; maximumBatchingWindowInSeconds: number };
};

/**
 * A Lambda on the table's stream, with its own event-source mapping (one subscriber failing never holds
 * back another) and the delivery every subscriber here wants: the handler reports the records it could
 * not process (only those, and what follows them, are retried), retries last as long as the stream keeps
 * records (24 hours), and what ages out is parked in `<name>Failures` for 14 days, not dropped. The
 * queue and the Lambda's errors each have an alarm (infra/monitoring.ts).
 */
export function tableStreamSubscriber(name: string, args: StreamSubscriberArgs) {
  const failures = new sst.aws.Queue(`${name}Failures`, {
    transform: { queue: { messageRetentionSeconds: 14 * 24 * 3600 } },
  });
  const subscription = table.subscribe(
    name,
    { handler: args.handler, link: [...args.link, failures], timeout: args.timeout },
    {
      filters: args.filters,
      transform: {
        eventSourceMapping: (mapping) => {
          mapping.batchSize = args.batching.batchSize;
          mapping.maximumBatchingWindowInSeconds = args.batching.maximumBatchingWindowInSeconds;
          mapping.functionResponseTypes = ["ReportBatchItemFailures"];
          mapping.maximumRetryAttempts = -1;
          mapping.maximumRecordAgeInSeconds = 24 * 3600;
          mapping.destinationConfig = { onFailure: { destinationArn: failures.arn } };
        },
      },
    },
  );
  alarmOnFailureQueue(`${name}Failures`, failures);
  alarmOnLambdaErrors(name, subscription.nodes.function);
  return { subscription, failures };
}
