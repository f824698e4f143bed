// The event-source mapping that keeps the title summaries of progress and My List entries current
// (title-summaries.ts). Dependency-free: infra/history.ts declares the mapping with these filters and
// the offline stack's stream poller applies the same ones.
export type { StreamAttribute, StreamBatchResponse, StreamEvent, StreamRecord } from "../table-stream.ts";

/**
 * Lambda event filters: only changed titles reach the handler (a new title has no entries yet, and a
 * title is never deleted). Whether the change touches the summary is decided by the handler, which
 * compares the old and new images: a filter cannot.
 */
export const titleSummaryStreamFilters = [{ eventName: ["MODIFY"], dynamodb: { NewImage: { __edb_e__: { S: ["title"] } } } }];

/**
 * Small batches: one title may have many entries (one conditional write each), and a failed batch is
 * redone from its failed record.
 */
export const titleSummaryStreamBatching = { batchSize: 10, maximumBatchingWindowInSeconds: 1 } as const;
