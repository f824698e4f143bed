// Watch history and My List on AWS: the table stream's second subscriber. Progress and My List entries
// carry their title's summary (one Query per list); when an editor changes a title, this Lambda writes the
// new summary into every entry of the title (gsi3), so a renamed title, or one whose maturity went up,
// does not stay stale in anyone's lists. Its own event-source mapping: a failure here never holds back
// the interactions sent to Personalize (infra/recommendations.ts), nor the other way round.
import { titleSummaryStreamBatching, titleSummaryStreamFilters } from "@marquee/core/history/stream";
import { table, tableStreamSubscriber } from "./storage.ts";

/** The table stream's subscriber; offline, packages/offline/src/stream runs the same handler. */
export const titleSummaryStreamHandler = "packages/functions/src/lambda/titleSummaryStream.handler";

/** A popular title has many entries, one conditional write each: a generous timeout. */
export const titleSummaryStream = tableStreamSubscriber("TitleSummaryStream", {
  handler: titleSummaryStreamHandler,
  link: [table],
  timeout: "5 minutes",
  filters: titleSummaryStreamFilters,
  batching: titleSummaryStreamBatching,
});
