import { Recommendation } from "../../../core/src/recommendation/index.ts";
import { recommendationHandler } from "./recommendations.ts";

export const handler = recommendationHandler((event) =>
  Recommendation.mostPopular({ viewer: event.viewer as Recommendation.Viewer, numResults: event.numResults }),
);
