// Query.home: the profile, continue watching, My List and genre rows in one GraphQL query, every list
// within the profile's maturity, and a DynamoDB request count that does not depend on the data.
import { beforeAll, describe, expect, it } from "vitest";
import { defaultGenreRows, homeRules } from "@marquee/core/appsync";
import { allowedTitleMaturities } from "@marquee/core/appsync";
import { dynamodbRequestsOf, flushApiCache } from "../../src/testing/client.ts";
import {
  addToMyList,
  continueWatching,
  createTitle,
  dataOf,
  home,
  minutesAgo,
  myList,
  recordProgress,
  updateMaturity,
  watcher,
  type Home,
  type TestTitle,
} from "./watching-fixtures.ts";

// Popular enough to lead their genre rows whatever the seed holds.
const popular = 900_000_000;
let westerns: TestTitle[];
let sciFi: TestTitle[];
let horror: TestTitle;
let children: TestTitle;

beforeAll(async () => {
  westerns = await Promise.all([1, 2, 3].map((n) => createTitle({ name: `Dust Trail ${n}`, genres: ["Western"], maturity: "THIRTEEN_PLUS", popularity: popular + n })));
  sciFi = await Promise.all([1, 2].map((n) => createTitle({ name: `Orbit ${n}`, genres: ["Sci-Fi"], maturity: "THIRTEEN_PLUS", popularity: popular + n })));
  horror = await createTitle({ name: "Basement Tapes", genres: ["Horror", "Drama"], maturity: "EIGHTEEN_PLUS", popularity: popular });
  children = await createTitle({ name: "Kite Day", genres: ["Children", "Comedy"], maturity: "ALL", popularity: popular });
});

const homeOf = async (profileId: string, as: Parameters<typeof home>[1]) => dataOf(await home(profileId, as)).home as Home;

describe("Query.home", () => {
  it("returns the profile, continue watching, My List and genre rows in one query", async () => {
    const { profileId, as } = await watcher();
    dataOf(await recordProgress({ profileId, titleId: westerns[0]!.id, positionSeconds: 1000, durationSeconds: 6000, eventAt: minutesAgo(30) }, as));
    dataOf(await recordProgress({ profileId, titleId: sciFi[0]!.id, positionSeconds: 2000, durationSeconds: 6000, eventAt: minutesAgo(20) }, as));
    dataOf(await recordProgress({ profileId, titleId: westerns[1]!.id, positionSeconds: 5900, durationSeconds: 6000, eventAt: minutesAgo(10) }, as));
    dataOf(await addToMyList(profileId, horror.id, as));

    const result = await homeOf(profileId, as);
    expect(result.profile).toEqual({
      id: profileId,
      name: expect.any(String),
      avatar: expect.any(String),
      maturity: "ADULT",
      language: "en",
      hasPin: false,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    // the same entries as the paged queries give, finished titles left out
    expect(result.continueWatching).toEqual(dataOf(await continueWatching(profileId, as)).continueWatching.items);
    expect(result.continueWatching.map((entry) => entry.title.id)).toEqual([sciFi[0]!.id, westerns[0]!.id]);
    expect(result.myList).toEqual(dataOf(await myList(profileId, as)).myList.items);
    expect(result.myList.map((entry) => entry.title.name)).toEqual(["Basement Tapes"]);
  });

  it("leads with the genres the profile watched most, padded with popular ones", async () => {
    const { profileId, as } = await watcher();
    let minutes = 60;
    for (const title of [...westerns, ...sciFi]) {
      dataOf(await recordProgress({ profileId, titleId: title.id, positionSeconds: 1000, durationSeconds: 6000, eventAt: minutesAgo((minutes -= 1)) }, as));
    }
    const rows = (await homeOf(profileId, as)).genreRows;
    expect(rows.map((row) => row.genre)).toEqual(["Western", "Sci-Fi", ...defaultGenreRows.ADULT!.slice(0, homeRules.genreRows - 2)]);
    expect(rows[0]!.titles.slice(0, 3).map((title) => title.id)).toEqual([...westerns].reverse().map((title) => title.id));
    for (const row of rows) {
      expect(row.titles.length).toBeLessThanOrEqual(homeRules.titlesPerRow);
      for (const title of row.titles) expect(title.genres).toContain(row.genre);
    }
  });

  it("shows a new profile the popular genres", async () => {
    const { profileId, as } = await watcher();
    const result = await homeOf(profileId, as);
    expect(result.continueWatching).toEqual([]);
    expect(result.myList).toEqual([]);
    expect(result.genreRows.map((row) => row.genre)).toEqual(defaultGenreRows.ADULT);
    expect(result.genreRows.find((row) => row.genre === "Drama")!.titles.map((title) => title.id)).toContain(horror.id);
  });
});

describe("Query.home for a kids profile", () => {
  it("shows only titles rated for kids, never unrated ones", async () => {
    const { profileId, as } = await watcher("KIDS");
    dataOf(await recordProgress({ profileId, titleId: children.id, positionSeconds: 1000, durationSeconds: 6000 }, as));
    const result = await homeOf(profileId, as);
    expect(result.profile.maturity).toBe("KIDS");
    expect(result.continueWatching.map((entry) => entry.title.id)).toEqual([children.id]);
    expect(result.genreRows.map((row) => row.genre)).toEqual(["Children", "Comedy", ...defaultGenreRows.KIDS!.filter((genre) => !["Children", "Comedy"].includes(genre)).slice(0, 4)]);
    const allowed = allowedTitleMaturities("KIDS");
    const titles = result.genreRows.flatMap((row) => row.titles);
    expect(titles.length).toBeGreaterThan(0);
    for (const title of titles) expect(allowed, `${title.id} is ${title.maturity}`).toContain(title.maturity);
    expect(result.genreRows[0]!.titles.map((title) => title.id)).toContain(children.id);
  });

  it("hides what a profile watched before its maturity was lowered, everywhere", async () => {
    const { viewer, profileId, as } = await watcher("ADULT");
    dataOf(await recordProgress({ profileId, titleId: horror.id, positionSeconds: 1000, durationSeconds: 6000, eventAt: minutesAgo(20) }, as));
    dataOf(await recordProgress({ profileId, titleId: children.id, positionSeconds: 1000, durationSeconds: 6000, eventAt: minutesAgo(10) }, as));
    dataOf(await addToMyList(profileId, horror.id, as));
    dataOf(await addToMyList(profileId, children.id, as));
    await updateMaturity(viewer, profileId, "KIDS");

    const result = await homeOf(profileId, as);
    expect(result.continueWatching.map((entry) => entry.title.id)).toEqual([children.id]);
    expect(result.myList.map((entry) => entry.title.id)).toEqual([children.id]);
    expect(dataOf(await continueWatching(profileId, as)).continueWatching.items.map((entry) => entry.title.id)).toEqual([children.id]);
    expect(dataOf(await myList(profileId, as)).myList.items.map((entry) => entry.title.id)).toEqual([children.id]);
    for (const row of result.genreRows) for (const title of row.titles) expect(title.maturity === "ALL" || title.maturity === "SEVEN_PLUS").toBe(true);
  });
});

describe("the home query's DynamoDB requests", () => {
  // Counted by the runtime as it sends them (the stack's request log, by the response's x-amzn-RequestId):
  // Query.home proves the profile with one GetItem, each Home field makes one Query, and each genre row
  // one Query, unless the API cache answers the row (GenreRow.titles is cached per genre and maturity,
  // and other test files share the cache), so rows make at most one each: 1 + 3 + 6 = 10 at most.
  async function requestsOfHome(profileId: string, as: Parameters<typeof home>[1]) {
    await flushApiCache();
    const response = await home(profileId, as);
    const page = dataOf(response).home as Home;
    const { "GenreRow.titles": rows = {}, ...fields } = (await dynamodbRequestsOf(response)).byResolver;
    return { page, fields, rows };
  }

  it("is one GetItem, one Query per Home field and at most one per genre row, for a new profile and one with a long history", async () => {
    const fresh = await watcher();
    const busy = await watcher();
    const titles = [...westerns, ...sciFi, horror, children];
    for (const [index, title] of titles.entries()) {
      dataOf(await recordProgress({ profileId: busy.profileId, titleId: title.id, positionSeconds: 1000, durationSeconds: 6000, eventAt: minutesAgo(60 - index) }, busy.as));
      dataOf(await addToMyList(busy.profileId, title.id, busy.as));
    }
    for (const [viewer, entries] of [[fresh, 0], [busy, titles.length]] as const) {
      const { page, fields, rows } = await requestsOfHome(viewer.profileId, viewer.as);
      expect(page.continueWatching.length).toBe(entries);
      expect(page.myList.length).toBe(entries);
      expect(page.genreRows.length).toBe(homeRules.genreRows);
      expect(fields).toEqual({
        "function:requireProfile": { GetItem: 1 },
        "Home.continueWatching": { Query: 1 },
        "Home.myList": { Query: 1 },
        "Home.genreRows": { Query: 1 },
      });
      expect(Object.keys(rows).filter((operation) => operation !== "Query")).toEqual([]);
      expect(rows.Query ?? 0).toBeLessThanOrEqual(page.genreRows.length);
    }
  });
});
