// The table's stream, offline: DynamoDB Local's stream polled the way a Lambda event-source mapping
// reads DynamoDB Streams, with the same handler the mapping invokes on AWS. Start at poller.ts.
export { startStreamPoller } from "./poller.ts";
export type { StreamHandler, StreamHandlerResult, StreamPoller, StreamPollerOptions, StreamPollerStats } from "./poller.ts";
export { checkPattern, matchesAny, UnsupportedFilterError } from "./filters.ts";
export type { FilterPattern, FilterRule } from "./filters.ts";
export { toLambdaRecord } from "./records.ts";
export type { LambdaAttributeValue, LambdaStreamEvent, LambdaStreamRecord } from "./records.ts";
export {
  interactionSubscription,
  invokeLocalFunction,
  startInteractionStream,
  startTitleSummaryStream,
  subscribeToTableStream,
  titleSummarySubscription,
} from "./subscriptions.ts";
export type { InvokeSubscriber, StreamSubscription, TableStreamOptions } from "./subscriptions.ts";
