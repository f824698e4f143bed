// Also behind Home.topPicks (the same data source), with numResults set to the home row's size.
import * as Recommendation from "@marquee/core/recommendation";
import { recommendationHandler } from "./recommendations.ts";

export const handler = recommendationHandler((event) =>
  Recommendation.topPicks({ viewer: event.viewer as Recommendation.Viewer, numResults: event.numResults }),
);
