// Shared by the recommendation Lambdas: the event their resolvers send (resolvers/recommendations.ts)
// and the answer as the GraphQL `Recommendations`. Core validates the event (zod) before using it.
import type { Recommendation } from "@marquee/core/recommendation";
import { toTitle } from "../resolvers/title.ts";
import { resolverHandler, type ResolverEvent } from "./handler.ts";

export type RecommendationEvent = ResolverEvent<{ profileId?: string; titleId?: string; numResults?: number | null }> & {
  /** The profile requireProfile proved to be the caller's. */
  viewer: { profileId: string; maturity: string };
  numResults: number | null;
  /** The title getTitleForProfile found (related lists only). */
  title: { titleId: string; genres?: string[] | null } | null;
};

export type RecommendationsAnswer = { items: Array<ReturnType<typeof toTitle>>; source: Recommendation.RecommendationSource };

export function recommendationHandler(recommend: (event: RecommendationEvent) => Promise<Recommendation.RecommendationList>) {
  return resolverHandler<RecommendationEvent["arguments"], RecommendationsAnswer, RecommendationEvent>(async (event) => {
    const list = await recommend(event);
    return { items: list.items.map(toTitle), source: list.source };
  });
}
