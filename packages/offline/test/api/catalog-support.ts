// Shared by the catalog API tests: GraphQL documents, paging helpers, and a direct look at the table
// to check what a mutation wrote (or did not write) beyond what the API shows.
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DeleteCommand, DynamoDBDocumentClient, paginateScan, PutCommand } from "@aws-sdk/lib-dynamodb";
import { randomBytes } from "node:crypto";
import { expect } from "vitest";
import { Title } from "@marquee/core/title";
import { contentEditor, flushApiCache, graphql, stack, type GraphQLResponse } from "../../src/testing/client.ts";

export type TitleView = {
  id: string;
  name: string;
  year: number | null;
  genres: string[];
  maturity: string | null;
  popularity: number;
  averageRating: number | null;
  ratingCount: number;
  version: number;
  createdAt: string;
  updatedAt: string;
};
export type TitlePage = { items: TitleView[]; nextToken: string | null };
export type GraphQLError = NonNullable<GraphQLResponse["body"]["errors"]>[number];

export const titleFields = "id name year genres maturity popularity averageRating ratingCount version createdAt updatedAt";

export const titleQuery = `query Title($id: ID!) { title(id: $id) { ${titleFields} } }`;
export const titlesByGenreQuery = `query ByGenre($genre: String!, $limit: Int, $nextToken: String) {
  titlesByGenre(genre: $genre, limit: $limit, nextToken: $nextToken) { items { ${titleFields} } nextToken }
}`;
export const searchQuery = `query Search($query: String!, $limit: Int, $nextToken: String) {
  searchTitles(query: $query, limit: $limit, nextToken: $nextToken) { items { ${titleFields} } nextToken }
}`;
export const genresQuery = `query { genres { name titleCount } }`;
export const createTitleMutation = `mutation Create($input: CreateTitleInput!) { createTitle(input: $input) { ${titleFields} } }`;
export const updateTitleMutation = `mutation Update($input: UpdateTitleInput!) { updateTitle(input: $input) { ${titleFields} } }`;

/**
 * A word no seeded title contains, new on every run (the tests share one stack, and its data lives
 * as long as the stack). Letters only, starting "qz", so it cannot collide with the seeded catalog.
 */
export function uniqueWord(): string {
  const letters = [...randomBytes(8)].map((byte) => String.fromCharCode(97 + (byte % 26))).join("");
  return `qz${letters}`;
}

/** The data of a response that must have succeeded. */
export function dataOf<T>(response: GraphQLResponse<T>): T {
  expect(response.status).toBe(200);
  expect(response.body.errors).toBeUndefined();
  return response.body.data as T;
}

/** The single error of a response, checked to be a field error on `field` with its value null. */
export function fieldErrorOf(response: GraphQLResponse, field: string): GraphQLError {
  expect(response.status).toBe(200);
  expect(response.body.errors).toHaveLength(1);
  const error = response.body.errors![0]!;
  expect(error.path).toEqual([field]);
  return error;
}

export async function titleById(id: string): Promise<TitleView | null> {
  return dataOf(await graphql<{ title: TitleView | null }>(titleQuery, { id })).title;
}

export async function genreCounts(): Promise<Record<string, number>> {
  const { genres } = dataOf(await graphql<{ genres: Array<{ name: string; titleCount: number }> }>(genresQuery));
  return Object.fromEntries(genres.map((genre) => [genre.name, genre.titleCount]));
}

/** Every page of a paged field, in order. */
export async function allPages(
  query: string,
  field: "titlesByGenre" | "searchTitles",
  variables: Record<string, unknown>,
): Promise<TitlePage[]> {
  const pages: TitlePage[] = [];
  let nextToken: string | null = null;
  do {
    const response: GraphQLResponse<Record<string, TitlePage>> = await graphql(query, { ...variables, nextToken });
    const page: TitlePage = dataOf(response)[field]!;
    pages.push(page);
    nextToken = page.nextToken;
    // A runaway loop would otherwise only show as a timeout.
    expect(pages.length).toBeLessThan(500);
  } while (nextToken);
  return pages;
}

export async function titlesOfGenre(genre: string): Promise<TitleView[]> {
  return (await allPages(titlesByGenreQuery, "titlesByGenre", { genre, limit: 50 })).flatMap((page) => page.items);
}

export async function search(query: string, limit?: number): Promise<TitleView[]> {
  return dataOf(await graphql<{ searchTitles: TitlePage }>(searchQuery, { query, limit })).searchTitles.items;
}

export async function asEditor<T = Record<string, unknown>>(query: string, variables: Record<string, unknown> = {}) {
  return graphql<T>(query, variables, { as: contentEditor });
}

export async function createTitle(input: Record<string, unknown>): Promise<TitleView> {
  return dataOf(await asEditor<{ createTitle: TitleView }>(createTitleMutation, { input })).createTitle;
}

let documentClient: DynamoDBDocumentClient | undefined;

function table() {
  documentClient ??= DynamoDBDocumentClient.from(
    new DynamoDBClient({
      endpoint: stack().dynamodbEndpoint,
      region: stack().region,
      credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" },
    }),
  );
  return documentClient;
}

export type StoredItem = Record<string, unknown> & { pk: string; sk: string };

const scanSegments = 4;

/** A whole-table Scan with a filter, in parallel segments (a title's items may be anywhere: a Scan is what cannot miss one). */
async function scanWhere(filter: string, values: Record<string, unknown>): Promise<StoredItem[]> {
  const segments = Array.from({ length: scanSegments }, async (_, segment) => {
    const items: StoredItem[] = [];
    const pages = paginateScan(
      { client: table() },
      {
        TableName: stack().tableName,
        ConsistentRead: true,
        Segment: segment,
        TotalSegments: scanSegments,
        FilterExpression: filter,
        ExpressionAttributeValues: values,
      },
    );
    for await (const page of pages) items.push(...((page.Items ?? []) as StoredItem[]));
    return items;
  });
  return (await Promise.all(segments)).flat();
}

/** Every item of the table that belongs to a title (the title, its genre rows, its search tokens), read directly. */
export async function storedItemsOf(titleId: string): Promise<StoredItem[]> {
  const items = await scanWhere("titleId = :id", { ":id": titleId });
  return items.sort((a, b) => `${a.pk}|${a.sk}`.localeCompare(`${b.pk}|${b.sk}`));
}

/** Every seeded or created title item, read directly (to compute what a query should return). */
export async function storedTitles(): Promise<Array<{ titleId: string; name: string }>> {
  return (await scanWhere("sk = :sk", { ":sk": "TITLE" })) as unknown as Array<{ titleId: string; name: string }>;
}

export async function putStoredItem(item: StoredItem) {
  await table().send(new PutCommand({ TableName: stack().tableName, Item: item }));
  await flushApiCache();
}

export async function deleteStoredItem(key: { pk: string; sk: string }) {
  await table().send(new DeleteCommand({ TableName: stack().tableName, Key: key }));
  await flushApiCache();
}

/** What the table must hold for a title as the API shows it: exactly the items `Title.itemsOf` builds. */
export function expectedItemsOf(title: TitleView, ratings = { ratingSum: 0 }): StoredItem[] {
  const { title: titleItem, genreTitles, searchTokens, popular } = Title.itemsOf({
    titleId: title.id,
    name: title.name,
    year: title.year,
    genres: title.genres,
    maturity: title.maturity as Title.Maturity | null,
    popularity: title.popularity,
    ratingCount: title.ratingCount,
    ratingSum: ratings.ratingSum,
    version: title.version,
    createdAt: title.createdAt,
    updatedAt: title.updatedAt,
  });
  return ([titleItem, ...genreTitles, ...searchTokens, popular] as StoredItem[]).sort((a, b) => `${a.pk}|${a.sk}`.localeCompare(`${b.pk}|${b.sk}`));
}

/** The genres whose counts differ between two readings, with the change. */
export function countChanges(before: Record<string, number>, after: Record<string, number>): Record<string, number> {
  const changes: Record<string, number> = {};
  for (const genre of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const delta = (after[genre] ?? 0) - (before[genre] ?? 0);
    if (delta !== 0) changes[genre] = delta;
  }
  return changes;
}
