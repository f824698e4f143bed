// Subscribed to the table's stream (infra/history.ts; offline, packages/offline/src/stream polls DynamoDB
// Local's stream and calls this the same way). Only changed titles get here (the mapping's filter): their
// new summary is written into every progress and My List entry of the title. Records whose entries could
// not all be written are reported back, so the mapping delivers them again; the writes' version condition
// makes the retry harmless.
import * as History from "@marquee/core/history";
import { observed, outcomeOfBatch } from "./observability.ts";

export const handler = observed(async (event: History.StreamEvent): Promise<History.StreamBatchResponse> => {
  const result = await History.refreshTitleSummaries(event.Records);
  return { batchItemFailures: result.failedSequenceNumbers.map((itemIdentifier) => ({ itemIdentifier })) };
}, outcomeOfBatch);
