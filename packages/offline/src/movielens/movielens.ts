// MovieLens "latest-small" (2016 snapshot) as shipped in Debian's r-cran-dslabs: the `movielens`
// data frame, one row per rating with the movie's columns repeated on every row:
// movieId int, title chr, year int, genres factor ("A|B|C"), userId int, rating double, timestamp int.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { readLazyLoadObjectAsync } from "./lazyload.ts";
import { NA_INTEGER, RDeserializeError, dataFrameColumns, factorLabels, type RValue } from "./rds.ts";

export type Movie = { movieId: number; title: string; year: number | null; genres: string[] };
export type Rating = { userId: number; movieId: number; rating: number; timestamp: number };
export type MovieLens = { movies: Movie[]; ratings: Rating[] };

/** Where scripts/fetch-movielens.sh unpacks the .deb, relative to the repository root. */
export const VENDORED_DATA_DIR = ".marquee/vendor/dslabs/usr/lib/R/site-library/dslabs/data";
const SYSTEM_DATA_DIRS = ["/usr/lib/R/site-library/dslabs/data", "/usr/local/lib/R/site-library/dslabs/data"];

/** The dslabs data directory (holding Rdata.rdx and Rdata.rdb): the vendored copy first, then an installed R package. */
export function locateMovieLens(repoRoot: string): string | null {
  for (const dir of [join(repoRoot, VENDORED_DATA_DIR), ...SYSTEM_DATA_DIRS]) {
    if (existsSync(join(dir, "Rdata.rdx")) && existsSync(join(dir, "Rdata.rdb"))) return dir;
  }
  return null;
}

/** Loads ratings and the distinct movies (sorted by movieId) from a dslabs data directory. */
export async function loadMovieLens(dataDir: string): Promise<MovieLens> {
  const frame = await readLazyLoadObjectAsync(join(dataDir, "Rdata.rdx"), join(dataDir, "Rdata.rdb"), "movielens");
  return movieLensFromDataFrame(frame);
}

/** Turns the decoded `movielens` data frame into movies and ratings. */
export function movieLensFromDataFrame(frame: RValue): MovieLens {
  const { columns, rowCount } = dataFrameColumns(frame);
  const column = (name: string): RValue => {
    const value = columns.get(name);
    if (!value) throw new RDeserializeError(`movielens has no column "${name}" (columns: ${[...columns.keys()].join(", ")})`);
    return value;
  };
  const movieIds = integers(column("movieId"), "movieId");
  const userIds = integers(column("userId"), "userId");
  const timestamps = numbers(column("timestamp"), "timestamp");
  const ratingValues = numbers(column("rating"), "rating");
  const years = integers(column("year"), "year");
  const titleColumn = column("title");
  if (titleColumn.type !== "character") throw new RDeserializeError(`movielens$title should be character, is ${titleColumn.type}`);
  const genresColumn = column("genres");
  const genreLabels = genresColumn.type === "character" ? genresColumn.data : factorLabels(genresColumn);

  const ratings = new Array<Rating>(rowCount);
  const moviesById = new Map<number, Movie>();
  // Genre strings repeat (901 distinct in 100k rows): split each one once.
  const splitGenres = new Map<string | null, string[]>();
  for (let row = 0; row < rowCount; row++) {
    const movieId = movieIds[row];
    ratings[row] = { userId: userIds[row], movieId, rating: ratingValues[row], timestamp: timestamps[row] };
    if (moviesById.has(movieId)) continue;
    const label = genreLabels[row];
    let genres = splitGenres.get(label);
    if (!genres) {
      genres = parseGenres(label);
      splitGenres.set(label, genres);
    }
    // A copy per movie, so a caller editing one movie's genres cannot change another's.
    moviesById.set(movieId, { movieId, ...parseTitle(titleColumn.data[row], years[row], movieId), genres: [...genres] });
  }
  const movies = [...moviesById.values()].sort((a, b) => a.movieId - b.movieId);
  return { movies, ratings };
}

/** MovieLens writes genres as "A|B|C", and "(no genres listed)" for none. */
export function parseGenres(label: string | null): string[] {
  if (label === null || label === "(no genres listed)" || label === "") return [];
  return label.split("|");
}

/**
 * dslabs already moved the year out of the title; strip a trailing "(1995)" anyway in case a title still has it.
 * A few movies whose MovieLens title had no year came out of dslabs with title and year NA: they get a
 * placeholder title so the catalog stays complete.
 */
export function parseTitle(rawTitle: string | null, rawYear: number, movieId: number): { title: string; year: number | null } {
  let year: number | null = rawYear === NA_INTEGER ? null : rawYear;
  if (rawTitle === null) return { title: `MovieLens movie ${movieId}`, year };
  const match = /^(.*\S)\s*\((\d{4})\)\s*$/.exec(rawTitle);
  if (!match) return { title: rawTitle.trim(), year };
  year ??= Number(match[2]);
  return { title: match[1], year };
}

function integers(value: RValue, name: string): Int32Array {
  if (value.type !== "integer") throw new RDeserializeError(`movielens$${name} should be integer, is ${value.type}`);
  return value.data;
}

function numbers(value: RValue, name: string): Int32Array | Float64Array {
  if (value.type !== "integer" && value.type !== "double") throw new RDeserializeError(`movielens$${name} should be numeric, is ${value.type}`);
  return value.data;
}
