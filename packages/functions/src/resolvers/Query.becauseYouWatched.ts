// Pipeline: numResults is checked first, requireProfile proves the profile is the caller's,
// getTitleForProfile finds the title (NotFound, or NotAvailable above the profile's maturity), then the
// becauseYouWatched Lambda answers (see packages/functions/src/lambda/Query.becauseYouWatched.ts).
export { recommendationPipelineRequest as request } from "./recommendations";
export { response } from "./pipeline";
