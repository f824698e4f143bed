import { Recommendation } from "../../../core/src/recommendation/index.ts";
import { recommendationHandler } from "./recommendations.ts";

export const handler = recommendationHandler((event) =>
  Recommendation.trending({ viewer: event.viewer as Recommendation.Viewer, numResults: event.numResults }),
);
