// The event-source mapping that sends interactions to Personalize: the filter it applies and its batching
// (the records' shape: ../table-stream.ts). Dependency-free: infra/ declares the mapping with
// these filters and the offline stack's stream poller applies the same ones.

export type { StreamAttribute, StreamBatchResponse, StreamEvent, StreamRecord } from "../table-stream.ts";

/**
 * Lambda event filters (https://docs.aws.amazon.com/lambda/latest/dg/invocation-eventfiltering.html):
 * only new interaction items (-> PutEvents) and new or changed titles (-> PutItems, so Personalize's
 * maturity filter knows them) reach the handler. TTL expiries (REMOVE) and every other item stay out.
 */
export const interactionStreamFilters = [
  { eventName: ["INSERT"], dynamodb: { NewImage: { __edb_e__: { S: ["interaction"] } } } },
  { eventName: ["INSERT", "MODIFY"], dynamodb: { NewImage: { __edb_e__: { S: ["title"] } } } },
];

/** How the mapping hands records over: batches of 100, at most a second's wait to fill one. */
export const interactionStreamBatching = { batchSize: 100, maximumBatchingWindowInSeconds: 1 } as const;
