// What the web client takes from the API instead of from core, checked against the API itself: the lists
// its pickers offer (Query.choices), that it can draw every avatar offered, and where its recommendation
// rows stop growing.
import { describe, expect, it } from "vitest";
import { avatars, knownGenres } from "@marquee/core/appsync";
import { recommendationMaxResults } from "@marquee/web/api/recommendations";
import { isDrawn } from "@marquee/web/profiles/avatars";
import { as, dataOf, errorOf, graphql, watcher } from "./watching-fixtures.ts";

type Choices = { titleGenres: string[]; avatars: string[] };

async function choices(): Promise<Choices> {
  return dataOf(await graphql<{ choices: Choices }>(`{ choices { titleGenres avatars } }`)).choices;
}

describe("Query.choices", () => {
  it("offers exactly the genres and avatars core validates against, in their order", async () => {
    const offered = await choices();
    expect(offered.titleGenres).toEqual([...knownGenres]);
    expect(offered.avatars).toEqual([...avatars]);
  });

  it("offers only avatars a profile can be given, and the web client draws each of them", async () => {
    const { viewer, profileId } = await watcher();
    const offered = (await choices()).avatars;
    for (const avatar of offered) {
      expect(isDrawn(avatar), avatar).toBe(true);
      const response = await graphql<{ updateProfile: { avatar: string } }>(
        `mutation ($input: UpdateProfileInput!) { updateProfile(input: $input) { avatar } }`,
        { input: { profileId, avatar } },
        as(viewer),
      );
      expect(dataOf(response).updateProfile.avatar).toBe(avatar);
    }
  });
});

describe("the web client's recommendation rows", () => {
  const topPicks = (profileId: string, numResults: number, who: ReturnType<typeof as>) =>
    graphql<{ topPicks: { items: unknown[] } }>(`query ($profileId: ID!, $n: Int) { topPicks(profileId: $profileId, numResults: $n) { items { id } } }`, { profileId, n: numResults }, who);

  it("grow to the largest numResults the API accepts, and not one more", async () => {
    const { profileId, as: who } = await watcher();
    const longest = dataOf(await topPicks(profileId, recommendationMaxResults, who)).topPicks;
    expect(longest.items.length).toBeGreaterThan(0);
    expect(longest.items.length).toBeLessThanOrEqual(recommendationMaxResults);
    expect(errorOf(await topPicks(profileId, recommendationMaxResults + 1, who), "topPicks").errorType).toBe("BadRequest");
  });
});
