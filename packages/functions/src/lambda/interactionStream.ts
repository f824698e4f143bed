// Subscribed to the table's stream (infra/recommendations.ts; offline, packages/offline/src/stream polls
// DynamoDB Local's stream and calls this the same way). Only new interaction items get here (the
// mapping's filters): they go to Personalize with PutEvents. Records whose PutEvents failed are reported
// back, so the mapping delivers them again; their event ids make the retry harmless.
import * as Recommendation from "@marquee/core/recommendation/interactions";
import { observed, outcomeOfBatch } from "./observability.ts";

export const handler = observed(async (event: Recommendation.StreamEvent): Promise<Recommendation.StreamBatchResponse> => {
  const result = await Recommendation.sendInteractions(event.Records);
  return { batchItemFailures: result.failedSequenceNumbers.map((itemIdentifier) => ({ itemIdentifier })) };
}, outcomeOfBatch);
