// The recommendation fields the client knows how to show (issue 5's). Which of them the API really offers
// is generated from schema.graphql into ./recommendations.generated.ts. Dependency-free: the generator
// imports it.

export const recommendationFieldLabels = {
  topPicks: "Top picks for you",
  becauseYouWatched: "Because you watched",
  trending: "Trending now",
  mostPopular: "Most popular",
  moreLikeThis: "More like this",
} as const;

export type RecommendationField = keyof typeof recommendationFieldLabels;

/** How to ask for one recommendation field and where its titles are in the answer. */
export type RecommendationDescriptor = {
  field: RecommendationField;
  /** A field of Query, or of Home (read through `home(profileId)`). */
  parent: "Query" | "Home";
  /** Arguments the client fills in: the profile, the title (for "more like X"), a page size. */
  args: Array<"profileId" | "titleId" | "limit" | "numResults">;
  /** Path from the field to its list of titles ([] when the field is the list itself). */
  titlesPath: string[];
  /** Whether the answer says where it came from (the personalized model or the popularity fallback). */
  hasSource: boolean;
};
