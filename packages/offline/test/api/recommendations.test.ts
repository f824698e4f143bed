// Recommendations through the API against the shared local stack: the local Personalize trained on the
// seed's MovieLens export, the stream carrying new interactions to it, the table for titles. Every list is
// full titles, within the profile's maturity, without what it finished.
import { describe, expect, it } from "vitest";
import { mayWatch, type ProfileMaturity } from "@marquee/core/appsync";
import { graphql, stack, viewer as demoEmail } from "../../src/testing/client.ts";
import { as, createProfile, dataOf, demoViewer, errorOf, history, recordProgress, watcher, type As, type Page, type WatchEntry } from "./watching-fixtures.ts";

type Title = { id: string; name: string; genres: string[]; maturity: string | null };
type Recommendations = { items: Title[]; source: "PERSONALIZE" | "POPULARITY_FALLBACK" };
type UseCase = "topPicks" | "becauseYouWatched" | "moreLikeThis" | "trending" | "mostPopular";

const related = (useCase: UseCase) => useCase === "becauseYouWatched" || useCase === "moreLikeThis";
const useCases: UseCase[] = ["topPicks", "becauseYouWatched", "moreLikeThis", "trending", "mostPopular"];

function recommend(useCase: UseCase, args: { profileId: string; titleId?: string; numResults?: number }, who: As = {}) {
  const titleArg = related(useCase) ? ", titleId: $titleId" : "";
  const titleVar = related(useCase) ? ", $titleId: ID!" : "";
  return graphql<Record<string, Recommendations>>(
    `query ($profileId: ID!, $numResults: Int${titleVar}) { ${useCase}(profileId: $profileId, numResults: $numResults${titleArg}) { source items { id name genres maturity } } }`,
    args,
    who,
  );
}

async function recommendations(useCase: UseCase, args: { profileId: string; titleId?: string; numResults?: number }, who: As = {}): Promise<Recommendations> {
  return dataOf(await recommend(useCase, args, who))[useCase]!;
}

/** Every history entry of a profile (all pages). */
async function wholeHistory(profileId: string, who: As = {}): Promise<WatchEntry[]> {
  const entries: WatchEntry[] = [];
  let nextToken: string | undefined;
  do {
    const page: Page<WatchEntry> = dataOf(await history(profileId, who, { limit: 50, ...(nextToken ? { nextToken } : {}) })).history;
    entries.push(...page.items);
    nextToken = page.nextToken ?? undefined;
  } while (nextToken);
  return entries;
}

async function demoProfile(): Promise<{ profileId: string; who: As }> {
  const demo = await demoViewer(demoEmail);
  const profiles = dataOf(await graphql<{ profiles: Array<{ id: string }> }>(`{ profiles { id } }`, {}, as(demo))).profiles;
  return { profileId: profiles[0]!.id, who: as(demo) };
}

/** Genre -> how many of the titles have it. */
function genreCounts(titles: Array<{ genres: string[] }>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const title of titles) for (const genre of title.genres) counts.set(genre, (counts.get(genre) ?? 0) + 1);
  return counts;
}

async function waitFor<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

describe("recommendations for the demo viewer", () => {
  it("come from Personalize for every use case, as full titles, numResults of them", async () => {
    const { profileId, who } = await demoProfile();
    const [latest] = await wholeHistory(profileId, who);
    for (const useCase of useCases) {
      const list = await recommendations(useCase, { profileId, numResults: 12, ...(related(useCase) ? { titleId: latest!.title.id } : {}) }, who);
      expect(list.source, useCase).toBe("PERSONALIZE");
      expect(list.items, useCase).toHaveLength(12);
      for (const title of list.items) expect(title).toMatchObject({ id: expect.any(String), name: expect.any(String), genres: expect.any(Array) });
      expect(new Set(list.items.map((title) => title.id)).size, useCase).toBe(12);
    }
  });

  it("top picks are the viewer's own, in the genres they watch", async () => {
    const { profileId, who } = await demoProfile();
    const watched = [...genreCounts((await wholeHistory(profileId, who)).map((entry) => entry.title))].sort((a, b) => b[1] - a[1]);
    const favourite = watched.slice(0, 5).map(([genre]) => genre);
    const picks = await recommendations("topPicks", { profileId, numResults: 20 }, who);
    const newcomer = await watcher("ADULT");
    const newcomersPicks = await recommendations("topPicks", { profileId: newcomer.profileId, numResults: 20 }, newcomer.as);
    const shared = picks.items.filter((title) => newcomersPicks.items.some((other) => other.id === title.id));
    expect(shared.length).toBeLessThanOrEqual(12);
    const inFavouriteGenres = picks.items.filter((title) => title.genres.some((genre) => favourite.includes(genre)));
    expect(inFavouriteGenres.length).toBeGreaterThanOrEqual(18);
  });

  it("never include a title the viewer finished", async () => {
    const { profileId, who } = await demoProfile();
    const entries = await wholeHistory(profileId, who);
    const finished = new Set(entries.filter((entry) => entry.status === "FINISHED").map((entry) => entry.title.id));
    expect(finished.size).toBeGreaterThan(50);
    const seed = entries.find((entry) => entry.status === "FINISHED")!.title.id;
    for (const useCase of useCases) {
      const list = await recommendations(useCase, { profileId, numResults: 50, ...(related(useCase) ? { titleId: seed } : {}) }, who);
      expect(list.items.filter((title) => finished.has(title.id)).map((title) => title.name), useCase).toEqual([]);
    }
  });

  it("'more like this' lists titles related to the one shown", async () => {
    const { profileId, who } = await demoProfile();
    // Toy Story: animated family films should come back.
    const list = await recommendations("moreLikeThis", { profileId, titleId: "ml-1", numResults: 10 }, who);
    expect(list.source).toBe("PERSONALIZE");
    expect(list.items.map((title) => title.id)).not.toContain("ml-1");
    const sharing = list.items.filter((title) => title.genres.some((genre) => ["Animation", "Children", "Adventure", "Comedy", "Fantasy"].includes(genre)));
    expect(sharing.length).toBeGreaterThanOrEqual(8);
  });

  it("the home screen has a Top picks row", async () => {
    const { profileId, who } = await demoProfile();
    const response = await graphql<{ home: { topPicks: Recommendations; genreRows: unknown[] } }>(
      `query ($p: ID!) { home(profileId: $p) { topPicks { source items { id name genres maturity } } genreRows { genre } } }`,
      { p: profileId },
      who,
    );
    const home = dataOf(response).home;
    expect(home.topPicks.source).toBe("PERSONALIZE");
    expect(home.topPicks.items).toHaveLength(20);
    const picks = await recommendations("topPicks", { profileId, numResults: 20 }, who);
    expect(home.topPicks.items.map((title) => title.id)).toEqual(picks.items.map((title) => title.id));
  });
});

describe("recommendations for other profiles", () => {
  it("follow what the profile watched: animated family films bring more of them", async () => {
    const { profileId, as: who } = await watcher("ADULT");
    // Toy Story, Aladdin, The Lion King, Beauty and the Beast, Finding Nemo, Monsters, Inc.
    for (const titleId of ["ml-1", "ml-588", "ml-364", "ml-595", "ml-6377", "ml-4886"]) {
      dataOf(await recordProgress({ profileId, titleId, positionSeconds: 5400, durationSeconds: 5400 }, who));
    }
    const family = (list: Recommendations) => list.items.filter((title) => title.genres.includes("Animation") || title.genres.includes("Children")).length;
    const popular = await recommendations("mostPopular", { profileId, numResults: 20 }, who);
    // The stream takes a moment to bring the six events to Personalize.
    const picks = await waitFor(() => recommendations("topPicks", { profileId, numResults: 20 }, who), (list) => family(list) >= 8);
    expect(picks.source).toBe("PERSONALIZE");
    expect(family(picks)).toBeGreaterThanOrEqual(8);
    expect(family(picks)).toBeGreaterThanOrEqual(3 * family(popular));
  });

  it("keep a kids profile to the titles its maturity allows, in every list", async () => {
    const { profileId, as: who } = await watcher("KIDS");
    const kidsTitle = "ml-1"; // Toy Story: ALL
    for (const useCase of useCases) {
      const list = await recommendations(useCase, { profileId, numResults: 30, ...(related(useCase) ? { titleId: kidsTitle } : {}) }, who);
      expect(list.items.length, useCase).toBeGreaterThan(0);
      const refused = list.items.filter((title) => !mayWatch("KIDS" as ProfileMaturity, title.maturity));
      expect(refused.map((title) => `${title.name} (${title.maturity})`), useCase).toEqual([]);
    }
  });

  it("give a new profile the popular titles", async () => {
    const { profileId, as: who } = await watcher("ADULT");
    const picks = await recommendations("topPicks", { profileId, numResults: 10 }, who);
    const popular = await recommendations("mostPopular", { profileId, numResults: 10 }, who);
    expect(picks.items.map((title) => title.id)).toEqual(popular.items.map((title) => title.id));
    // The seeded catalog's most watched title leads.
    expect(popular.items[0]!.name).toBe("Forrest Gump");
  });

  it("learn from what the profile watches: the stream carries it to Personalize", async () => {
    const { profileId, as: who } = await watcher("ADULT");
    const before = await recommendations("topPicks", { profileId, numResults: 10 }, who);
    const watchedId = before.items[0]!.id;
    dataOf(await recordProgress({ profileId, titleId: watchedId, positionSeconds: 1800, durationSeconds: 6000 }, who));
    // Not finished (so not left out by the table check): only Personalize, knowing it was watched, drops it.
    const after = await waitFor(
      () => recommendations("topPicks", { profileId, numResults: 10 }, who),
      (list) => !list.items.some((title) => title.id === watchedId),
    );
    expect(after.source).toBe("PERSONALIZE");
    expect(after.items.map((title) => title.id)).not.toContain(watchedId);
  });
});

describe("recommendation errors", () => {
  it("refuse a profile that is not the caller's, or does not exist", async () => {
    const { profileId } = await watcher("ADULT");
    for (const useCase of useCases) {
      const theirs = await recommend(useCase, { profileId, ...(related(useCase) ? { titleId: "ml-1" } : {}) });
      expect(errorOf(theirs, useCase).errorType, useCase).toBe("Unauthorized");
      const nobody = await recommend(useCase, { profileId: "no-such-profile", ...(related(useCase) ? { titleId: "ml-1" } : {}) });
      expect(errorOf(nobody, useCase).errorType, useCase).toBe("Unauthorized");
    }
  });

  it("say NotFound for an unknown title and NotAvailable for one above the profile's maturity", async () => {
    const { profileId, as: who } = await watcher("KIDS");
    for (const useCase of ["becauseYouWatched", "moreLikeThis"] as const) {
      const unknown = errorOf(await recommend(useCase, { profileId, titleId: "no-such-title" }, who), useCase);
      expect(unknown).toMatchObject({ errorType: "NotFound", message: "There is no title no-such-title." });
      // Alien (1979): Horror, 18+.
      const adult = errorOf(await recommend(useCase, { profileId, titleId: "ml-1214" }, who), useCase);
      expect(adult.errorType).toBe("NotAvailable");
    }
  });

  it("refuse numResults outside 1 to 50 with BadRequest", async () => {
    const { profileId, as: who } = await watcher("ADULT");
    for (const numResults of [0, 51, -1]) {
      for (const useCase of useCases) {
        const response = await recommend(useCase, { profileId, numResults, ...(related(useCase) ? { titleId: "ml-1" } : {}) }, who);
        expect(errorOf(response, useCase)).toMatchObject({ errorType: "BadRequest", message: `numResults must be between 1 and 50 (got ${numResults}).` });
      }
    }
    expect(stack().personalizeEndpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });
});
