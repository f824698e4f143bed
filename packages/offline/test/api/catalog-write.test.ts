// The catalog's mutations over HTTP with real tokens: what the content team may change, what it sees
// when a change is refused, and what the table holds afterwards (read directly: the API alone cannot
// show a half-written title), and the home genre rows a title write evicts from the API cache. Writes
// only to Documentary, Musical and Western, and names titles with words no seeded title has (see
// catalog-read.test.ts, which runs alongside).
import { beforeAll, describe, expect, it } from "vitest";
import { graphql, viewer } from "../../src/testing/client.ts";
import {
  createTitle as createLeadingTitle,
  dataOf as homeDataOf,
  home,
  minutesAgo,
  recordProgress,
  watcher,
  type As,
  type Home,
} from "./watching-fixtures.ts";
import {
  asEditor,
  countChanges,
  createTitle,
  createTitleMutation,
  dataOf,
  deleteStoredItem,
  expectedItemsOf,
  fieldErrorOf,
  genreCounts,
  putStoredItem,
  search,
  storedItemsOf,
  titleById,
  titlesOfGenre,
  uniqueWord,
  updateTitleMutation,
  type TitleView,
} from "./catalog-support.ts";

const word = uniqueWord();
const id = (name: string) => `${word}-${name}`;
const isoTimestamp = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/;

async function updateToVersion(input: Record<string, unknown>) {
  return dataOf(await update(input));
}

async function update(input: Record<string, unknown>) {
  return asEditor<{ updateTitle: TitleView | null }>(updateTitleMutation, { input });
}

async function create(input: Record<string, unknown>) {
  return asEditor<{ createTitle: TitleView | null }>(createTitleMutation, { input });
}

/** What a refused mutation must leave: no item of the title, the genre counts as they were. */
async function expectNothingWritten(titleId: string, countsBefore: Record<string, number>) {
  expect(await titleById(titleId)).toBeNull();
  expect(await storedItemsOf(titleId)).toEqual([]);
  expect(countChanges(countsBefore, await genreCounts())).toEqual({});
}

beforeAll(async () => {
  // The first request of a file signs in; keep that out of the tests' timings.
  await genreCounts();
});

describe("Mutation.createTitle", () => {
  it("adds a title the catalog then reads, lists under its genres and finds by name", async () => {
    const own = uniqueWord();
    const before = await genreCounts();
    const created = await createTitle({ id: id("created"), name: `Zéphyrine ${own}`, year: 2001, genres: ["Documentary", "Musical"], maturity: "ALL" });
    expect(created).toMatchObject({
      id: id("created"),
      name: `Zéphyrine ${own}`,
      year: 2001,
      genres: ["Documentary", "Musical"],
      maturity: "ALL",
      popularity: 0,
      ratingCount: 0,
      averageRating: null,
      version: 1,
    });
    expect(created.createdAt).toMatch(isoTimestamp);
    expect(created.updatedAt).toBe(created.createdAt);

    expect(await titleById(created.id)).toEqual(created);
    expect((await titlesOfGenre("Documentary")).map((title) => title.id)).toContain(created.id);
    expect((await titlesOfGenre("Musical")).map((title) => title.id)).toContain(created.id);
    expect(await search(own)).toEqual([created]);
    // Accent- and case-insensitive, the last word a prefix.
    expect(await search(`ZEPHYRINE ${own.slice(0, 5)}`)).toEqual([created]);
    expect(countChanges(before, await genreCounts())).toEqual({ Documentary: 1, Musical: 1 });
    expect(await storedItemsOf(created.id)).toEqual(expectedItemsOf(created));
  });

  it("generates an id when none is given", async () => {
    const created = await createTitle({ name: `Untitled ${word} Draft`, genres: ["Documentary"] });
    expect(created.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    // Documentary alone falls under the rule's "anything else": 13+.
    expect(created).toMatchObject({ year: null, maturity: "THIRTEEN_PLUS", version: 1 });
    expect(await titleById(created.id)).toEqual(created);
  });

  it("derives the maturity from the genres when none is given, and keeps an explicit unrated", async () => {
    const horror = await createTitle({ name: `Dread ${word}`, genres: ["Horror"] });
    expect(horror.maturity).toBe("EIGHTEEN_PLUS");
    const kids = await createTitle({ name: `Cubs ${word}`, genres: ["Children", "Animation"] });
    expect(kids.maturity).toBe("ALL");
    const unrated = await createTitle({ name: `Unrated ${word}`, genres: ["Drama"], maturity: null });
    expect(unrated.maturity).toBeNull();
  });

  it("refuses an id that exists with a Conflict, changing nothing", async () => {
    const original = await createTitle({ id: id("taken"), name: `Original ${word}`, genres: ["Western"] });
    const before = await genreCounts();
    const response = await create({ id: id("taken"), name: `Impostor ${word}`, genres: ["Musical"] });
    expect(response.body.data).toEqual({ createTitle: null });
    expect(fieldErrorOf(response, "createTitle")).toMatchObject({
      errorType: "Conflict",
      message: `A title with id "${id("taken")}" already exists.`,
    });
    expect(await titleById(original.id)).toEqual(original);
    expect(await storedItemsOf(original.id)).toEqual(expectedItemsOf(original));
    expect(countChanges(before, await genreCounts())).toEqual({});
    expect(await search(`impostor ${word}`)).toEqual([]);
  });

  const valid = { name: `Valid ${word}`, year: 1999, genres: ["Documentary"] };
  it.each([
    ["an empty name", { name: "" }, "name: must not be empty"],
    ["a 201-character name", { name: `${word} `.padEnd(201, "x") }, "name: must be at most 200 characters"],
    ["year 1800", { year: 1800 }, "year: must be 1870 or later"],
    ["year 2100", { year: 2100 }, `year: must be ${new Date().getUTCFullYear() + 5} or earlier`],
    ["an unknown genre", { genres: ["Documentary", "Space Opera"] }, expect.stringMatching(/^genres\.1: "Space Opera" is not a genre; use one of: Action, .*, Western$/)],
    ["7 genres", { genres: ["Documentary", "Musical", "Western", "Action", "Comedy", "Drama", "Horror"] }, "genres: at most 6 genres"],
    ["no genre", { genres: [] }, "genres: needs at least one genre"],
  ])("refuses %s with a ValidationError naming the field, writing nothing", async (label, change, message) => {
    const titleId = id(`invalid-${label.replaceAll(/[^a-z0-9]+/g, "-")}`);
    const before = await genreCounts();
    const response = await create({ id: titleId, ...valid, ...change });
    expect(response.body.data).toEqual({ createTitle: null });
    const error = fieldErrorOf(response, "createTitle");
    expect(error).toMatchObject({ errorType: "ValidationError", message });
    expect(error.errorInfo).toMatchObject({ issues: [expect.objectContaining({ path: expect.any(Array), message: expect.any(String) })] });
    await expectNothingWritten(titleId, before);
  });

  it.each([
    ["capitals and spaces", "Bad Id"],
    ["a slash", "a/b"],
    ["65 characters", "a".repeat(65)],
  ])("refuses an id with %s, writing nothing", async (_, badId) => {
    const before = await genreCounts();
    const response = await create({ id: badId, ...valid });
    expect(fieldErrorOf(response, "createTitle")).toMatchObject({ errorType: "ValidationError", message: expect.stringMatching(/^id: /) });
    // title(id:) refuses such an id as a BadRequest (id-arguments.test.ts): the table is read directly.
    expect(await storedItemsOf(badId)).toEqual([]);
    expect(countChanges(before, await genreCounts())).toEqual({});
  });

  it("refuses a year given as a string before any resolver runs (graphql-java's validation error)", async () => {
    const titleId = id("year-as-string");
    const before = await genreCounts();
    const literal = await asEditor(`mutation { createTitle(input: { id: "${titleId}", name: "Year ${word}", year: "1999", genres: ["Documentary"] }) { id } }`);
    expect(literal.status).toBe(200);
    expect(literal.body).toEqual({
      data: null,
      errors: [
        {
          path: null,
          locations: [expect.objectContaining({ sourceName: null })],
          message: "Validation error of type WrongType: argument 'input.year' with value 'StringValue{value='1999'}' is not a valid 'Int' @ 'createTitle'",
        },
      ],
    });
    const variables = await create({ id: titleId, name: `Year ${word}`, year: "1999", genres: ["Documentary"] });
    expect(variables.body.data).toBeNull();
    expect(variables.body.errors).toHaveLength(1);
    expect(variables.body.errors![0]).not.toHaveProperty("errorType");
    expect(variables.body.errors![0]!.message).toMatch(/^Variable '.+' has an invalid value.*'Int'/);
    await expectNothingWritten(titleId, before);
  });

  it("denies a viewer outside the content team, writing nothing", async () => {
    const titleId = id("by-viewer");
    const before = await genreCounts();
    const response = await graphql(createTitleMutation, { input: { id: titleId, ...valid } }, { as: viewer });
    expect(response.body.data).toEqual({ createTitle: null });
    expect(fieldErrorOf(response, "createTitle")).toMatchObject({
      errorType: "Unauthorized",
      message: "Not Authorized to access createTitle on type Mutation",
    });
    await expectNothingWritten(titleId, before);
  });
});

describe("Query.searchTitles over created titles", () => {
  it("ranks exact name > name prefix > word prefix, whatever the order of the index", async () => {
    // Same word, same popularity: the index orders these by id (a, b, c, d), the opposite of their rank.
    const own = uniqueWord();
    const wordPrefix = await createTitle({ id: id("rank-a"), name: `The ${own}`, genres: ["Documentary"] });
    const longerWord = await createTitle({ id: id("rank-b"), name: `Big ${own}ville`, genres: ["Documentary"] });
    const namePrefix = await createTitle({ id: id("rank-c"), name: `${own} Returns`, genres: ["Documentary"] });
    const exact = await createTitle({ id: id("rank-d"), name: own.toUpperCase(), genres: ["Documentary"] });
    const results = (await search(own)).map((title) => title.id);
    expect(results.slice(0, 2)).toEqual([exact.id, namePrefix.id]);
    expect(results.slice(2).sort()).toEqual([wordPrefix.id, longerWord.id]);
  });

  it("finds an unpopular title on the first page when a common word comes first", async () => {
    // "the" starts hundreds of seeded names, all more popular than a new title.
    const own = uniqueWord();
    const created = await createTitle({ id: id("common-word"), name: `The ${own} Affair`, genres: ["Documentary"] });
    const firstPage = await search(`the ${own.slice(0, 5)}`, 20);
    expect(firstPage.map((title) => title.id)).toContain(created.id);
    expect((await search(`the ${own} a`)).map((title) => title.id)).toEqual([created.id]);
  });
});

describe("Mutation.updateTitle", () => {
  it("applies a change at the expected version: version, genre rows, search and counts follow", async () => {
    const original = await createTitle({ id: id("renamed"), name: `Orchid ${word}`, year: 1990, genres: ["Documentary"] });
    const before = await genreCounts();
    const response = await update({ id: original.id, expectedVersion: 1, name: `Tulip ${word}`, genres: ["Musical", "Western"], maturity: "SEVEN_PLUS" });
    const updated = dataOf(response).updateTitle!;
    expect(updated).toMatchObject({
      id: original.id,
      name: `Tulip ${word}`,
      year: 1990,
      genres: ["Musical", "Western"],
      maturity: "SEVEN_PLUS",
      version: 2,
      createdAt: original.createdAt,
    });
    expect(updated.updatedAt >= original.updatedAt).toBe(true);
    expect(await titleById(original.id)).toEqual(updated);

    expect((await titlesOfGenre("Documentary")).map((title) => title.id)).not.toContain(original.id);
    expect((await titlesOfGenre("Musical")).find((title) => title.id === original.id)).toEqual(updated);
    expect((await titlesOfGenre("Western")).find((title) => title.id === original.id)).toEqual(updated);
    expect(await search(`orchid ${word}`)).toEqual([]);
    expect(await search(`tulip ${word}`)).toEqual([updated]);
    expect(countChanges(before, await genreCounts())).toEqual({ Documentary: -1, Musical: 1, Western: 1 });
    expect(await storedItemsOf(original.id)).toEqual(expectedItemsOf(updated));
  });

  it("clears the year with null and keeps what is not given", async () => {
    const original = await createTitle({ id: id("cleared"), name: `Cleared ${word}`, year: 1990, genres: ["Western"], maturity: "ALL" });
    const updated = dataOf(await update({ id: original.id, expectedVersion: 1, year: null })).updateTitle!;
    expect(updated).toMatchObject({ name: original.name, year: null, genres: ["Western"], maturity: "ALL", version: 2 });
    expect(await storedItemsOf(original.id)).toEqual(expectedItemsOf(updated));
  });

  it("refuses a stale expectedVersion with a Conflict naming the current version, changing nothing", async () => {
    const original = await createTitle({ id: id("stale"), name: `Outdated ${word}`, genres: ["Western"] });
    const current = dataOf(await update({ id: original.id, expectedVersion: 1, year: 2001 })).updateTitle!;
    const before = await genreCounts();
    const response = await update({ id: original.id, expectedVersion: 1, name: `Overwritten ${word}`, genres: ["Musical"] });
    expect(response.body.data).toEqual({ updateTitle: null });
    expect(fieldErrorOf(response, "updateTitle")).toMatchObject({
      errorType: "Conflict",
      message: `Title "${original.id}" was changed since version 1 (it is now at version 2): read it again and reapply your change.`,
      errorInfo: { currentVersion: 2 },
    });
    expect(await titleById(original.id)).toEqual(current);
    expect(await storedItemsOf(original.id)).toEqual(expectedItemsOf(current));
    expect(countChanges(before, await genreCounts())).toEqual({});
  });

  it("lets exactly one of two concurrent updates at the same version win, with nothing half-written", async () => {
    for (const round of [1, 2, 3]) {
      const original = await createTitle({ id: id(`race-${round}`), name: `Race ${word}`, genres: ["Documentary"] });
      const before = await genreCounts();
      const contenders = [
        { id: original.id, expectedVersion: 1, name: `Alpha ${word}`, genres: ["Musical"] },
        { id: original.id, expectedVersion: 1, name: `Bravo ${word}`, genres: ["Western"], year: 1950 },
      ];
      const responses = await Promise.all(contenders.map(update));
      const winners = responses.filter((response) => response.body.data?.updateTitle);
      const losers = responses.filter((response) => !response.body.data?.updateTitle);
      expect(winners, `round ${round}`).toHaveLength(1);
      expect(losers, `round ${round}`).toHaveLength(1);
      expect(fieldErrorOf(losers[0]!, "updateTitle")).toMatchObject({ errorType: "Conflict", errorInfo: { currentVersion: 2 } });

      const winner = winners[0]!.body.data!.updateTitle!;
      expect(winner.version).toBe(2);
      expect(await titleById(original.id)).toEqual(winner);
      expect(await storedItemsOf(original.id)).toEqual(expectedItemsOf(winner));
      expect(countChanges(before, await genreCounts())).toEqual({ Documentary: -1, [winner.genres[0]!]: 1 });
    }
  });

  it("refuses an unknown id with NotFound", async () => {
    const response = await update({ id: id("missing"), expectedVersion: 1, name: `Ghost ${word}` });
    expect(response.body.data).toEqual({ updateTitle: null });
    expect(fieldErrorOf(response, "updateTitle")).toMatchObject({ errorType: "NotFound", message: `There is no title with id "${id("missing")}".` });
    expect(await storedItemsOf(id("missing"))).toEqual([]);
  });

  it("refuses an invalid change with a ValidationError, changing nothing", async () => {
    const original = await createTitle({ id: id("kept"), name: `Kept ${word}`, genres: ["Western"] });
    for (const [change, message] of [
      [{ name: "  " }, "name: must not be empty"],
      [{ genres: ["Western", "Cartoons"] }, expect.stringMatching(/^genres\.1: "Cartoons" is not a genre/)],
      [{ year: 1800 }, "year: must be 1870 or later"],
    ] as const) {
      const response = await update({ id: original.id, expectedVersion: 1, ...change });
      expect(fieldErrorOf(response, "updateTitle")).toMatchObject({ errorType: "ValidationError", message });
    }
    expect(await titleById(original.id)).toEqual(original);
    expect(await storedItemsOf(original.id)).toEqual(expectedItemsOf(original));
  });

  it("denies a viewer outside the content team, changing nothing", async () => {
    const original = await createTitle({ id: id("guarded"), name: `Guarded ${word}`, genres: ["Western"] });
    const response = await graphql(updateTitleMutation, { input: { id: original.id, expectedVersion: 1, name: `Defaced ${word}` } }, { as: viewer });
    expect(response.body.data).toEqual({ updateTitle: null });
    expect(fieldErrorOf(response, "updateTitle")).toMatchObject({
      errorType: "Unauthorized",
      message: "Not Authorized to access updateTitle on type Mutation",
    });
    expect(await titleById(original.id)).toEqual(original);
    expect(await storedItemsOf(original.id)).toEqual(expectedItemsOf(original));
  });
});

describe("updateTitle and the home screen's cached genre rows", () => {
  // A title written straight into the table can lead its rows (the API gives new titles no popularity).
  const leading = 950_000_000;
  const homeOf = async (profileId: string, as: As) => homeDataOf(await home(profileId, as)).home as Home;
  const namesIn = (page: Home, genre: string) =>
    (page.genreRows.find((row) => row.genre === genre)?.titles ?? []).map((title) => (title as { name?: string }).name);

  it("shows a title's new name and genres at once, to every maturity, after updateTitle", async () => {
    const title = await createLeadingTitle({ name: `Night Ferry ${Date.now()}`, genres: ["Western", "Documentary"], maturity: "THIRTEEN_PLUS", popularity: leading });
    const adult = await watcher("ADULT");
    const teen = await watcher("TEEN");
    for (const { profileId, as } of [adult, teen]) {
      dataOf(await recordProgress({ profileId, titleId: title.id, positionSeconds: 600, durationSeconds: 6000, eventAt: minutesAgo(5) }, as));
    }
    // Both rows of both maturities are read (and cached) with the old name.
    for (const { profileId, as } of [adult, teen]) {
      const page = await homeOf(profileId, as);
      expect(namesIn(page, "Western")).toContain(title.name);
      expect(namesIn(page, "Documentary")).toContain(title.name);
    }

    const renamed = `${title.name} (restored)`;
    await updateToVersion({ id: title.id, expectedVersion: 1, name: renamed });
    for (const { profileId, as } of [adult, teen]) {
      const page = await homeOf(profileId, as);
      expect(namesIn(page, "Western")).toContain(renamed);
      expect(namesIn(page, "Documentary")).toContain(renamed);
      expect(namesIn(page, "Western")).not.toContain(title.name);
    }

    // Out of Western: its Western rows drop it at once.
    await updateToVersion({ id: title.id, expectedVersion: 2, genres: ["Documentary"] });
    for (const { profileId, as } of [adult, teen]) {
      const page = await homeOf(profileId, as);
      expect(namesIn(page, "Western")).not.toContain(renamed);
      expect(namesIn(page, "Documentary")).toContain(renamed);
    }
  });
});

describe("errors of the Lambda-backed mutations", () => {
  it("masks an unexpected failure as InternalFailure, without its details", async () => {
    // A title item the model cannot hold (its name is a number): updating it fails inside core.
    const key = { pk: `TITLE#${id("corrupt")}`, sk: "TITLE" };
    await putStoredItem({
      ...key,
      titleId: id("corrupt"),
      name: 42,
      genres: ["Western"],
      popularity: 0,
      ratingCount: 0,
      ratingSum: 0,
      version: 1,
      createdAt: "2024-01-01T00:00:00.000Z",
      updatedAt: "2024-01-01T00:00:00.000Z",
      __edb_e__: "title",
      __edb_v__: "1",
    });
    try {
      const response = await update({ id: id("corrupt"), expectedVersion: 1, year: 2000 });
      expect(response.body.data).toEqual({ updateTitle: null });
      expect(fieldErrorOf(response, "updateTitle")).toEqual({
        path: ["updateTitle"],
        data: null,
        errorInfo: null,
        locations: [expect.objectContaining({ line: 1, sourceName: null })],
        message: "Something went wrong on our side; it has been logged.",
        errorType: "InternalFailure",
      });
      expect((await storedItemsOf(id("corrupt"))).map((item) => item.sk)).toEqual(["TITLE"]);
    } finally {
      await deleteStoredItem(key);
    }
  });
});
