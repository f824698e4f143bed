// What recommendations read from the table: the titles a profile finished, the popular and genre lists
// the fallback ranks from, and the titles of a page in ONE BatchGetItem.
import { BatchGetCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import type { TableClient } from "../dynamo.ts";
import { genresPartition, genreTitlePartition, popularPartition, profilePartition, progressKeys, progressSortKeyPrefix, titleKeys } from "../keys.ts";

const titlePartitionPrefix = titleKeys("").pk;
import { allowedTitleMaturities, type ProfileMaturity } from "../profile/maturity.ts";
import { titleAttributeNames } from "../title/attributes.ts";
import type { TitleInfo } from "../title/entity.ts";

export type TableAccess = { dynamo: TableClient; tableName: () => string };

export const catalogReads = {
  /** BatchGetItem's own limit: a page never needs more. */
  maxBatchKeys: 100,
  /** Items the popular Query evaluates per page: a kids profile sees about 1 title in 11 of the catalog. */
  popularWindow: 500,
  /** Pages of the popular Query at most, for a profile that finished most of what it may see. */
  maxPopularPages: 4,
  /** Titles of a genre ranked for "more like" when Personalize cannot answer. */
  genreWindow: 200,
  /** Pages of a profile's progress read at most (1 MB each: thousands of titles). */
  maxProgressPages: 10,
  unprocessedRetries: 3,
};

/** Titles the profile watched to the end (their progress items say FINISHED). */
export async function finishedTitleIds(table: TableAccess, profileId: string): Promise<Set<string>> {
  const finished = new Set<string>();
  let startKey: Record<string, unknown> | undefined;
  for (let page = 0; page < catalogReads.maxProgressPages; page++) {
    const result = await table.dynamo.send(
      new QueryCommand({
        TableName: table.tableName(),
        KeyConditionExpression: "pk = :pk AND begins_with(sk, :progress)",
        FilterExpression: "#status = :finished",
        ProjectionExpression: "titleId",
        ExpressionAttributeNames: { "#status": "status" },
        ExpressionAttributeValues: { ":pk": profilePartition(profileId), ":progress": progressSortKeyPrefix, ":finished": "FINISHED" },
        ExclusiveStartKey: startKey,
      }),
    );
    for (const item of result.Items ?? []) finished.add(String(item.titleId));
    startKey = result.LastEvaluatedKey;
    if (!startKey) break;
  }
  return finished;
}

/** A DynamoDB filter on the denormalised maturity; none for adults (they see everything, unrated too). */
function maturityFilter(maturity: ProfileMaturity) {
  if (maturity === "ADULT") return {};
  const allowed = allowedTitleMaturities(maturity);
  const names = allowed.map((_, index) => `:maturity${index}`);
  return {
    FilterExpression: `maturity IN (${names.join(", ")})`,
    ExpressionAttributeValues: Object.fromEntries(allowed.map((value, index) => [names[index]!, value])),
  };
}

/**
 * Ids of the most popular titles the profile may see, leaving out `exclude`, until `wanted` are found.
 * One Query of the POPULAR partition; a kids profile that finished most of it may need a few.
 */
export async function popularTitleIds(table: TableAccess, maturity: ProfileMaturity, wanted: number, exclude: ReadonlySet<string>): Promise<string[]> {
  const ids: string[] = [];
  const filter = maturityFilter(maturity);
  let startKey: Record<string, unknown> | undefined;
  for (let page = 0; page < catalogReads.maxPopularPages && ids.length < wanted; page++) {
    const result = await table.dynamo.send(
      new QueryCommand({
        TableName: table.tableName(),
        KeyConditionExpression: "pk = :pk",
        ...filter,
        ExpressionAttributeValues: { ":pk": popularPartition, ...filter.ExpressionAttributeValues },
        ProjectionExpression: "titleId",
        // An adult sees every title: the window only has to step over what it finished.
        Limit: maturity === "ADULT" ? Math.min(catalogReads.popularWindow, wanted + exclude.size) : catalogReads.popularWindow,
        ExclusiveStartKey: startKey,
      }),
    );
    for (const item of result.Items ?? []) {
      const titleId = String(item.titleId);
      if (!exclude.has(titleId) && ids.length < wanted) ids.push(titleId);
    }
    startKey = result.LastEvaluatedKey;
    if (!startKey) break;
  }
  return ids;
}

/** Title counts of every genre (one Query of ~20 items). */
export async function genreSizes(table: TableAccess): Promise<Map<string, number>> {
  const result = await table.dynamo.send(
    new QueryCommand({
      TableName: table.tableName(),
      KeyConditionExpression: "pk = :pk",
      ExpressionAttributeValues: { ":pk": genresPartition },
      ProjectionExpression: "genre, titleCount",
    }),
  );
  return new Map((result.Items ?? []).map((item) => [String(item.genre), Number(item.titleCount ?? 0)]));
}

/**
 * Titles like `seed` without Personalize: the popular titles of its most specific genre (the one with
 * the fewest titles), ordered by how many genres they share with it, then by popularity.
 */
export async function sameGenreTitleIds(
  table: TableAccess,
  seed: { titleId: string; genres: readonly string[] },
  maturity: ProfileMaturity,
  wanted: number,
  exclude: ReadonlySet<string>,
): Promise<string[]> {
  if (seed.genres.length === 0) return [];
  const sizes = await genreSizes(table);
  const genre = [...seed.genres].sort((a, b) => (sizes.get(a) ?? Infinity) - (sizes.get(b) ?? Infinity))[0]!;
  const filter = maturityFilter(maturity);
  const result = await table.dynamo.send(
    new QueryCommand({
      TableName: table.tableName(),
      KeyConditionExpression: "pk = :pk",
      ...filter,
      ExpressionAttributeValues: { ":pk": genreTitlePartition(genre), ...filter.ExpressionAttributeValues },
      ProjectionExpression: "titleId, genres",
      Limit: catalogReads.genreWindow,
    }),
  );
  const shared = (genres: unknown) => (Array.isArray(genres) ? genres.filter((g) => seed.genres.includes(String(g))).length : 0);
  return (result.Items ?? [])
    .map((item, position) => ({ titleId: String(item.titleId), shared: shared(item.genres), position }))
    .filter((candidate) => candidate.titleId !== seed.titleId && !exclude.has(candidate.titleId))
    .sort((a, b) => b.shared - a.shared || a.position - b.position)
    .slice(0, wanted)
    .map((candidate) => candidate.titleId);
}

/**
 * The titles of a page, by id, in ONE BatchGetItem (at most 100 ids). Keys DynamoDB leaves unprocessed
 * (throttling) are asked again; ids with no title are simply absent from the map.
 */
export async function readTitles(table: TableAccess, ids: readonly string[]): Promise<Map<string, TitleInfo>> {
  return (await readTitlesWithProgress(table, ids, null)).titles;
}

/**
 * The titles of `ids` and, for a profile, which of them it finished: its progress items on those titles
 * ride in the same BatchGetItem (at most 50 titles then), so a page costs ONE request however long the
 * profile's history is.
 */
export async function readTitlesWithProgress(table: TableAccess, ids: readonly string[], profileId: string | null): Promise<{ titles: Map<string, TitleInfo>; finished: Set<string> }> {
  const titles = new Map<string, TitleInfo>();
  const finished = new Set<string>();
  const unique = [...new Set(ids)];
  if (unique.length === 0) return { titles, finished };
  const limit = profileId ? catalogReads.maxBatchKeys / 2 : catalogReads.maxBatchKeys;
  if (unique.length > limit) throw new RangeError(`A page of titles takes at most ${limit} ids (got ${unique.length}).`);
  const tableName = table.tableName();
  const attributes = [...titleAttributeNames, "pk", "status"];
  let keys: Array<Record<string, unknown>> = [...unique.map(titleKeys), ...(profileId ? unique.map((id) => progressKeys(profileId, id)) : [])];
  for (let attempt = 0; keys.length > 0; attempt++) {
    const result = await table.dynamo.send(
      new BatchGetCommand({
        RequestItems: {
          [tableName]: { Keys: keys, ProjectionExpression: attributes.map((_, index) => `#a${index}`).join(", "), ExpressionAttributeNames: Object.fromEntries(attributes.map((name, index) => [`#a${index}`, name])) },
        },
      }),
    );
    for (const item of result.Responses?.[tableName] ?? []) {
      const { pk, status, ...rest } = item;
      if (String(pk).startsWith(titlePartitionPrefix)) titles.set(String(item.titleId), rest as TitleInfo);
      else if (status === "FINISHED") finished.add(String(item.titleId));
    }
    keys = (result.UnprocessedKeys?.[tableName]?.Keys ?? []) as Array<Record<string, unknown>>;
    if (keys.length === 0) break;
    if (attempt >= catalogReads.unprocessedRetries) throw new Error(`BatchGetItem left ${keys.length} items unprocessed after ${attempt + 1} attempts.`);
    await new Promise((resolve) => setTimeout(resolve, 25 * 2 ** attempt));
  }
  return { titles, finished };
}
