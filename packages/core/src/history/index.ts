// Watch history, continue watching and My List: the progress rules, the items they write and how the
// home screen's rows are chosen (rules.ts, items.ts, home.ts: dependency-free and in the APPSYNC_JS
// subset, because the resolvers in packages/functions/src/resolvers import those files directly), and
// the stream's refresh of the title summaries the entries carry (title-summaries.ts, Lambda only), and
// the repair of entries left under deleted profiles (orphans.ts, an operator's command).
export * as History from "./index.ts";

import { dynamoClient, tableName } from "../dynamo.ts";
import type { StreamRecord } from "./stream.ts";
import { createTitleSummaryRefresher, type RefreshResult, type TitleSummaryRefresher } from "./title-summaries.ts";

export * from "./rules.ts";
export * from "./items.ts";
export * from "./home.ts";
export { titleSummaryStreamBatching, titleSummaryStreamFilters, type StreamBatchResponse, type StreamEvent, type StreamRecord } from "./stream.ts";
export { createTitleSummaryRefresher, titleSummaryChangeOf, type RefreshResult, type TitleSummaryChange, type TitleSummaryRefresher } from "./title-summaries.ts";
export { removeOrphans, type OrphanReport } from "./orphans.ts";

let refresher: TitleSummaryRefresher | undefined;

/** The stream Lambda's work: changed titles' summaries into their entries; returns what failed, for the stream to retry. */
export function refreshTitleSummaries(records: readonly StreamRecord[]): Promise<RefreshResult> {
  refresher ??= createTitleSummaryRefresher({ dynamo: dynamoClient, tableName });
  return refresher.refresh(records);
}
