// Pipeline: numResults is checked first (nothing runs for a bad one), requireProfile proves the profile is
// the caller's, then the topPicks Lambda answers (see packages/functions/src/lambda/Query.topPicks.ts).
export { recommendationPipelineRequest as request } from "./recommendations";
export { response } from "./pipeline";
