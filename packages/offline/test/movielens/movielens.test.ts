import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { VENDORED_DATA_DIR, type MovieLens, loadMovieLens, locateMovieLens, movieLensFromDataFrame, parseGenres, parseTitle } from "../../src/movielens/movielens.ts";
import { readLazyLoadObject } from "../../src/movielens/lazyload.ts";
import { NA_INTEGER, dataFrameColumns, factorLabels, type RAttributes, type RValue } from "../../src/movielens/rds.ts";

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../../../..");

const noAttributes: RAttributes = new Map();
const character = (data: Array<string | null>): RValue => ({ type: "character", data, attributes: noAttributes });
const integer = (data: number[], attributes = noAttributes): RValue => ({ type: "integer", data: Int32Array.from(data), attributes });

/** The movielens data frame's shape: one row per rating, movie columns repeated on each row. */
function ratingsFrame(): RValue {
  const genres = integer([1, 2, 1, 3], new Map([["levels", character(["Adventure|Animation|Children", "(no genres listed)", "Drama"])], ["class", character(["factor"])]]));
  const names = ["movieId", "title", "year", "genres", "userId", "rating", "timestamp"];
  return {
    type: "list",
    data: [
      integer([2, 108583, 2, 1]),
      character(["Jumanji", null, "Jumanji", "Heat (1995)"]),
      integer([1995, NA_INTEGER, 1995, NA_INTEGER]),
      genres,
      integer([1, 1, 2, 2]),
      { type: "double", data: Float64Array.from([3.5, 4, 0.5, 5]), attributes: noAttributes },
      integer([1260759144, 1260759179, 835355493, 835355681]),
    ],
    attributes: new Map([["names", character(names)], ["row.names", integer([NA_INTEGER, -4])], ["class", character(["data.frame"])]]),
  };
}

describe("MovieLens from a movielens-shaped data frame", () => {
  const { movies, ratings } = movieLensFromDataFrame(ratingsFrame());

  it("keeps one rating per row", () => {
    expect(ratings).toEqual([
      { userId: 1, movieId: 2, rating: 3.5, timestamp: 1260759144 },
      { userId: 1, movieId: 108583, rating: 4, timestamp: 1260759179 },
      { userId: 2, movieId: 2, rating: 0.5, timestamp: 835355493 },
      { userId: 2, movieId: 1, rating: 5, timestamp: 835355681 },
    ]);
  });

  it("derives the distinct movies, sorted by id, with split genres and the year out of the title", () => {
    expect(movies).toEqual([
      { movieId: 1, title: "Heat", year: 1995, genres: ["Drama"] },
      { movieId: 2, title: "Jumanji", year: 1995, genres: ["Adventure", "Animation", "Children"] },
      { movieId: 108583, title: "MovieLens movie 108583", year: null, genres: [] },
    ]);
  });

  it("gives each movie its own genres array", () => {
    const shared = movieLensFromDataFrame(ratingsFrame());
    expect(shared.movies[1].genres).not.toBe(movieLensFromDataFrame(ratingsFrame()).movies[1].genres);
  });

  it("says which column is missing", () => {
    const frame = ratingsFrame();
    if (frame.type !== "list") throw new Error("unreachable");
    const renamed: RValue = { ...frame, attributes: new Map([...frame.attributes, ["names", character(["movie_id", "title", "year", "genres", "userId", "rating", "timestamp"])]]) };
    expect(() => movieLensFromDataFrame(renamed)).toThrow(/no column "movieId"/);
  });
});

describe("MovieLens title and genre parsing", () => {
  it("splits genres on | and maps (no genres listed) to none", () => {
    expect(parseGenres("Action|Sci-Fi")).toEqual(["Action", "Sci-Fi"]);
    expect(parseGenres("(no genres listed)")).toEqual([]);
    expect(parseGenres(null)).toEqual([]);
  });

  it("strips a trailing (year) only when it is a 4-digit year", () => {
    expect(parseTitle("Toy Story (1995)", NA_INTEGER, 1)).toEqual({ title: "Toy Story", year: 1995 });
    expect(parseTitle("8 1/2 (8½)", 1963, 1251)).toEqual({ title: "8 1/2 (8½)", year: 1963 });
    expect(parseTitle("Léon: The Professional", 1994, 293)).toEqual({ title: "Léon: The Professional", year: 1994 });
  });
});

describe("locateMovieLens", () => {
  const root = mkdtempSync(join(tmpdir(), "marquee-root-"));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const systemDir = ["/usr/lib/R/site-library/dslabs/data", "/usr/local/lib/R/site-library/dslabs/data"].find((dir) => existsSync(join(dir, "Rdata.rdx")));

  it("finds the vendored copy first, else an installed R package, else nothing", () => {
    expect(locateMovieLens(root)).toBe(systemDir ?? null);
    const vendored = join(root, VENDORED_DATA_DIR);
    mkdirSync(vendored, { recursive: true });
    writeFileSync(join(vendored, "Rdata.rdx"), "");
    expect(locateMovieLens(root)).toBe(systemDir ?? null); // the .rdb is needed too
    writeFileSync(join(vendored, "Rdata.rdb"), "");
    expect(locateMovieLens(root)).toBe(vendored);
  });
});

const dataDir = locateMovieLens(repoRoot);
const realDataTitle = dataDir
  ? `real MovieLens from r-cran-dslabs (${dataDir})`
  : "real MovieLens from r-cran-dslabs: SKIPPED, data absent (run bash scripts/fetch-movielens.sh)";

if (!dataDir) console.warn(`${realDataTitle}`);

describe.skipIf(!dataDir)(realDataTitle, () => {
  const data = dataDir ?? "";
  let loadMs = 0;
  let loading: Promise<MovieLens> | undefined;
  // Started by the first test that needs it, so a skipped suite never touches the files.
  const loaded = (): Promise<MovieLens> =>
    (loading ??= (async () => {
      const started = performance.now();
      const result = await loadMovieLens(data);
      loadMs = performance.now() - started;
      return result;
    })());

  // Load time is a benchmark figure (printed here), not an assertion: timed tests fail on a busy machine.
  it("has 9,066 movies, 100,004 ratings and 671 users", async () => {
    const { movies, ratings } = await loaded();
    console.info(`loadMovieLens: ${loadMs.toFixed(0)} ms for ${ratings.length} ratings`);
    expect(movies).toHaveLength(9066);
    expect(ratings).toHaveLength(100004);
    expect(new Set(ratings.map((r) => r.userId)).size).toBe(671);
    expect(new Set(movies.map((m) => m.movieId)).size).toBe(9066);
  });

  it("knows Toy Story, Jumanji and accented titles", async () => {
    const byId = new Map((await loaded()).movies.map((m) => [m.movieId, m]));
    expect(byId.get(1)).toEqual({ movieId: 1, title: "Toy Story", year: 1995, genres: ["Adventure", "Animation", "Children", "Comedy", "Fantasy"] });
    expect(byId.get(2)).toEqual({ movieId: 2, title: "Jumanji", year: 1995, genres: ["Adventure", "Children", "Fantasy"] });
    expect(byId.get(4973)).toMatchObject({ title: "Amelie (Fabuleux destin d'Amélie Poulain, Le)", year: 2001 });
    expect([...byId.values()].some((m) => /\(\d{4}\)$/.test(m.title))).toBe(false);
  });

  it("has plausible ratings: half stars from 0.5 to 5, Unix-second timestamps", async () => {
    const { ratings, movies } = await loaded();
    const movieIds = new Set(movies.map((m) => m.movieId));
    for (const r of ratings) {
      if (!(r.rating >= 0.5 && r.rating <= 5 && Number.isInteger(r.rating * 2) && movieIds.has(r.movieId))) throw new Error(`bad rating ${JSON.stringify(r)}`);
    }
    expect(ratings[0]).toEqual({ userId: 1, movieId: 31, rating: 2.5, timestamp: 1260759144 });
    const years = ratings.map((r) => new Date(r.timestamp * 1000).getUTCFullYear());
    expect(Math.min(...years)).toBeGreaterThanOrEqual(1995);
    expect(Math.max(...years)).toBeLessThanOrEqual(2016);
  });

  it("reads another dslabs data frame through the same reader (murders: 51 states, region a factor)", () => {
    const { columns, rowCount } = dataFrameColumns(readLazyLoadObject(join(data, "Rdata.rdx"), join(data, "Rdata.rdb"), "murders"));
    expect(rowCount).toBe(51);
    const states = columns.get("state");
    expect(states?.type === "character" && states.data[0]).toBe("Alabama");
    expect(new Set(factorLabels(columns.get("region")!))).toEqual(new Set(["Northeast", "South", "North Central", "West"]));
  });
});
