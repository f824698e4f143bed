import * as Recommendation from "@marquee/core/recommendation";
import { recommendationHandler } from "./recommendations.ts";

export const handler = recommendationHandler((event) =>
  Recommendation.becauseYouWatched({ viewer: event.viewer as Recommendation.Viewer, numResults: event.numResults, title: event.title as { titleId: string } }),
);
