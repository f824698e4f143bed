// The catalog's queries over HTTP with real tokens, against the seeded catalog (MovieLens movies with
// at least 20 ratings, or the built-in fallback: assertions hold for both). Nothing here writes, and
// the files that run alongside write titles into other genres than Adventure and War, so counts and
// listings of those two are the seed's. Search results are compared over seeded titles ("ml-" ids):
// other files add titles of their own (some straight into the table, without search tokens).
import { describe, expect, it } from "vitest";
import { knownGenres } from "@marquee/core/appsync";
import { normalizeText, searchWords } from "@marquee/core/appsync";
import { graphql } from "../../src/testing/client.ts";
import {
  allPages,
  dataOf,
  fieldErrorOf,
  genreCounts,
  genresQuery,
  search,
  searchQuery,
  storedTitles,
  titleById,
  titlesByGenreQuery,
  type TitlePage,
  type TitleView,
} from "./catalog-support.ts";

/** Genres no test file writes to, present in both seeds. */
const genre = "Adventure";
const smallGenre = "War";
const isSeeded = (titleId: string) => titleId.startsWith("ml-");

const starWars = "ml-260";
const empireStrikesBack = "ml-1196";
const amelie = "ml-4973";

async function genrePage(variables: Record<string, unknown>) {
  return graphql<{ titlesByGenre: TitlePage }>(titlesByGenreQuery, variables);
}

async function searchPage(variables: Record<string, unknown>) {
  return graphql<{ searchTitles: TitlePage }>(searchQuery, variables);
}

/** 0: the name is the query; 1: the name starts with it; 2: words of the name start with its words. */
function matchRank(name: string, query: string): number {
  const phrase = searchWords(query).join(" ");
  const normalized = normalizeText(name);
  return normalized === phrase ? 0 : normalized.startsWith(phrase) ? 1 : 2;
}

/** Every typed word is a word of the name; the last one may be the start of a word. */
function matchesQuery(name: string, query: string): boolean {
  const nameWords = searchWords(name);
  const typed = searchWords(query);
  return typed.every((word, index) =>
    index === typed.length - 1 ? nameWords.some((candidate) => candidate.startsWith(word)) : nameWords.includes(word),
  );
}

/** A token with one character in the middle changed (appending would not do: base64 decoders skip what follows the padding). */
function tampered(token: string): string {
  const middle = Math.floor(token.length / 2);
  return token.slice(0, middle) + (token[middle] === "A" ? "B" : "A") + token.slice(middle + 1);
}

function isNonIncreasing(values: number[]): boolean {
  return values.every((value, index) => index === 0 || value <= values[index - 1]!);
}

describe("Query.title", () => {
  it("returns a seeded title with every field", async () => {
    const title = await titleById(starWars);
    expect(title).toMatchObject({
      id: starWars,
      name: "Star Wars: Episode IV - A New Hope",
      year: 1977,
      genres: ["Action", "Adventure", "Sci-Fi"],
      maturity: "THIRTEEN_PLUS",
      version: 1,
      createdAt: "2016-10-17T00:00:00.000Z",
      updatedAt: "2016-10-17T00:00:00.000Z",
    });
    expect(title!.popularity).toBeGreaterThan(0);
    if (title!.ratingCount > 0) {
      expect(title!.averageRating).toBeGreaterThanOrEqual(0.5);
      expect(title!.averageRating).toBeLessThanOrEqual(5);
    } else {
      expect(title!.averageRating).toBeNull();
    }
  });

  it("is null, without an error, for an unknown id", async () => {
    expect(await titleById("ml-999999999")).toBeNull();
  });
});

describe("Query.titlesByGenre", () => {
  it("returns 20 titles by default and at most 50", async () => {
    const count = (await genreCounts())[genre]!;
    const byDefault = dataOf(await genrePage({ genre })).titlesByGenre;
    expect(byDefault.items).toHaveLength(Math.min(20, count));
    const fifty = dataOf(await genrePage({ genre, limit: 50 })).titlesByGenre;
    expect(fifty.items).toHaveLength(Math.min(50, count));
    expect(fifty.items.slice(0, byDefault.items.length)).toEqual(byDefault.items);
  });

  it.each([0, 51, -1])("refuses limit %i with a BadRequest naming the range", async (limit) => {
    const response = await genrePage({ genre: "Drama", limit });
    // TitlePage! is non-null, so the null reaches the root.
    expect(response.body.data).toBeNull();
    const error = fieldErrorOf(response, "titlesByGenre");
    expect(error).toMatchObject({ errorType: "BadRequest", message: `limit must be between 1 and 50 (got ${limit}).` });
  });

  it("pages through a whole genre, most popular first, every title exactly once", async () => {
    const counts = await genreCounts();
    for (const name of [genre, smallGenre]) {
      const count = counts[name]!;
      // At least three pages, the last one partial when the count allows.
      const limit = Math.max(1, Math.min(50, Math.floor(count / 3)));
      const pages = await allPages(titlesByGenreQuery, "titlesByGenre", { genre: name, limit });
      const titles = pages.flatMap((page) => page.items);
      expect(pages.slice(0, -1).every((page) => page.items.length === limit), name).toBe(true);
      expect(titles.map((title) => title.id), name).toHaveLength(count);
      expect(new Set(titles.map((title) => title.id)).size, name).toBe(count);
      expect(titles.every((title) => title.genres.includes(name)), name).toBe(true);
      expect(isNonIncreasing(titles.map((title) => title.popularity)), name).toBe(true);
    }
  });

  it("continues exactly where the previous page ended", async () => {
    const first = dataOf(await genrePage({ genre, limit: 4 })).titlesByGenre;
    const second = dataOf(await genrePage({ genre, limit: 4, nextToken: first.nextToken })).titlesByGenre;
    const both = dataOf(await genrePage({ genre, limit: 8 })).titlesByGenre;
    expect([...first.items, ...second.items]).toEqual(both.items);
  });

  it("is an empty last page for a genre with no titles", async () => {
    expect(dataOf(await genrePage({ genre: "Space Opera" })).titlesByGenre).toEqual({ items: [], nextToken: null });
  });

  describe("refuses a nextToken it did not issue for this query", () => {
    const refusal = { errorType: "BadRequest", message: expect.stringMatching(/^Invalid pagination token given/) };

    it("a tampered token", async () => {
      const { nextToken } = dataOf(await genrePage({ genre: "Drama", limit: 2 })).titlesByGenre;
      expect(nextToken).toEqual(expect.any(String));
      const response = await genrePage({ genre: "Drama", limit: 2, nextToken: tampered(nextToken!) });
      expect(response.body.data).toBeNull();
      expect(fieldErrorOf(response, "titlesByGenre")).toMatchObject(refusal);
    });

    it("a token that is not a token at all", async () => {
      const response = await genrePage({ genre: "Drama", nextToken: "not-a-token" });
      expect(fieldErrorOf(response, "titlesByGenre")).toMatchObject(refusal);
    });

    it("a token of another genre", async () => {
      const { nextToken } = dataOf(await genrePage({ genre: "Drama", limit: 2 })).titlesByGenre;
      const response = await genrePage({ genre: "Comedy", limit: 2, nextToken });
      expect(fieldErrorOf(response, "titlesByGenre")).toMatchObject(refusal);
    });

    it("a token of searchTitles", async () => {
      const { nextToken } = dataOf(await searchPage({ query: "the", limit: 2 })).searchTitles;
      expect(nextToken).toEqual(expect.any(String));
      const response = await genrePage({ genre: "Drama", limit: 2, nextToken });
      expect(fieldErrorOf(response, "titlesByGenre")).toMatchObject(refusal);
    });

    it("a search token used for another search", async () => {
      const { nextToken } = dataOf(await searchPage({ query: "star", limit: 1 })).searchTitles;
      const response = await searchPage({ query: "sta", limit: 1, nextToken });
      expect(fieldErrorOf(response, "searchTitles")).toMatchObject(refusal);
    });
  });
});

describe("Query.genres", () => {
  it("lists the catalog's genres by name, each with its number of titles", async () => {
    const { genres } = dataOf(await graphql<{ genres: Array<{ name: string; titleCount: number }> }>(genresQuery));
    const names = genres.map((genre) => genre.name);
    expect(names).toEqual([...names].sort());
    expect(names).toContain("Drama");
    expect(names.every((name) => (knownGenres as readonly string[]).includes(name))).toBe(true);
    expect(genres.every((genre) => Number.isInteger(genre.titleCount) && genre.titleCount > 0)).toBe(true);
  });
});

describe("Query.searchTitles", () => {
  it("ignores case and accents: amelie finds Amélie", async () => {
    const plain = await search("amelie");
    expect(plain.map((title) => title.id)).toContain(amelie);
    expect(plain.find((title) => title.id === amelie)!.name).toContain("Amélie");
    for (const typed of ["AMÉLIE", "Amélie", "aMeLiE"]) expect(await search(typed), typed).toEqual(plain);
  });

  it("reads the last word as a prefix", async () => {
    const ids = (await search("star wa")).map((title) => title.id);
    expect(ids).toEqual(expect.arrayContaining([starWars, empireStrikesBack]));
    expect((await search("amel")).map((title) => title.id)).toContain(amelie);
  });

  it("needs every word, in any order", async () => {
    for (const query of ["star wars", "wars star", "empire strikes", "strikes empire back"]) {
      const results = await search(query, 50);
      expect(results.map((title) => title.id), query).toContain(empireStrikesBack);
      expect(results.filter((title) => !matchesQuery(title.name, query)), query).toEqual([]);
    }
    expect(await search("star trek wars")).toEqual([]);
  });

  it("ranks a page: exact name, then names starting with the query, then word matches; then by popularity", async () => {
    for (const query of ["star", "star wars", "the", "alien", "god"]) {
      const results = await search(query, 50);
      expect(results.length, query).toBeGreaterThan(0);
      const order = results.map((title) => [matchRank(title.name, query), -title.popularity] as const);
      const sorted = [...order].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
      expect(order, query).toEqual(sorted);
    }
  });

  it.each([
    ["", "query needs at least one letter or digit."],
    ["   ", "query needs at least one letter or digit."],
    ["?! … — «»", "query needs at least one letter or digit."],
    ["a".repeat(101), "query must be at most 100 characters."],
  ])("refuses %j with a BadRequest", async (query, message) => {
    const response = await searchPage({ query });
    expect(response.body.data).toBeNull();
    expect(fieldErrorOf(response, "searchTitles")).toMatchObject({ errorType: "BadRequest", message });
  });

  it("accepts a query of exactly 100 characters", async () => {
    expect(dataOf(await searchPage({ query: "a".repeat(100) })).searchTitles).toEqual({ items: [], nextToken: null });
  });

  it.each([0, 51])("refuses limit %i like titlesByGenre does", async (limit) => {
    const response = await searchPage({ query: "star", limit });
    expect(fieldErrorOf(response, "searchTitles")).toMatchObject({ errorType: "BadRequest", message: `limit must be between 1 and 50 (got ${limit}).` });
  });

  it("pages through a broad prefix returning each matching title exactly once", async () => {
    const expected = (await storedTitles())
      .filter((title) => isSeeded(title.titleId) && searchWords(title.name).some((word) => word.startsWith("s")))
      .map((title) => title.titleId)
      .sort();
    const pages = await allPages(searchQuery, "searchTitles", { query: "s", limit: 50 });
    const ids = pages.flatMap((page) => page.items.map((title: TitleView) => title.id));
    expect(pages.length).toBeGreaterThan(1);
    expect(ids).toHaveLength(new Set(ids).size);
    expect(ids.filter(isSeeded).sort()).toEqual(expected);
  });
});
