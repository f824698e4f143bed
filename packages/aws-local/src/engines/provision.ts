// Idempotent creation of the AWS resources the offline stack needs, through the real SDK clients pointed at
// the local engines. Each `ensure*` finds what exists, creates what is missing and says whether it created it.
import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminGetUserCommand,
  AdminListGroupsForUserCommand,
  AdminRemoveUserFromGroupCommand,
  AdminSetUserPasswordCommand,
  AdminUpdateUserAttributesCommand,
  CognitoIdentityProviderClient,
  CreateGroupCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  DescribeUserPoolClientCommand,
  InitiateAuthCommand,
  paginateListGroups,
  paginateListUserPoolClients,
  paginateListUserPools,
  UpdateUserPoolClientCommand,
  type AdminGetUserCommandOutput,
  type AuthenticationResultType,
  type ExplicitAuthFlowsType,
} from "@aws-sdk/client-cognito-identity-provider";
import {
  CreateTableCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
  waitUntilTableExists,
  type AttributeDefinition,
  type DynamoDBClient,
  type GlobalSecondaryIndex,
  type KeySchemaElement,
  type StreamViewType,
  type TableDescription,
} from "@aws-sdk/client-dynamodb";
import { CreateBucketCommand, HeadBucketCommand, PutBucketCorsCommand, type S3Client } from "@aws-sdk/client-s3";
import { decodeJwt } from "jose";
import { cognitoLocalClientConfig } from "./cognito.ts";

/** Thrown when something exists in a shape provisioning cannot change in place. */
export class ProvisionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ProvisionError";
  }
}

function errorName(error: unknown): string | undefined {
  return error instanceof Error ? error.name : undefined;
}

// ---------------------------------------------------------------- DynamoDB

/** A table in SST's `sst.aws.Dynamo` vocabulary: string key fields, GSIs (projected ALL), a stream view, a TTL attribute. */
export type TableDefinition = {
  fields: Record<string, "string">;
  primaryIndex: { hashKey: string; rangeKey: string };
  globalIndexes: Record<string, { hashKey: string; rangeKey: string }>;
  stream: "new-and-old-images" | "new-image" | "old-image" | "keys-only";
  ttl: string;
};

function keySchema(index: { hashKey: string; rangeKey: string }): KeySchemaElement[] {
  return [
    { AttributeName: index.hashKey, KeyType: "HASH" },
    { AttributeName: index.rangeKey, KeyType: "RANGE" },
  ];
}

function tableShape(definition: TableDefinition) {
  return {
    streamViewType: definition.stream.toUpperCase().replaceAll("-", "_") as StreamViewType,
    attributeDefinitions: Object.keys(definition.fields).map((name): AttributeDefinition => ({ AttributeName: name, AttributeType: "S" })),
    globalSecondaryIndexes: Object.entries(definition.globalIndexes).map(([name, index]): GlobalSecondaryIndex => ({
      IndexName: name,
      KeySchema: keySchema(index),
      Projection: { ProjectionType: "ALL" },
    })),
  };
}

const sameKeys = (a: KeySchemaElement[] | undefined, b: KeySchemaElement[]) =>
  JSON.stringify(a?.map((k) => [k.AttributeName, k.KeyType])) === JSON.stringify(b.map((k) => [k.AttributeName, k.KeyType]));

async function describeTable(client: DynamoDBClient, tableName: string): Promise<TableDescription | undefined> {
  try {
    return (await client.send(new DescribeTableCommand({ TableName: tableName }))).Table;
  } catch (error) {
    if (errorName(error) === "ResourceNotFoundException") return undefined;
    throw error;
  }
}

/**
 * Creates a table from its definition (key fields, GSIs with ALL projection, NEW_AND_OLD_IMAGES stream,
 * TTL), or brings an existing one up to it: missing GSIs, stream and TTL are added; what DynamoDB cannot change in
 * place (keys, a GSI's keys or projection, another stream view or TTL attribute) is a `ProvisionError`.
 */
export async function ensureTable(
  client: DynamoDBClient,
  tableName: string,
  tableDefinition: TableDefinition,
): Promise<{ created: boolean; changes: string[] }> {
  const { streamViewType, attributeDefinitions, globalSecondaryIndexes } = tableShape(tableDefinition);
  const changes: string[] = [];
  const remedy = `delete table ${tableName} (locally: its data folder) so it is created again`;
  const table = await describeTable(client, tableName);
  const created = !table;
  if (!table) {
    const creation = await client.send(
      new CreateTableCommand({
        TableName: tableName,
        BillingMode: "PAY_PER_REQUEST",
        AttributeDefinitions: attributeDefinitions,
        KeySchema: keySchema(tableDefinition.primaryIndex),
        GlobalSecondaryIndexes: globalSecondaryIndexes,
        StreamSpecification: { StreamEnabled: true, StreamViewType: streamViewType },
      }),
    );
    // DynamoDB Local answers ACTIVE at once; DynamoDB takes a few seconds.
    if (creation.TableDescription?.TableStatus !== "ACTIVE") {
      await waitUntilTableExists({ client, maxWaitTime: 60, minDelay: 1 }, { TableName: tableName });
    }
    changes.push("table created");
  } else {
    if (!sameKeys(table.KeySchema, keySchema(tableDefinition.primaryIndex))) {
      throw new ProvisionError(`Table ${tableName} exists with other primary keys: ${remedy}.`);
    }
    for (const wanted of globalSecondaryIndexes) {
      const existing = table.GlobalSecondaryIndexes?.find((index) => index.IndexName === wanted.IndexName);
      if (!existing) {
        // One index per UpdateTable call: DynamoDB refuses more.
        await client.send(
          new UpdateTableCommand({
            TableName: tableName,
            AttributeDefinitions: attributeDefinitions,
            GlobalSecondaryIndexUpdates: [{ Create: wanted }],
          }),
        );
        changes.push(`index ${wanted.IndexName} added`);
      } else if (!sameKeys(existing.KeySchema, wanted.KeySchema!) || existing.Projection?.ProjectionType !== "ALL") {
        throw new ProvisionError(`Index ${wanted.IndexName} of table ${tableName} has other keys or projection: ${remedy}.`);
      }
    }
    const stream = table.StreamSpecification;
    if (!stream?.StreamEnabled) {
      await client.send(
        new UpdateTableCommand({
          TableName: tableName,
          StreamSpecification: { StreamEnabled: true, StreamViewType: streamViewType },
        }),
      );
      changes.push("stream enabled");
    } else if (stream.StreamViewType !== streamViewType) {
      throw new ProvisionError(`Table ${tableName} streams ${stream.StreamViewType}, not ${streamViewType}: ${remedy}.`);
    }
  }

  const ttl = (await client.send(new DescribeTimeToLiveCommand({ TableName: tableName }))).TimeToLiveDescription;
  const ttlOn = ttl?.TimeToLiveStatus === "ENABLED" || ttl?.TimeToLiveStatus === "ENABLING";
  if (!ttlOn) {
    await client.send(
      new UpdateTimeToLiveCommand({
        TableName: tableName,
        TimeToLiveSpecification: { AttributeName: tableDefinition.ttl, Enabled: true },
      }),
    );
    if (!created) changes.push("TTL enabled");
  } else if (ttl?.AttributeName !== tableDefinition.ttl) {
    throw new ProvisionError(`Table ${tableName} expires items by ${ttl?.AttributeName}, not ${tableDefinition.ttl}: ${remedy}.`);
  }
  return { created, changes };
}

// ---------------------------------------------------------------- Cognito

/**
 * Finds the user pool named `name` (the earliest created, should there be several) or creates it with email as the
 * username, as `infra/auth.ts` configures the deployed pool.
 */
export async function ensureUserPool(
  client: CognitoIdentityProviderClient,
  name: string,
): Promise<{ id: string; created: boolean }> {
  const matches: { id: string; createdAt: number }[] = [];
  for await (const page of paginateListUserPools({ client }, { MaxResults: 60 })) {
    for (const pool of page.UserPools ?? []) {
      if (pool.Name === name && pool.Id) matches.push({ id: pool.Id, createdAt: pool.CreationDate?.getTime() ?? 0 });
    }
  }
  const existing = matches.sort((a, b) => a.createdAt - b.createdAt)[0];
  // Not checked on an existing pool: cognito-local gives every pool email usernames by default.
  if (existing) return { id: existing.id, created: false };
  const created = await client.send(
    new CreateUserPoolCommand({
      PoolName: name,
      UsernameAttributes: ["email"],
      AutoVerifiedAttributes: ["email"],
    }),
  );
  const id = created.UserPool?.Id;
  if (!id) throw new ProvisionError(`Creating user pool ${name} returned no id.`);
  return { id, created: true };
}

/** The web app's flows: password sign-in (cognito-local has no SRP) and refresh. */
const webClientAuthFlows: ExplicitAuthFlowsType[] = ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"];

/** Finds the app client named `name` in the pool or creates it: no secret (a browser cannot keep one), password auth. */
export async function ensureUserPoolClient(
  client: CognitoIdentityProviderClient,
  poolId: string,
  name: string,
): Promise<{ clientId: string; created: boolean }> {
  for await (const page of paginateListUserPoolClients({ client }, { UserPoolId: poolId, MaxResults: 60 })) {
    const clientId = page.UserPoolClients?.find((candidate) => candidate.ClientName === name)?.ClientId;
    if (!clientId) continue;
    const existing = (await client.send(new DescribeUserPoolClientCommand({ UserPoolId: poolId, ClientId: clientId })))
      .UserPoolClient;
    const flows = existing?.ExplicitAuthFlows ?? [];
    if (webClientAuthFlows.some((flow) => !flows.includes(flow))) {
      // Cognito resets the settings an update omits; this client has no others.
      await client.send(
        new UpdateUserPoolClientCommand({
          UserPoolId: poolId,
          ClientId: clientId,
          ExplicitAuthFlows: [...new Set([...flows, ...webClientAuthFlows])],
        }),
      );
    }
    return { clientId, created: false };
  }
  const created = await client.send(
    new CreateUserPoolClientCommand({
      UserPoolId: poolId,
      ClientName: name,
      GenerateSecret: false,
      ExplicitAuthFlows: webClientAuthFlows,
    }),
  );
  const clientId = created.UserPoolClient?.ClientId;
  if (!clientId) throw new ProvisionError(`Creating app client ${name} returned no id.`);
  return { clientId, created: true };
}

/**
 * Creates the group if it is missing. Found through ListGroups: cognito-local's GetGroup fails with an internal
 * error in a pool without groups, and its CreateGroup overwrites an existing group, dropping its members.
 */
export async function ensureGroup(
  client: CognitoIdentityProviderClient,
  poolId: string,
  groupName: string,
): Promise<{ created: boolean }> {
  for await (const page of paginateListGroups({ client }, { UserPoolId: poolId, Limit: 60 })) {
    if (page.Groups?.some((group) => group.GroupName === groupName)) return { created: false };
  }
  await client.send(new CreateGroupCommand({ UserPoolId: poolId, GroupName: groupName }));
  return { created: true };
}

export type UserSeed = { email: string; password: string; groups: readonly string[] };

async function getUser(
  client: CognitoIdentityProviderClient,
  poolId: string,
  email: string,
): Promise<AdminGetUserCommandOutput | undefined> {
  try {
    return await client.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: email }));
  } catch (error) {
    if (errorName(error) === "UserNotFoundException") return undefined;
    throw error;
  }
}

/**
 * Makes the user exist, confirmed, with a verified email, `password` as its permanent password and membership of
 * exactly `groups` (which must exist). The admin API cannot read a password back, so an existing user's password is
 * set again on every run: a changed seed password takes effect, an unchanged one stays as it was.
 * Returns the pool's username for the user (with email usernames it is the user's `sub`).
 */
export async function ensureUser(
  client: CognitoIdentityProviderClient,
  poolId: string,
  seed: UserSeed,
): Promise<{ username: string; created: boolean; groupsAdded: string[]; groupsRemoved: string[] }> {
  let user = await getUser(client, poolId, seed.email);
  const created = !user;
  if (!user) {
    await client.send(
      new AdminCreateUserCommand({
        UserPoolId: poolId,
        Username: seed.email,
        TemporaryPassword: seed.password,
        MessageAction: "SUPPRESS",
        UserAttributes: [
          { Name: "email", Value: seed.email },
          { Name: "email_verified", Value: "true" },
        ],
      }),
    );
    user = await getUser(client, poolId, seed.email);
  }
  const username = user?.Username;
  if (!username) throw new ProvisionError(`User ${seed.email} was not found after creating it.`);

  const emailVerified = user?.UserAttributes?.find((attribute) => attribute.Name === "email_verified")?.Value;
  if (emailVerified !== "true") {
    await client.send(
      new AdminUpdateUserAttributesCommand({
        UserPoolId: poolId,
        Username: username,
        UserAttributes: [{ Name: "email_verified", Value: "true" }],
      }),
    );
  }
  // Permanent: the user is CONFIRMED and signs in without a NEW_PASSWORD_REQUIRED challenge.
  await client.send(
    new AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: username, Password: seed.password, Permanent: true }),
  );

  // By username, not email: cognito-local matches group members against the name given here literally.
  const current = new Set(
    ((await client.send(new AdminListGroupsForUserCommand({ UserPoolId: poolId, Username: username }))).Groups ?? []).map(
      (group) => group.GroupName ?? "",
    ),
  );
  const groupsAdded = seed.groups.filter((group) => !current.has(group));
  const groupsRemoved = [...current].filter((group) => !seed.groups.includes(group));
  for (const group of groupsAdded) {
    await client.send(new AdminAddUserToGroupCommand({ UserPoolId: poolId, Username: username, GroupName: group }));
  }
  for (const group of groupsRemoved) {
    await client.send(new AdminRemoveUserFromGroupCommand({ UserPoolId: poolId, Username: username, GroupName: group }));
  }
  return { username, created, groupsAdded, groupsRemoved };
}

export type SignInTokens = { idToken: string; accessToken: string; refreshToken: string; expiresIn: number };
export type RefreshedTokens = Omit<SignInTokens, "refreshToken">;

/** Email or password refused; one error for both, whichever exception the engine used. */
export class SignInRefusedError extends Error {
  constructor(options: { cause: unknown }) {
    super("Incorrect email or password.", options);
    this.name = "SignInRefusedError";
  }
}

// cognito-local answers a wrong password with InvalidPasswordException; Cognito with NotAuthorizedException.
const refusals = new Set(["NotAuthorizedException", "InvalidPasswordException", "UserNotFoundException"]);

async function initiateAuth(
  endpoint: string,
  input: { clientId: string; flow: "USER_PASSWORD_AUTH" | "REFRESH_TOKEN_AUTH"; parameters: Record<string, string> },
): Promise<AuthenticationResultType> {
  const client = new CognitoIdentityProviderClient(cognitoLocalClientConfig(endpoint));
  try {
    const response = await client.send(
      new InitiateAuthCommand({ ClientId: input.clientId, AuthFlow: input.flow, AuthParameters: input.parameters }),
    );
    if (!response.AuthenticationResult) {
      throw new Error(`Sign-in asked for the ${response.ChallengeName} challenge, which the local stack does not answer.`);
    }
    return response.AuthenticationResult;
  } catch (error) {
    if (refusals.has(errorName(error) ?? "")) throw new SignInRefusedError({ cause: error });
    throw error;
  } finally {
    client.destroy();
  }
}

// cognito-local leaves out ExpiresIn; the access token's own lifetime is what Cognito reports there.
function expiresIn(result: AuthenticationResultType, accessToken: string): number {
  if (result.ExpiresIn) return result.ExpiresIn;
  const { exp, iat } = decodeJwt(accessToken);
  return exp !== undefined && iat !== undefined ? exp - iat : 0;
}

function requireToken(value: string | undefined, name: string): string {
  if (!value) throw new Error(`Sign-in returned no ${name}.`);
  return value;
}

/** Password sign-in (InitiateAuth USER_PASSWORD_AUTH) against the Cognito API at `endpoint`. */
export async function signIn(endpoint: string, clientId: string, email: string, password: string): Promise<SignInTokens> {
  const result = await initiateAuth(endpoint, {
    clientId,
    flow: "USER_PASSWORD_AUTH",
    parameters: { USERNAME: email, PASSWORD: password },
  });
  const accessToken = requireToken(result.AccessToken, "access token");
  return {
    idToken: requireToken(result.IdToken, "id token"),
    accessToken,
    refreshToken: requireToken(result.RefreshToken, "refresh token"),
    expiresIn: expiresIn(result, accessToken),
  };
}

/** New id and access tokens for a refresh token (Cognito returns no new refresh token). */
export async function refresh(endpoint: string, clientId: string, refreshToken: string): Promise<RefreshedTokens> {
  const result = await initiateAuth(endpoint, {
    clientId,
    flow: "REFRESH_TOKEN_AUTH",
    parameters: { REFRESH_TOKEN: refreshToken },
  });
  const accessToken = requireToken(result.AccessToken, "access token");
  return { idToken: requireToken(result.IdToken, "id token"), accessToken, expiresIn: expiresIn(result, accessToken) };
}

// ---------------------------------------------------------------- S3

/**
 * Creates the bucket if it is missing. With `corsAllowedOrigins`, browsers from those origins may GET/PUT/POST/HEAD
 * (presigned uploads from the web app); the CORS rules are replaced on every run.
 */
export async function ensureBucket(
  client: S3Client,
  bucketName: string,
  options: { corsAllowedOrigins?: string[] } = {},
): Promise<{ created: boolean }> {
  let created = false;
  try {
    await client.send(new HeadBucketCommand({ Bucket: bucketName }));
  } catch (error) {
    const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
    if (status !== 404) throw error;
    await client.send(new CreateBucketCommand({ Bucket: bucketName }));
    created = true;
  }
  if (options.corsAllowedOrigins?.length) {
    await client.send(
      new PutBucketCorsCommand({
        Bucket: bucketName,
        CORSConfiguration: {
          CORSRules: [
            {
              AllowedOrigins: options.corsAllowedOrigins,
              AllowedMethods: ["GET", "PUT", "POST", "HEAD"],
              AllowedHeaders: ["*"],
              ExposeHeaders: ["ETag"],
              MaxAgeSeconds: 3000,
            },
          ],
        },
      }),
    );
  }
  return { created };
}
