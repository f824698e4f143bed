// The keys APPSYNC_JS resolvers and the seed build by hand (keys.ts, Title.itemsOf, history/items.ts) against ElectroDB's
// own, so the hand-built ones cannot drift from the model the entities declare.
import { createConversions } from "electrodb";
import { describe, expect, it } from "vitest";
import { MyListEntryEntity, ProgressEntity } from "../src/history/entity.ts";
import { myListItem, progressItem, titleSummaryOf } from "../src/history/items.ts";
import {
  continueWatchingIndexKeys,
  continueWatchingPartition,
  genreKeys,
  genresPartition,
  genreTitleKeys,
  genreTitlePartition,
  historyIndexKeys,
  historyPartition,
  initialOf,
  myListIndexKeys,
  myListKeys,
  myListPartition,
  popularityRank,
  progressKeys,
  searchPartition,
  searchTokenKeys,
  searchTokenPrefix,
  titleEntriesPartition,
  titleEntryIndexKeys,
  titleKeys,
} from "../src/keys.ts";
import { GenreEntity, GenreTitleEntity, SearchTokenEntity, TitleEntity } from "../src/title/entity.ts";
import { Title } from "../src/title/index.ts";
import { normalizeText, searchWords } from "../src/util/normalize.ts";

const table = "marquee-test";
const titleIds = ["ml-1", "ml-130219", "my-new-title-2025", "0"];
const genres = ["Drama", "Sci-Fi", "Film-Noir", "IMAX"];
const popularities = [0, 1, 57, 341, 999_999_999];

/** The key values of a Query ElectroDB builds: `:pk` and, when it has one, the begins_with `:sk1`. */
function queryKeys(params: { ExpressionAttributeValues?: Record<string, unknown> }) {
  const values = params.ExpressionAttributeValues ?? {};
  return { pk: values[":pk"], skPrefix: values[":sk1"] };
}

describe("popularityRank", () => {
  it("orders the most popular first when sort keys ascend", () => {
    const ranks = [0, 5, 10, 341, 1200].map(popularityRank);
    expect([...ranks].sort()).toEqual([...ranks].reverse());
    expect(ranks.every((rank) => rank.length === 9)).toBe(true);
  });

  it("clamps what is out of range and drops fractions", () => {
    expect(popularityRank(-3)).toBe("999999999");
    expect(popularityRank(2e9)).toBe("000000000");
    expect(popularityRank(12.9)).toBe(popularityRank(12));
  });
});

describe("titleKeys (Query.title)", () => {
  const conversions = createConversions(TitleEntity);
  it.each(titleIds)("equals ElectroDB's keys for %s", (titleId) => {
    expect(titleKeys(titleId)).toEqual(conversions.fromComposite.toKeys({ titleId }));
  });
});

describe("genreTitleKeys and genreTitlePartition (Query.titlesByGenre)", () => {
  const conversions = createConversions(GenreTitleEntity);
  for (const genre of genres) {
    it.each(popularities)(`equal ElectroDB's keys for ${genre} at popularity %i`, (popularity) => {
      const composite = { genre, popularityRank: popularityRank(popularity), titleId: "ml-260" };
      expect(genreTitleKeys(genre, popularity, "ml-260")).toEqual(conversions.fromComposite.toKeys(composite));
    });

    it(`reads ${genre}'s partition as ElectroDB's query does`, () => {
      const params = GenreTitleEntity.query.byGenre({ genre }).params({ table });
      expect(queryKeys(params)).toEqual({ pk: genreTitlePartition(genre), skPrefix: undefined });
    });
  }
});

describe("genreKeys and genresPartition (Query.genres, genre counters)", () => {
  const conversions = createConversions(GenreEntity);
  it.each(genres)("equal ElectroDB's keys for %s", (genre) => {
    expect(genreKeys(genre)).toEqual(conversions.fromComposite.toKeys({ genre }));
  });

  it("reads the genre list's partition as ElectroDB's query does", () => {
    const { pk } = queryKeys(GenreEntity.query.all({}).params({ table }));
    expect(genresPartition).toBe(pk);
    expect(genreKeys("Drama").pk).toBe(genresPartition);
  });
});

describe("searchTokenKeys, searchPartition and searchTokenPrefix (Query.searchTitles)", () => {
  const conversions = createConversions(SearchTokenEntity);
  const words = ["amelie", "star", "2001", "x", "αθηναι", "東京物語", "🎬"];

  for (const word of words) {
    it.each(popularities)(`equal ElectroDB's keys for "${word}" at popularity %i`, (popularity) => {
      const composite = { initial: initialOf(word), word, popularityRank: popularityRank(popularity), titleId: "ml-4973" };
      expect(searchTokenKeys(word, popularity, "ml-4973")).toEqual(conversions.fromComposite.toKeys(composite));
    });
  }

  it.each(words)("a prefix of %s reads the tokens ElectroDB's begins query reads", (word) => {
    const params = SearchTokenEntity.query.byWord({ initial: initialOf(word) }).begins({ word }).params({ table });
    expect(queryKeys(params)).toEqual({ pk: searchPartition(word), skPrefix: searchTokenPrefix(word, false) });
  });

  it.each(words)("the whole word %s reads the tokens ElectroDB's word query reads", (word) => {
    const params = SearchTokenEntity.query.byWord({ initial: initialOf(word), word }).params({ table });
    expect(queryKeys(params)).toEqual({ pk: searchPartition(word), skPrefix: searchTokenPrefix(word, true) });
  });

  it("puts every prefix of a word in the word's partition", () => {
    for (const word of ["amelie", "αθηναι", "🎬x"]) {
      const prefixes = [...word].map((_, end) => [...word].slice(0, end + 1).join(""));
      expect(new Set(prefixes.map(searchPartition))).toEqual(new Set([searchPartition(word)]));
    }
  });

  it("keeps a character outside the Basic Multilingual Plane whole in the partition key", () => {
    // A lone surrogate has no UTF-8 encoding (it becomes U+FFFD): DynamoDB could not store the key as written.
    const key = searchPartition("🎬movie");
    expect(key).toBe("SEARCH#🎬");
    expect(Buffer.from(key, "utf8").toString("utf8")).toBe(key);
  });
});

describe("Title.itemsOf: the items written by hand equal ElectroDB's puts", () => {
  const base: Title.Info = {
    titleId: "ml-4973",
    name: "Amélie (Fabuleux destin d'Amélie Poulain, Le)",
    year: 2001,
    genres: ["Comedy", "Romance"],
    maturity: "THIRTEEN_PLUS",
    popularity: 125,
    ratingCount: 125,
    ratingSum: 517.5,
    version: 3,
    createdAt: "2016-10-17T00:00:00.000Z",
    updatedAt: "2024-02-01T10:00:00.000Z",
  };
  const cases: Array<[string, Title.Info]> = [
    ["a seeded title", base],
    ["a title without year and maturity (nulls)", { ...base, titleId: "new-one", name: "Untitled", year: null, maturity: null, popularity: 0, ratingCount: 0, ratingSum: 0 }],
    ["a title with six genres and repeated words", { ...base, name: "Star Trek: Star Trek's Return", genres: ["Action", "Adventure", "Sci-Fi", "Drama", "IMAX", "War"] }],
    ["a title named with an emoji", { ...base, name: "🎬 Night" }],
  ];

  /** ElectroDB's put of the same title: absent attributes are left out (it refuses nulls). */
  const entityFields = (info: Title.Info) => ({ ...info, year: info.year ?? undefined, maturity: info.maturity ?? undefined });

  it.each(cases)("the title item of %s", (_, info) => {
    expect(Title.itemsOf(info).title).toEqual(TitleEntity.put(entityFields(info)).params({ table }).Item);
  });

  it.each(cases)("one genre item per genre of %s", (_, info) => {
    const expected = info.genres.map(
      (genre) => GenreTitleEntity.put({ ...entityFields(info), genre, popularityRank: popularityRank(info.popularity) }).params({ table }).Item,
    );
    expect(Title.itemsOf(info).genreTitles).toEqual(expected);
  });

  it.each(cases)("one search item per distinct word of %s", (_, info) => {
    const expected = searchWords(info.name).map(
      (word) =>
        SearchTokenEntity.put({
          ...entityFields(info),
          initial: initialOf(word),
          word,
          popularityRank: popularityRank(info.popularity),
          normalizedName: normalizeText(info.name),
        }).params({ table }).Item,
    );
    expect(Title.itemsOf(info).searchTokens).toEqual(expected);
  });

  it("reads back, through ElectroDB, as the title it was built from", () => {
    const { title } = Title.itemsOf(base);
    expect(TitleEntity.parse({ Item: title }).data).toEqual(base);
  });

  it("indexes at most the first 20 words of a long name", () => {
    const name = Array.from({ length: 30 }, (_, i) => `word${i}`).join(" ");
    const words = Title.itemsOf({ ...base, name }).searchTokens.map((item) => item.word);
    expect(words).toEqual(Array.from({ length: 20 }, (_, i) => `word${i}`));
  });
});

describe("progress and My List keys (recordProgress, the lists, the title-summary refresh)", () => {
  const progress = createConversions(ProgressEntity);
  const list = createConversions(MyListEntryEntity);
  const profileIds = ["a1b2c3", "7f0e-profile"];
  const at = "2026-03-01T20:00:00.000Z";
  const summary = titleSummaryOf({ titleId: "ml-260", name: "Star Wars", year: 1977, genres: ["Sci-Fi"], maturity: "SEVEN_PLUS", version: 2, createdAt: at, updatedAt: at });

  for (const profileId of profileIds) {
    it.each(titleIds)(`equal ElectroDB's keys of each index for profile ${profileId} and title %s`, (titleId) => {
      const patterns = progress.byAccessPattern;
      expect(patterns.byProfile.fromComposite.toKeys({ profileId, titleId })).toEqual(progressKeys(profileId, titleId));
      expect(patterns.continueWatching.fromComposite.toKeys({ profileId, lastWatchedAt: at, titleId })).toMatchObject(continueWatchingIndexKeys(profileId, at));
      expect(patterns.history.fromComposite.toKeys({ profileId, lastWatchedAt: at, titleId })).toMatchObject(historyIndexKeys(profileId, at, titleId));
      expect(patterns.byTitle.fromComposite.toKeys({ profileId, titleId })).toEqual({ ...progressKeys(profileId, titleId), ...titleEntryIndexKeys(titleId, profileId, "PROGRESS") });
      expect(list.byAccessPattern.byProfile.fromComposite.toKeys({ profileId, titleId })).toEqual(myListKeys(profileId, titleId));
      expect(list.byAccessPattern.newestFirst.fromComposite.toKeys({ profileId, addedAt: at, titleId })).toMatchObject(myListIndexKeys(profileId, at));
      expect(list.byAccessPattern.byTitle.fromComposite.toKeys({ profileId, titleId })).toEqual({ ...myListKeys(profileId, titleId), ...titleEntryIndexKeys(titleId, profileId, "LIST") });
    });
  }

  it("reads each list's partition as ElectroDB's queries do", () => {
    expect(queryKeys(ProgressEntity.query.continueWatching({ profileId: "p1" }).params({ table })).pk).toBe(continueWatchingPartition("p1"));
    expect(queryKeys(ProgressEntity.query.history({ profileId: "p1" }).params({ table })).pk).toBe(historyPartition("p1"));
    expect(queryKeys(MyListEntryEntity.query.newestFirst({ profileId: "p1" }).params({ table })).pk).toBe(myListPartition("p1"));
    // A title's entries: progress and My List share the partition, told apart by the sort key.
    expect(queryKeys(ProgressEntity.query.byTitle({ titleId: "ml-260" }).params({ table })).pk).toBe(titleEntriesPartition("ml-260"));
    expect(queryKeys(MyListEntryEntity.query.byTitle({ titleId: "ml-260" }).params({ table })).pk).toBe(titleEntriesPartition("ml-260"));
  });

  it("builds a My List item exactly as ElectroDB puts it", () => {
    const { key, attributes } = myListItem({ accountId: "sub-1", profileId: "p1", title: summary, addedAt: at });
    expect({ ...key, ...attributes }).toEqual(MyListEntryEntity.put({ accountId: "sub-1", profileId: "p1", titleId: summary.titleId, title: summary, addedAt: at }).params({ table }).Item);
  });

  it("builds a resumable progress item exactly as ElectroDB puts it (finished ones leave out the sparse gsi1 keys)", () => {
    const input = { accountId: "sub-1", profileId: "p1", title: summary, durationSeconds: 6000, eventAt: at };
    const put = (item: ReturnType<typeof progressItem>) => {
      const { profileId, accountId, titleId, title, positionSeconds, durationSeconds, resumeAtSeconds, status, hidden, lastWatchedAt, lastEventAt } = item.attributes;
      return ProgressEntity.put({ profileId, accountId, titleId, title, positionSeconds, durationSeconds, resumeAtSeconds, status, hidden, lastWatchedAt, lastEventAt }).params({ table }).Item as Record<string, unknown>;
    };
    const resumable = progressItem({ ...input, positionSeconds: 1800 });
    expect({ ...resumable.key, ...resumable.attributes }).toEqual(put(resumable));
    const finished = progressItem({ ...input, positionSeconds: 6000 });
    const { gsi1pk: _pk, gsi1sk: _sk, ...withoutContinueWatching } = put(finished);
    expect({ ...finished.key, ...finished.attributes }).toEqual(withoutContinueWatching);
    expect(finished.attributes).toMatchObject(titleEntryIndexKeys(summary.titleId, "p1", "PROGRESS"));
  });
});
