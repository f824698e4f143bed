// Watch history and My List on AWS: the table stream's second subscriber. Progress and My List entries
// carry their title's summary (one Query per list); when an editor changes a title, this Lambda writes the
// new summary into every entry of the title (gsi3), so a renamed title, or one whose maturity went up,
// does not stay stale in anyone's lists. Its own event-source mapping: a failure here never holds back
// the interactions sent to Personalize (infra/recommendations.ts), nor the other way round.
import { titleSummaryStreamBatching, titleSummaryStreamFilters } from "../packages/core/src/history/stream.ts";
import { table } from "./storage.ts";

/** The table stream's subscriber; offline, packages/local/src/stream runs the same handler. */
export const titleSummaryStreamHandler = "packages/functions/src/lambda/titleSummaryStream.handler";

/** Title changes whose entries could not be refreshed within a day: kept 14 days to replay. */
export const titleSummaryFailures = new sst.aws.Queue("TitleSummaryStreamFailures", {
  transform: { queue: { messageRetentionSeconds: 14 * 24 * 3600 } },
});

export const titleSummaryStream = table.subscribe(
  "TitleSummaryStream",
  // A popular title has many entries, one conditional write each.
  { handler: titleSummaryStreamHandler, link: [table, titleSummaryFailures], timeout: "5 minutes" },
  {
    filters: titleSummaryStreamFilters,
    transform: {
      eventSourceMapping: (args) => {
        args.batchSize = titleSummaryStreamBatching.batchSize;
        args.maximumBatchingWindowInSeconds = titleSummaryStreamBatching.maximumBatchingWindowInSeconds;
        // The handler names the records of the titles it could not finish; only those (and what follows) are retried.
        args.functionResponseTypes = ["ReportBatchItemFailures"];
        // Retried for as long as the stream keeps records (24 hours)...
        args.maximumRetryAttempts = -1;
        args.maximumRecordAgeInSeconds = 24 * 3600;
        // ...and what ages out is parked, not dropped.
        args.destinationConfig = { onFailure: { destinationArn: titleSummaryFailures.arn } };
      },
    },
  },
);
