// Seeds the catalog: MovieLens latest-small (from Debian's r-cran-dslabs) when it is on this machine,
// else the small catalog in the repo. Idempotent: a marker item records what was seeded, and a
// second start with the same source writes nothing.
import { BatchWriteItemCommand, DynamoDBClient, GetItemCommand, PutItemCommand, type WriteRequest } from "@aws-sdk/client-dynamodb";
import { marshall } from "@aws-sdk/util-dynamodb";
import { Title } from "@marquee/core/title";
import { genreKeys } from "@marquee/core/appsync";
import { loadMovieLens, locateMovieLens, type Movie, type MovieLens } from "../movielens/index.ts";
import { fallbackMovies } from "./fallback-catalog.ts";
import type { SeedProgress } from "./progress.ts";

export type CatalogSource = { kind: "movielens"; data: MovieLens } | { kind: "fallback" };

export type SeedReport = { source: "movielens" | "fallback"; titles: number; items: number; seconds: number; skipped: boolean };

const markerKey = { pk: "SEED", sk: "CATALOG" };
// 3: the POPULAR partition (recommendations' fallback) is written too.
const seedVersion = 3;

/**
 * The MovieLens data when present, else the built-in catalog. `sample` keeps the movies with at least
 * 20 ratings (and their ratings): about a tenth of the items, so a test stack seeds in seconds.
 */
export async function loadCatalogSource(repoRoot: string, size: "full" | "sample" = "full"): Promise<CatalogSource> {
  const directory = locateMovieLens(repoRoot);
  if (!directory) return { kind: "fallback" };
  const data = await loadMovieLens(directory);
  if (size === "full") return { kind: "movielens", data };
  const counts = new Map<number, number>();
  for (const rating of data.ratings) counts.set(rating.movieId, (counts.get(rating.movieId) ?? 0) + 1);
  const kept = (movieId: number) => (counts.get(movieId) ?? 0) >= sampleMinimumRatings;
  return { kind: "movielens", data: { movies: data.movies.filter((m) => kept(m.movieId)), ratings: data.ratings.filter((r) => kept(r.movieId)) } };
}

const sampleMinimumRatings = 20;

/** MovieLens ids become title ids "ml-<movieId>". */
export const titleIdOf = (movieId: number) => `ml-${movieId}`;

export function titlesFrom(source: CatalogSource, now = "2016-10-17T00:00:00.000Z"): Title.Info[] {
  const stats = new Map<number, { count: number; sum: number }>();
  const movies: Array<Movie & { popularity?: number }> = source.kind === "movielens" ? source.data.movies : fallbackMovies;
  if (source.kind === "movielens") {
    for (const rating of source.data.ratings) {
      const entry = stats.get(rating.movieId) ?? { count: 0, sum: 0 };
      entry.count += 1;
      entry.sum += rating.rating;
      stats.set(rating.movieId, entry);
    }
  }
  return movies.map((movie) => {
    const stat = stats.get(movie.movieId);
    const count = stat?.count ?? movie.popularity ?? 0;
    return {
      titleId: titleIdOf(movie.movieId),
      name: displayName(movie.title),
      year: movie.year,
      genres: movie.genres,
      maturity: Title.maturityFromGenres(movie.genres),
      popularity: count,
      ratingCount: stat?.count ?? 0,
      ratingSum: stat ? Math.round(stat.sum * 10) / 10 : 0,
      version: 1,
      createdAt: now,
      updatedAt: now,
    };
  });
}

const trailingArticles = ["The", "A", "An", "Les", "La", "Le", "L'", "Il", "Das", "Der", "Die", "El", "Los", "Las"];

/** MovieLens files "Usual Suspects, The": shown as "The Usual Suspects". */
export function displayName(title: string): string {
  const comma = title.lastIndexOf(", ");
  if (comma < 0) return title;
  const article = title.slice(comma + 2);
  if (!trailingArticles.includes(article)) return title;
  return `${article}${article.endsWith("'") ? "" : " "}${title.slice(0, comma)}`;
}

export async function seedCatalog(client: DynamoDBClient, tableName: string, source: CatalogSource, options: { progress?: SeedProgress } = {}): Promise<SeedReport> {
  const started = performance.now();
  const titles = titlesFrom(source);
  const signature = `${source.kind}:${titles.length}:v${seedVersion}`;
  const marker = await client.send(new GetItemCommand({ TableName: tableName, Key: marshall(markerKey), ConsistentRead: true }));
  if (marker.Item?.signature?.S === signature) {
    return { source: source.kind, titles: titles.length, items: 0, seconds: (performance.now() - started) / 1000, skipped: true };
  }

  const items: Record<string, unknown>[] = [];
  const genreCounts = new Map<string, number>();
  for (const title of titles) {
    const { title: titleItem, genreTitles, searchTokens, popular } = Title.itemsOf(title);
    items.push(titleItem, ...genreTitles, ...searchTokens, popular);
    for (const genre of title.genres) genreCounts.set(genre, (genreCounts.get(genre) ?? 0) + 1);
  }
  for (const [genre, count] of genreCounts) items.push({ ...genreKeys(genre), genre, titleCount: count, __edb_e__: "genre", __edb_v__: "1" });

  await batchWrite(client, tableName, items, options);
  await client.send(
    new PutItemCommand({
      TableName: tableName,
      Item: marshall({ ...markerKey, signature, titles: titles.length, seededAt: new Date().toISOString() }),
    }),
  );
  return { source: source.kind, titles: titles.length, items: items.length, seconds: (performance.now() - started) / 1000, skipped: false };
}

/** BatchWriteItem in chunks of 25, several in flight, retrying what DynamoDB hands back unprocessed. */
export async function batchWrite(client: DynamoDBClient, tableName: string, items: Record<string, unknown>[], options: { progress?: SeedProgress; concurrency?: number } = {}) {
  const { progress, concurrency = 8 } = options;
  let written = 0;
  const chunks: WriteRequest[][] = [];
  for (let i = 0; i < items.length; i += 25) {
    chunks.push(items.slice(i, i + 25).map((item) => ({ PutRequest: { Item: marshall(item, { removeUndefinedValues: true }) } })));
  }
  let next = 0;
  const worker = async () => {
    while (next < chunks.length) {
      const chunk = chunks[next++]!;
      let requests = chunk;
      for (let attempt = 0; requests.length > 0; attempt++) {
        const result = await client.send(new BatchWriteItemCommand({ RequestItems: { [tableName]: requests } }));
        requests = result.UnprocessedItems?.[tableName] ?? [];
        if (requests.length > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(1000, 20 * 2 ** attempt)));
      }
      written += chunk.length;
      progress?.(written, items.length);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}
