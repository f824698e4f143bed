export * as Recommendation from "./index.ts";

// Recommendations for a profile: Top picks, Because you watched, More like this, Trending, Most popular.
// Start at recommender.ts (Personalize first, popularity from the table when it cannot answer), then
// config.ts (what is configured, and how), catalog.ts (the table reads), interactions.ts (the stream's
// interactions sent to Personalize).
import { z } from "zod";
import { dynamoClient, tableName } from "../dynamo.ts";
import { profileMaturities } from "../profile/maturity.ts";
import { fn } from "../util/fn.ts";
import { configFromResource, type RecommendationsConfig, type UseCase } from "./config.ts";
import { recommendationLimits } from "./limits.ts";
import { createRuntimeClient } from "./personalize.ts";
import { createRecommender, type RecommendationList, type Recommender } from "./recommender.ts";

export { recommendationLimits, numResultsProblem, personalizeMaturities, itemMaturity, unratedMaturity } from "./limits.ts";
export { useCases, profileFilterExpression, filterValuesFor, RecommendationsConfig, InteractionEventsConfig, type UseCase } from "./config.ts";
export { createRecommender, type RecommendationList, type RecommendationSource, type Recommender, type Viewer, type SeedTitle } from "./recommender.ts";
// The stream Lambda imports @marquee/core/recommendation/interactions alone: it needs no recommender.
export { catalogItemOf, createInteractionSender, eventIdOf, interactionEventOf, sendInteractions, type CatalogItem, type InteractionEvent, type InteractionSender, type SendResult } from "./interactions.ts";
export { interactionStreamFilters, interactionStreamBatching, type StreamEvent, type StreamRecord, type StreamBatchResponse } from "./stream.ts";
export { popularTitleItem, type PopularTitleItem } from "./popular.ts";

const Viewer = z.object({ profileId: z.string().min(1), maturity: z.enum(profileMaturities) });
const NumResults = z
  .number()
  .int("must be a whole number")
  .min(recommendationLimits.minResults, `must be at least ${recommendationLimits.minResults}`)
  .max(recommendationLimits.maxResults, `must be at most ${recommendationLimits.maxResults}`)
  .nullish()
  .transform((value) => value ?? recommendationLimits.defaultResults);
const Seed = z.object({ titleId: z.string().min(1), genres: z.array(z.string()).nullish().transform((genres) => genres ?? []) });

export const ForProfile = z.object({ viewer: Viewer, numResults: NumResults });
export const FromTitle = ForProfile.extend({ title: Seed });

let recommender: Recommender | undefined;
let config: RecommendationsConfig | undefined;

/** The Lambdas' recommender: the linked config (read once), the table, Personalize through the SDK. */
function defaultRecommender(): Recommender {
  recommender ??= createRecommender({
    dynamo: dynamoClient,
    tableName,
    personalize: createRuntimeClient(),
    config: () => (config ??= configFromResource()),
  });
  return recommender;
}

const forProfile = (useCase: UseCase) =>
  fn(ForProfile, (input): Promise<RecommendationList> => defaultRecommender().recommend(useCase, { viewer: input.viewer, numResults: input.numResults }));
const fromTitle = (useCase: UseCase) =>
  fn(FromTitle, (input): Promise<RecommendationList> =>
    defaultRecommender().recommend(useCase, { viewer: input.viewer, numResults: input.numResults, seed: input.title }),
  );

/** Titles picked for the profile from everything it watched (popular titles for a new profile). */
export const topPicks = forProfile("topPicks");
/** Titles for someone who watched `title`, personalized for the profile. */
export const becauseYouWatched = fromTitle("becauseYouWatched");
/** Titles related to `title`. */
export const moreLikeThis = fromTitle("moreLikeThis");
/** What is watched most lately. */
export const trending = forProfile("trending");
/** What is watched most overall. */
export const mostPopular = forProfile("mostPopular");
