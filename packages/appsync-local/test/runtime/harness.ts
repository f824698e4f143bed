// One runtime per test file: real DynamoDB Local and cognito-local on random ports, the fixture API
// (fixtures/) served by createAppSyncRuntime from a temporary copy, signed-in users and an API key.
import { CognitoIdentityProviderClient, CreateUserPoolClientCommand } from "@aws-sdk/client-cognito-identity-provider";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { createPrivateKey, randomBytes } from "node:crypto";
import { cpSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SignJWT, type JWTPayload } from "jose";
import { createAppSyncRuntime, type AppSyncRuntime } from "../../src/runtime-server.ts";
import { cognitoLocalClientConfig, startCognitoLocal, type CognitoLocal } from "@marquee/aws-local/engines/cognito";
import { startDynamoDBLocal, type DynamoDBLocal } from "@marquee/aws-local/engines/dynamodb";
import { ensureGroup, ensureTable, ensureUser, ensureUserPool, ensureUserPoolClient, signIn, type SignInTokens, type TableDefinition, type UserSeed } from "@marquee/aws-local/engines/provision";
import { freePort } from "@marquee/aws-local/engines/readiness";
import { fixtureManifest } from "./fixtures/manifest.ts";

/** The environment variables every fixture Lambda function is configured with. */
export const fixtureLambdaEnvironment = { FIXTURE_STAGE: "test" };

/** The fixture app's table: a pk/sk table with one global index, like most single-table apps. */
const fixtureTable: TableDefinition = {
  fields: { pk: "string", sk: "string", gsi1pk: "string", gsi1sk: "string" },
  primaryIndex: { hashKey: "pk", rangeKey: "sk" },
  globalIndexes: { gsi1: { hashKey: "gsi1pk", rangeKey: "gsi1sk" } },
  stream: "new-and-old-images",
  ttl: "expiresAt",
};

export const fixturesDirectory = join(import.meta.dirname, "fixtures");
const tableName = "runtime-fixture";
const region = "us-east-1";

export const fixtureUsers = {
  admin: { email: "admin@fixture.test", password: "Admin-pass-1", groups: ["admins"] },
  viewer: { email: "viewer@fixture.test", password: "Viewer-pass-1", groups: [] },
  editor: { email: "editor@fixture.test", password: "Editor-pass-1", groups: ["editors", "auditors"] },
} satisfies Record<string, UserSeed>;

export type FixtureUser = keyof typeof fixtureUsers;

/** The credentials control-plane requests (FlushApiCache) are SigV4-signed with. */
export const fixtureCredentials = { accessKeyId: "AKIAFIXTURE000000000", secretAccessKey: "fixture-secret-access-key" };

/** The fixture API's one API key (API_KEY is its additional authorization mode). */
export const fixtureApiKey = "da2-fixturekey000000000000000";

/** One entry of a response's `errors`, as the client receives it. */
export type ResponseError = Record<string, unknown> & { message: string; errorType?: string; path?: unknown };
export type GraphQLBody = { data?: Record<string, unknown> | null; errors?: ResponseError[] };
export type HttpAnswer = { status: number; body: GraphQLBody; text: string; headers: Headers };

export type RequestOptions = {
  /** The user whose id token signs the request (default viewer). */
  as?: FixtureUser;
  /** A raw Authorization header value instead; null sends none. */
  authorization?: string | null;
  headers?: Record<string, string>;
};

export type RuntimeHarness = {
  runtime: AppSyncRuntime;
  url: string;
  /** The temporary copy of fixtures/ the runtime serves (live-reload tests rewrite files here). */
  fixtureRoot: string;
  cognitoEndpoint: string;
  /** The harness's cognito-local (a test may stop it). */
  cognito: CognitoLocal;
  cognitoClient: CognitoIdentityProviderClient;
  userPoolId: string;
  /** The app client the API accepts. */
  clientId: string;
  idTokens: Record<FixtureUser, string>;
  tokens: Record<FixtureUser, SignInTokens>;
  /** Every Lambda invocation, in order: data source name and number of events (a BatchInvoke is one). */
  lambdaInvocations: Array<{ dataSource: string; events: number }>;
  /** Every DynamoDB API request the data source sent, by operation name. */
  dynamodbRequests: string[];
  graphql(query: string, variables?: Record<string, unknown>, options?: RequestOptions): Promise<HttpAnswer>;
  /** A raw HTTP request to /graphql (bodies that are not GraphQL requests, GET, other methods). */
  http(init: RequestInit & { search?: string; as?: FixtureUser; authorization?: string | null }): Promise<HttpAnswer>;
  /** Accepted by the API too, but its tokens live one second (for expired tokens). */
  shortLivedClientId: string;
  /** An app client of the same pool that the API does not accept. */
  otherClientId: string;
  stop(): Promise<void>;
};

export type HarnessOptions = {
  /** The runtime's JWKS refresh age (CognitoPoolConfig.jwksMaxAgeMs). */
  jwksMaxAgeMs?: number;
};

export async function startRuntimeHarness(options: HarnessOptions = {}): Promise<RuntimeHarness> {
  const stops: Array<() => Promise<void> | void> = [];
  const stop = async () => {
    for (const step of stops.reverse()) await Promise.resolve(step()).catch((error: unknown) => console.error(error));
    stops.length = 0;
  };
  try {
    const [dynamodbPort, cognitoPort] = [await freePort(), await freePort()];
    const [dynamodb, cognito] = await Promise.all([startDynamoDBLocal({ port: dynamodbPort }), startCognitoLocal({ port: cognitoPort })]);
    stops.push(() => dynamodb.stop(), () => cognito.stop());
    const engines = await provision(dynamodb, cognito);
    stops.push(() => engines.dynamodbClient.destroy(), () => engines.cognitoClient.destroy());

    // A copy at a different depth than the working directory: bundle inputs must resolve from either.
    const workDirectory = mkdtempSync(join(tmpdir(), "marquee-runtime-"));
    const fixtureRoot = join(workDirectory, "copy", "fixtures");
    cpSync(fixturesDirectory, fixtureRoot, { recursive: true });
    stops.push(() => rmSync(workDirectory, { recursive: true, force: true }));

    const lambdaInvocations: RuntimeHarness["lambdaInvocations"] = [];
    const dynamodbRequests: string[] = [];
    const runtime = createAppSyncRuntime({
      schemaSdl: readFileSync(join(fixtureRoot, "schema.graphql"), "utf8"),
      manifest: fixtureManifest,
      repoRoot: fixtureRoot,
      buildDirectory: join(workDirectory, "build"),
      lambdaEnvironment: fixtureLambdaEnvironment,
      authorization: { defaultMode: "AMAZON_COGNITO_USER_POOLS", additionalModes: ["API_KEY"] },
      cognito: {
        issuer: `${cognito.endpoint}/${engines.userPoolId}`,
        clientIds: [engines.clientId, engines.shortLivedClientId],
        jwksMaxAgeMs: options.jwksMaxAgeMs,
      },
      apiKeys: [{ id: fixtureApiKey }],
      controlPlaneCredentials: fixtureCredentials,
      dynamodb: { client: engines.dynamodbClient, tableName, nextTokenKey: randomBytes(32) },
      region,
      onDynamoDBRequest: (operation) => dynamodbRequests.push(operation),
      onLambdaInvoke: (dataSource, events) => lambdaInvocations.push({ dataSource, events }),
    });
    const port = await runtime.listen(0);
    stops.push(() => runtime.close());
    const url = `http://127.0.0.1:${port}/graphql`;

    const tokens = {} as Record<FixtureUser, SignInTokens>;
    for (const name of Object.keys(fixtureUsers) as FixtureUser[]) {
      tokens[name] = await signIn(cognito.endpoint, engines.clientId, fixtureUsers[name].email, fixtureUsers[name].password);
    }
    const idTokens = Object.fromEntries(Object.entries(tokens).map(([name, t]) => [name, t.idToken])) as Record<FixtureUser, string>;

    const http: RuntimeHarness["http"] = async ({ search, as, authorization, ...init }) => {
      const header = authorization !== undefined ? authorization : idTokens[as ?? "viewer"];
      const response = await fetch(`${url}${search ?? ""}`, {
        ...init,
        headers: { ...(header !== null ? { authorization: header } : {}), ...(init.headers as Record<string, string> | undefined) },
      });
      const text = await response.text();
      return { status: response.status, body: (text ? JSON.parse(text) : {}) as GraphQLBody, text, headers: response.headers };
    };

    return {
      runtime,
      url,
      fixtureRoot,
      cognitoEndpoint: cognito.endpoint,
      cognito,
      cognitoClient: engines.cognitoClient,
      userPoolId: engines.userPoolId,
      clientId: engines.clientId,
      idTokens,
      tokens,
      lambdaInvocations,
      dynamodbRequests,
      shortLivedClientId: engines.shortLivedClientId,
      otherClientId: engines.otherClientId,
      graphql: (query, variables = {}, requestOptions = {}) =>
        http({
          method: "POST",
          as: requestOptions.as,
          authorization: requestOptions.authorization,
          headers: { "content-type": "application/json", ...requestOptions.headers },
          body: JSON.stringify({ query, variables }),
        }),
      http,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function provision(dynamodb: DynamoDBLocal, cognito: CognitoLocal) {
  const dynamodbClient = new DynamoDBClient({ endpoint: dynamodb.endpoint, region, credentials: { accessKeyId: "local", secretAccessKey: "local" } });
  const cognitoClient = new CognitoIdentityProviderClient(cognitoLocalClientConfig(cognito.endpoint));
  await ensureTable(dynamodbClient, tableName, fixtureTable);
  const pool = await ensureUserPool(cognitoClient, "runtime-fixture");
  const { clientId } = await ensureUserPoolClient(cognitoClient, pool.id, "runtime-fixture-web");
  for (const group of ["admins", "editors", "auditors"]) await ensureGroup(cognitoClient, pool.id, group);
  for (const user of Object.values(fixtureUsers)) await ensureUser(cognitoClient, pool.id, user);
  const shortLivedClientId = await createClient(cognitoClient, pool.id, "runtime-fixture-short-lived", 1);
  const otherClientId = await createClient(cognitoClient, pool.id, "runtime-fixture-other-app");
  return { dynamodbClient, cognitoClient, userPoolId: pool.id, clientId, shortLivedClientId, otherClientId };
}

/** An app client with password sign-in; `tokenValiditySeconds` shortens its id and access tokens' lives. */
async function createClient(client: CognitoIdentityProviderClient, poolId: string, name: string, tokenValiditySeconds?: number): Promise<string> {
  const created = await client.send(
    new CreateUserPoolClientCommand({
      UserPoolId: poolId,
      ClientName: name,
      GenerateSecret: false,
      ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
      ...(tokenValiditySeconds
        ? {
            IdTokenValidity: tokenValiditySeconds,
            AccessTokenValidity: tokenValiditySeconds,
            TokenValidityUnits: { IdToken: "seconds", AccessToken: "seconds" },
          }
        : {}),
    }),
  );
  const clientId = created.UserPoolClient?.ClientId;
  if (!clientId) throw new Error(`cognito-local returned no id for app client ${name}`);
  return clientId;
}

/** A second user pool on the same cognito-local, with one user signed in: its id token. */
export async function idTokenFromAnotherPool(harness: RuntimeHarness): Promise<string> {
  const pool = await ensureUserPool(harness.cognitoClient, "runtime-fixture-other");
  const { clientId } = await ensureUserPoolClient(harness.cognitoClient, pool.id, "runtime-fixture-other-web");
  const user = { email: "stranger@fixture.test", password: "Stranger-pass-1", groups: [] };
  await ensureUser(harness.cognitoClient, pool.id, user);
  return (await signIn(harness.cognitoEndpoint, clientId, user.email, user.password)).idToken;
}

/**
 * A token signed with the pool's own key (the one cognito-local keeps in its data directory), with
 * exactly these claims: for tokens Cognito would never issue, such as one without `sub`.
 */
export async function signedByThePool(harness: RuntimeHarness, claims: JWTPayload): Promise<string> {
  const key = createPrivateKey(readFileSync(join(harness.cognito.directory, "signing-key.pem")));
  return new SignJWT(claims).setProtectedHeader({ alg: "RS256", kid: "CognitoLocal" }).sign(key);
}

/** Resolves after `ms` milliseconds. */
export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The AppSync location object for line/column of the request document. */
export const at = (line: number, column: number) => [{ line, column, sourceName: null }];
