// Shared by the watch-history, My List and home API tests: accounts and profiles of their own (fresh
// Cognito users, profiles through the API), titles written straight into the table (no test depends on
// the seed), the GraphQL operations under test, and direct reads to check what was (not) written.
import { CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, PutCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import { randomUUID } from "node:crypto";
import { expect } from "vitest";
import { profilePartition } from "@marquee/core/appsync";
import type { ProfileMaturity } from "@marquee/core/appsync";
import { Title } from "@marquee/core/title";
import { cognitoLocalClientConfig } from "@marquee/aws-local/engines/cognito";
import { ensureUser, signIn } from "@marquee/aws-local/engines/provision";
import { flushApiCache, graphql, idTokenFor, stack, type GraphQLResponse } from "../../src/testing/client.ts";

export { graphql, otherViewer, viewer } from "../../src/testing/client.ts";

let documentClient: DynamoDBDocumentClient | undefined;

/** The stack's table, through the SDK (DynamoDB Local does not check credentials). */
export function table() {
  documentClient ??= DynamoDBDocumentClient.from(
    new DynamoDBClient({ endpoint: stack().dynamodbEndpoint, region: "us-east-1", credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" } }),
    { marshallOptions: { removeUndefinedValues: true } },
  );
  return { client: documentClient, name: stack().tableName };
}

/** The Cognito sub of a token (its payload is not checked here: the API verifies it). */
export function subOf(idToken: string): string {
  const payload = JSON.parse(Buffer.from(idToken.split(".")[1]!, "base64url").toString("utf8")) as { sub: string };
  return payload.sub;
}

const suffix = () => randomUUID().slice(0, 8);

/** A signed-in account. */
export type Viewer = { email: string; token: string; sub: string };
export type As = { as?: string; token?: string | null };
export const as = (viewer: Viewer): As => ({ token: viewer.token });

export async function demoViewer(email: string): Promise<Viewer> {
  const token = await idTokenFor(email);
  return { email, token, sub: subOf(token) };
}

/**
 * A Cognito user of its own, signed in, whose account does not exist yet. Tests write only to such
 * accounts: the demo viewers' accounts stay as other test files expect them (profiles.test.ts).
 */
export async function newViewer(label = "watcher"): Promise<Viewer> {
  const info = stack();
  const client = new CognitoIdentityProviderClient(cognitoLocalClientConfig(info.cognitoEndpoint));
  const email = `${label}-${suffix()}@watching.test`;
  const password = "Watching-test-1";
  await ensureUser(client, info.userPoolId, { email, password, groups: [] });
  client.destroy();
  const { idToken } = await signIn(info.cognitoEndpoint, info.userPoolClientId, email, password);
  return { email, token: idToken, sub: subOf(idToken) };
}

/** The account's profile ids, oldest first (the first call creates the default, ADULT profile). */
export async function profileIdsOf(viewer: Viewer): Promise<string[]> {
  return dataOf(await graphql<{ profiles: Array<{ id: string }> }>(`{ profiles { id } }`, {}, as(viewer))).profiles.map((profile) => profile.id);
}

export async function createProfile(viewer: Viewer, maturity: ProfileMaturity, name = `Watcher ${suffix()}`): Promise<string> {
  const response = await graphql<{ createProfile: { id: string } }>(
    `mutation ($input: CreateProfileInput!) { createProfile(input: $input) { id } }`,
    { input: { name, maturity } },
    as(viewer),
  );
  return dataOf(response).createProfile.id;
}

export async function deleteProfile(viewer: Viewer, profileId: string) {
  dataOf(await graphql(`mutation ($id: ID!) { deleteProfile(profileId: $id) { profileId } }`, { id: profileId }, as(viewer)));
}

export async function updateMaturity(viewer: Viewer, profileId: string, maturity: ProfileMaturity) {
  dataOf(await graphql(`mutation ($input: UpdateProfileInput!) { updateProfile(input: $input) { id } }`, { input: { profileId, maturity } }, as(viewer)));
}

/** A new account and one profile of the given maturity on it: what most tests start from. */
export async function watcher(maturity: ProfileMaturity = "ADULT"): Promise<{ viewer: Viewer; profileId: string; as: As }> {
  const viewer = await newViewer();
  const [defaultProfile] = await profileIdsOf(viewer);
  const profileId = maturity === "ADULT" ? defaultProfile! : await createProfile(viewer, maturity);
  return { viewer, profileId, as: as(viewer) };
}

export type TestTitle = { id: string; name: string; maturity: Title.Maturity | null; genres: string[] };

/** A catalog title (the title item and its genre rows, as Title.create writes them). */
export async function createTitle(fields: { name: string; genres: string[]; maturity: Title.Maturity | null; popularity?: number }): Promise<TestTitle> {
  const now = new Date().toISOString();
  const id = `w-${suffix()}`;
  const items = Title.itemsOf({
    titleId: id,
    name: fields.name,
    year: 2001,
    genres: fields.genres,
    maturity: fields.maturity,
    popularity: fields.popularity ?? 1,
    ratingCount: 4,
    ratingSum: 14,
    version: 1,
    createdAt: now,
    updatedAt: now,
  });
  const { client, name: TableName } = table();
  for (const Item of [items.title, ...items.genreTitles]) await client.send(new PutCommand({ TableName, Item }));
  await flushApiCache();
  return { id, name: fields.name, maturity: fields.maturity, genres: fields.genres };
}

/** Every item of a profile's partition (progress, list, events), sorted: "nothing written" is equality. */
export async function partitionOf(profileId: string): Promise<Record<string, unknown>[]> {
  const { client, name: TableName } = table();
  const items: Record<string, unknown>[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await client.send(
      new QueryCommand({ TableName, KeyConditionExpression: "pk = :pk", ExpressionAttributeValues: { ":pk": profilePartition(profileId) }, ConsistentRead: true, ExclusiveStartKey }),
    );
    items.push(...(page.Items ?? []));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return items;
}

// ---------------------------------------------------------------- the operations under test

export const titleFields = "id name year genres maturity popularity averageRating ratingCount version createdAt updatedAt";
export const entryFields = `title { ${titleFields} } positionSeconds durationSeconds resumeAtSeconds status hidden lastWatchedAt`;

export type WatchEntry = {
  title: { id: string; name: string; maturity: string | null; genres: string[] };
  positionSeconds: number;
  durationSeconds: number;
  resumeAtSeconds: number | null;
  status: "STARTED" | "IN_PROGRESS" | "FINISHED";
  hidden: boolean;
  lastWatchedAt: string;
};
export type MyListEntry = { title: { id: string; name: string; maturity: string | null }; addedAt: string };
export type Page<T> = { items: T[]; nextToken: string | null };


export type ProgressInput = { profileId: string; titleId: string; positionSeconds: number; durationSeconds: number; eventAt?: string };

export const recordProgress = (input: ProgressInput, as: As = {}) =>
  graphql<{ recordProgress: WatchEntry | null }>(`mutation ($input: RecordProgressInput!) { recordProgress(input: $input) { ${entryFields} } }`, { input }, as);

export const continueWatching = (profileId: string, as: As = {}, args: { limit?: number; nextToken?: string } = {}) =>
  graphql<{ continueWatching: Page<WatchEntry> }>(
    `query ($profileId: ID!, $limit: Int, $nextToken: String) { continueWatching(profileId: $profileId, limit: $limit, nextToken: $nextToken) { items { ${entryFields} } nextToken } }`,
    { profileId, ...args },
    as,
  );

export const history = (profileId: string, as: As = {}, args: { limit?: number; nextToken?: string } = {}) =>
  graphql<{ history: Page<WatchEntry> }>(
    `query ($profileId: ID!, $limit: Int, $nextToken: String) { history(profileId: $profileId, limit: $limit, nextToken: $nextToken) { items { ${entryFields} } nextToken } }`,
    { profileId, ...args },
    as,
  );

export const myList = (profileId: string, as: As = {}, args: { limit?: number; nextToken?: string } = {}) =>
  graphql<{ myList: Page<MyListEntry> }>(
    `query ($profileId: ID!, $limit: Int, $nextToken: String) { myList(profileId: $profileId, limit: $limit, nextToken: $nextToken) { items { title { ${titleFields} } addedAt } nextToken } }`,
    { profileId, ...args },
    as,
  );

export const hideFromContinueWatching = (profileId: string, titleId: string, as: As = {}) =>
  graphql<{ hideFromContinueWatching: WatchEntry | null }>(
    `mutation ($profileId: ID!, $titleId: ID!) { hideFromContinueWatching(profileId: $profileId, titleId: $titleId) { ${entryFields} } }`,
    { profileId, titleId },
    as,
  );

export const removeFromHistory = (profileId: string, titleId: string, as: As = {}) =>
  graphql<{ removeFromHistory: { profileId: string; titleId: string } | null }>(
    `mutation ($profileId: ID!, $titleId: ID!) { removeFromHistory(profileId: $profileId, titleId: $titleId) { profileId titleId } }`,
    { profileId, titleId },
    as,
  );

export const addToMyList = (profileId: string, titleId: string, as: As = {}) =>
  graphql<{ addToMyList: MyListEntry | null }>(
    `mutation ($profileId: ID!, $titleId: ID!) { addToMyList(profileId: $profileId, titleId: $titleId) { title { ${titleFields} } addedAt } }`,
    { profileId, titleId },
    as,
  );

export const removeFromMyList = (profileId: string, titleId: string, as: As = {}) =>
  graphql<{ removeFromMyList: { profileId: string; titleId: string } | null }>(
    `mutation ($profileId: ID!, $titleId: ID!) { removeFromMyList(profileId: $profileId, titleId: $titleId) { profileId titleId } }`,
    { profileId, titleId },
    as,
  );

export const homeQuery = `query ($profileId: ID!) {
  home(profileId: $profileId) {
    profile { id name avatar maturity language hasPin createdAt updatedAt }
    continueWatching { ${entryFields} }
    myList { title { ${titleFields} } addedAt }
    genreRows { genre titles { ${titleFields} } }
  }
}`;

export type Home = {
  profile: { id: string; name: string; avatar: string; maturity: string; language: string; hasPin: boolean; createdAt: string; updatedAt: string };
  continueWatching: WatchEntry[];
  myList: MyListEntry[];
  genreRows: Array<{ genre: string; titles: Array<{ id: string; maturity: string | null; genres: string[] }> }>;
};

export const home = (profileId: string, as: As = {}) => graphql<{ home: Home | null }>(homeQuery, { profileId }, as);

/** The answer's data, failing the test with the errors when there are any. */
export function dataOf<T>(response: GraphQLResponse<T>): T {
  expect(response.body.errors ?? [], JSON.stringify(response.body.errors)).toEqual([]);
  return response.body.data as T;
}

/** The one error of an answer (its field is null). */
export function errorOf(response: GraphQLResponse<Record<string, unknown>>, field: string) {
  expect(response.status).toBe(200);
  expect(response.body.errors, JSON.stringify(response.body)).toHaveLength(1);
  const data = response.body.data;
  // A nullable field is null; a non-null one (home, the pages) nulls the whole data.
  if (data !== null && data !== undefined) expect(data[field]).toBeNull();
  return response.body.errors![0]!;
}

export const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();
