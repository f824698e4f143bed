import {
  CreateTableCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  DynamoDBClient,
  ListTablesCommand,
} from "@aws-sdk/client-dynamodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDynamoDBLocal, type DynamoDBLocal } from "../../src/engines/dynamodb.ts";
import { ensureTable, ProvisionError, type TableDefinition } from "../../src/engines/provision.ts";
import { freePort } from "../../src/engines/readiness.ts";
import { createKeyValueTable } from "../../src/testing/dynamodb.ts";

// A single table like Marquee's: three global indexes, a stream with both images, TTL.
const tableKeys = {
  primary: { partitionKey: "pk", sortKey: "sk" },
  gsi1: { partitionKey: "gsi1pk", sortKey: "gsi1sk" },
  gsi2: { partitionKey: "gsi2pk", sortKey: "gsi2sk" },
  gsi3: { partitionKey: "gsi3pk", sortKey: "gsi3sk" },
} as const;
const globalIndexNames = ["gsi1", "gsi2", "gsi3"] as const;
const ttlAttribute = "expiresAt";
const tableDefinition = {
  fields: Object.fromEntries(Object.values(tableKeys).flatMap((k) => [[k.partitionKey, "string"], [k.sortKey, "string"]])),
  primaryIndex: { hashKey: "pk", rangeKey: "sk" },
  globalIndexes: Object.fromEntries(globalIndexNames.map((name) => [name, { hashKey: tableKeys[name].partitionKey, rangeKey: tableKeys[name].sortKey }])),
  stream: "new-and-old-images",
  ttl: ttlAttribute,
} satisfies TableDefinition;

describe("ensureTable against DynamoDB Local (in memory)", () => {
  let dynamodb: DynamoDBLocal;
  let client: DynamoDBClient;

  beforeAll(async () => {
    dynamodb = await startDynamoDBLocal({ port: await freePort() });
    client = new DynamoDBClient({
      endpoint: dynamodb.endpoint,
      region: "us-east-1",
      credentials: { accessKeyId: "local", secretAccessKey: "local" },
    });
  }, 120_000);

  afterAll(async () => {
    client?.destroy();
    await dynamodb?.stop();
  });

  const describeTable = async (name: string) => (await client.send(new DescribeTableCommand({ TableName: name }))).Table!;
  const ttlOf = async (name: string) =>
    (await client.send(new DescribeTimeToLiveCommand({ TableName: name }))).TimeToLiveDescription;

  it("creates the table from tableDefinition, then changes nothing on a second run", async () => {
    expect(await ensureTable(client, "marquee", tableDefinition)).toEqual({ created: true, changes: ["table created"] });
    const before = await describeTable("marquee");
    expect(await ensureTable(client, "marquee", tableDefinition)).toEqual({ created: false, changes: [] });
    const after = await describeTable("marquee");
    expect(after.CreationDateTime).toEqual(before.CreationDateTime);
    expect(after.LatestStreamArn).toBe(before.LatestStreamArn);
    expect((await client.send(new ListTablesCommand({}))).TableNames).toEqual(["marquee"]);
  });

  it("has the primary keys, every GSI with ALL projection, a NEW_AND_OLD_IMAGES stream and TTL", async () => {
    const table = await describeTable("marquee");
    expect(table.KeySchema).toEqual([
      { AttributeName: tableKeys.primary.partitionKey, KeyType: "HASH" },
      { AttributeName: tableKeys.primary.sortKey, KeyType: "RANGE" },
    ]);
    expect(table.GlobalSecondaryIndexes?.map((index) => index.IndexName).sort()).toEqual([...globalIndexNames]);
    for (const name of globalIndexNames) {
      const index = table.GlobalSecondaryIndexes!.find((candidate) => candidate.IndexName === name)!;
      expect(index.KeySchema).toEqual([
        { AttributeName: tableKeys[name].partitionKey, KeyType: "HASH" },
        { AttributeName: tableKeys[name].sortKey, KeyType: "RANGE" },
      ]);
      expect(index.Projection?.ProjectionType).toBe("ALL");
    }
    expect(table.AttributeDefinitions?.map((a) => [a.AttributeName, a.AttributeType]).sort()).toEqual(
      Object.keys(tableDefinition.fields).map((name) => [name, "S"]).sort(),
    );
    expect(table.StreamSpecification).toEqual({ StreamEnabled: true, StreamViewType: "NEW_AND_OLD_IMAGES" });
    expect(table.LatestStreamArn).toBeTruthy();
    expect(await ttlOf("marquee")).toMatchObject({ TimeToLiveStatus: "ENABLED", AttributeName: ttlAttribute });
  });

  it("brings an older table up to the definition: missing index, stream and TTL", async () => {
    // pk/sk and gsi1 only, no stream, no TTL: the table's shape before later issues.
    await createKeyValueTable(client, "older");
    expect(await ensureTable(client, "older", tableDefinition)).toEqual({
      created: false,
      changes: ["index gsi2 added", "index gsi3 added", "stream enabled", "TTL enabled"],
    });
    const table = await describeTable("older");
    expect(table.GlobalSecondaryIndexes?.map((index) => index.IndexName).sort()).toEqual([...globalIndexNames]);
    expect(table.StreamSpecification?.StreamViewType).toBe("NEW_AND_OLD_IMAGES");
    expect(await ttlOf("older")).toMatchObject({ TimeToLiveStatus: "ENABLED", AttributeName: ttlAttribute });
    expect(await ensureTable(client, "older", tableDefinition)).toEqual({ created: false, changes: [] });
  });

  it("refuses a table whose keys cannot be changed in place, saying what to do", async () => {
    await client.send(
      new CreateTableCommand({
        TableName: "other-keys",
        BillingMode: "PAY_PER_REQUEST",
        AttributeDefinitions: [{ AttributeName: "id", AttributeType: "S" }],
        KeySchema: [{ AttributeName: "id", KeyType: "HASH" }],
      }),
    );
    const attempt = ensureTable(client, "other-keys", tableDefinition);
    await expect(attempt).rejects.toBeInstanceOf(ProvisionError);
    await expect(attempt).rejects.toThrow(/other primary keys: delete table other-keys/);
  });
});
