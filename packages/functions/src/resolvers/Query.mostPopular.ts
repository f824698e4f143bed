// Pipeline: numResults is checked first (nothing runs for a bad one), requireProfile proves the profile is
// the caller's, then the mostPopular Lambda answers (see packages/functions/src/lambda/Query.mostPopular.ts).
export { recommendationPipelineRequest as request } from "./recommendations";
export { response } from "./pipeline";
