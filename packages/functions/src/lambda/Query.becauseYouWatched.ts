import { Recommendation } from "../../../core/src/recommendation/index.ts";
import { recommendationHandler } from "./recommendations.ts";

export const handler = recommendationHandler((event) =>
  Recommendation.becauseYouWatched({ viewer: event.viewer as Recommendation.Viewer, numResults: event.numResults, title: event.title as { titleId: string } }),
);
