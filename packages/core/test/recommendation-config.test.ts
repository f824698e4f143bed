// What recommendations take as configuration and what they tell Personalize: the keys of the popular
// partition against ElectroDB's, the linked config (absent or empty = popularity only), the numResults
// rule the resolvers apply, and filterValues in Personalize's own format.
import { createConversions } from "electrodb";
import { describe, expect, it } from "vitest";
import { interactionKeys, interactionSortKeyPrefix, popularityRank, popularPartition, popularTitleKeys, progressKeys, progressSortKeyPrefix } from "../src/keys.ts";
import { endpointOf, filterValuesFor, notConfigured, profileFilterExpression, RecommendationsConfig } from "../src/recommendation/config.ts";
import { PopularTitleEntity } from "../src/recommendation/entity.ts";
import { itemMaturity, numResultsProblem, personalizeMaturities, recommendationLimits } from "../src/recommendation/limits.ts";
import { popularTitleItem } from "../src/recommendation/popular.ts";

const arn = (resource: string) => `arn:aws:personalize:us-east-1:123456789012:${resource}`;

describe("the popular partition", () => {
  const conversions = createConversions(PopularTitleEntity);

  it.each([0, 1, 341, 999_999_999])("has ElectroDB's keys at popularity %i", (popularity) => {
    expect(popularTitleKeys(popularity, "ml-1")).toEqual(conversions.fromComposite.toKeys({ popularityRank: popularityRank(popularity), titleId: "ml-1" }));
  });

  it("is one Query: ElectroDB's query of the entity reads the same partition", () => {
    const params = PopularTitleEntity.query.byPopularity({}).params({ table: "t" }) as { ExpressionAttributeValues: Record<string, unknown> };
    expect(params.ExpressionAttributeValues[":pk"]).toBe(popularPartition);
  });

  it("items are what the entity writes, with no maturity attribute for an unrated title", () => {
    const rated = { titleId: "ml-1", popularity: 247, maturity: "ALL" as const };
    expect(popularTitleItem(rated)).toEqual(PopularTitleEntity.put({ ...rated, popularityRank: popularityRank(247) }).params({ table: "t" }).Item);
    const unrated = popularTitleItem({ titleId: "ml-2", popularity: 3, maturity: null });
    expect(unrated).not.toHaveProperty("maturity");
    expect(unrated).toEqual(PopularTitleEntity.put({ titleId: "ml-2", popularity: 3, popularityRank: popularityRank(3) }).params({ table: "t" }).Item);
  });

  it("sort-key prefixes select a profile's progress and interaction items", () => {
    expect(progressKeys("p1", "ml-1").sk.startsWith(progressSortKeyPrefix)).toBe(true);
    expect(interactionKeys("p1", "2026-01-01T00:00:00.000Z", "ml-1", "watch").sk.startsWith(interactionSortKeyPrefix)).toBe(true);
    expect(interactionKeys("p1", "2026-01-01T00:00:00.000Z", "ml-1", "watch").sk.startsWith(progressSortKeyPrefix)).toBe(false);
  });
});

describe("the Recommendations link", () => {
  it("counts empty values (secrets left at their placeholder) as not configured, with a 300 ms deadline", () => {
    const config = RecommendationsConfig.parse({ topPicks: "", filterArn: "", trending: null });
    expect(config).toEqual(notConfigured);
    expect(config.deadlineMs).toBe(300);
    expect(config.coldStartDeadlineMs).toBe(1_500);
    expect(config.topPicks).toBeUndefined();
  });

  it("takes recommender or campaign ARNs per use case, a ranking campaign and a filter", () => {
    const config = RecommendationsConfig.parse({
      topPicks: arn("recommender/top-picks"),
      moreLikeThis: arn("campaign/similar-items"),
      personalizedRanking: arn("campaign/ranking"),
      filterArn: arn("filter/profile"),
      deadlineMs: "150",
    });
    expect(config).toMatchObject({ topPicks: arn("recommender/top-picks"), moreLikeThis: arn("campaign/similar-items"), deadlineMs: 150 });
    expect(endpointOf(config.topPicks!)).toEqual({ recommenderArn: arn("recommender/top-picks") });
    expect(endpointOf(config.moreLikeThis!)).toEqual({ campaignArn: arn("campaign/similar-items") });
  });

  it.each([
    [{ topPicks: "top-picks" }, "topPicks"],
    [{ topPicks: arn("filter/profile") }, "topPicks"],
    [{ filterArn: arn("recommender/top-picks") }, "filterArn"],
    [{ personalizedRanking: arn("recommender/top-picks") }, "personalizedRanking"],
    [{ deadlineMs: 0 }, "deadlineMs"],
    [{ deadlineMs: 60_000 }, "deadlineMs"],
  ])("refuses %j", (input, field) => {
    const parsed = RecommendationsConfig.safeParse(input);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual([field]);
  });
});

describe("numResultsProblem (checked by the resolvers before any Lambda runs)", () => {
  it("accepts 1 to 50 and no value", () => {
    for (const value of [1, 20, 50, null, undefined]) expect(numResultsProblem(value)).toBeNull();
    expect(recommendationLimits.defaultResults).toBe(20);
  });

  it.each([0, 51, -3, 2.5])("refuses %d with a message naming the range", (value) => {
    expect(numResultsProblem(value)).toBe(`numResults must be between 1 and 50 (got ${value}).`);
  });
});

describe("filterValues for the profile filter", () => {
  it("is written in Personalize's filter syntax with one $MATURITY parameter", () => {
    expect(profileFilterExpression).toBe('INCLUDE ItemID WHERE Items.MATURITY IN ($MATURITY) | EXCLUDE ItemID WHERE Interactions.EVENT_TYPE IN ("finish")');
  });

  it("passes each maturity double-quoted, comma-separated, in one string", () => {
    expect(filterValuesFor("KIDS")).toEqual({ MATURITY: '"ALL","SEVEN_PLUS"' });
    expect(filterValuesFor("TEEN")).toEqual({ MATURITY: '"ALL","SEVEN_PLUS","THIRTEEN_PLUS"' });
    expect(filterValuesFor("ADULT")).toEqual({ MATURITY: '"ALL","SEVEN_PLUS","THIRTEEN_PLUS","SIXTEEN_PLUS","EIGHTEEN_PLUS","UNRATED"' });
  });

  it("lets only adults see unrated titles, as the catalog does", () => {
    expect(itemMaturity(null)).toBe("UNRATED");
    expect(itemMaturity("SEVEN_PLUS")).toBe("SEVEN_PLUS");
    expect(personalizeMaturities("KIDS")).not.toContain("UNRATED");
    expect(personalizeMaturities("TEEN")).not.toContain("UNRATED");
    expect(personalizeMaturities("ADULT")).toContain("UNRATED");
  });
});
