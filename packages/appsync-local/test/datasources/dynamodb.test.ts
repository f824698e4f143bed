// The DynamoDB data source against a real DynamoDB Local: request shapes in, AppSync's result shapes out.
import { CreateTableCommand, DynamoDBClient, GetItemCommand, PutItemCommand } from "@aws-sdk/client-dynamodb";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { DataSource } from "../../src/datasource.ts";
import { createDynamoDBDataSource, type DataSourceOutcome, type DynamoDBDataSource } from "../../src/datasources/dynamodb.ts";
import type { DynamoDBLocal } from "@marquee/aws-local/engines/dynamodb";
import { createKeyValueTable, startTestDynamoDB } from "@marquee/aws-local/testing/dynamodb";

const table = "marquee-datasource-test";
const otherTable = "marquee-datasource-other";
const tokenKey = new Uint8Array(32).fill(7);
const invalidToken = {
  type: "DynamoDB:UserIllegalArgumentException",
  message: "com.amazonaws.deepdish.common.pagination.InvalidPaginationTokenException: Invalid pagination token given.",
};

let engine: DynamoDBLocal;
let client: DynamoDBClient;
let dataSource: DynamoDBDataSource;
let sent: string[] = [];

beforeAll(async () => {
  ({ engine, client } = await startTestDynamoDB());
  await createKeyValueTable(client, table);
  await client.send(
    new CreateTableCommand({
      TableName: otherTable,
      BillingMode: "PAY_PER_REQUEST",
      AttributeDefinitions: [{ AttributeName: "id", AttributeType: "S" }],
      KeySchema: [{ AttributeName: "id", KeyType: "HASH" }],
    }),
  );
  dataSource = createDynamoDBDataSource({ client, tableName: table, nextTokenKey: tokenKey, onRequest: (api) => sent.push(api) });
}, 90_000);

afterAll(async () => {
  client?.destroy();
  await engine?.stop();
});

beforeEach(() => {
  sent = [];
});

const invoke = (request: unknown, callerId = "Query.items") => dataSource.invoke({ request, callerId });

function resultOf<T = Record<string, unknown>>(outcome: DataSourceOutcome): T {
  if (!outcome.ok) throw new Error(`expected success, got ${outcome.error.type}: ${outcome.error.message}`);
  return outcome.result as T;
}

function errorOf(outcome: DataSourceOutcome) {
  if (outcome.ok) throw new Error(`expected an error, got ${JSON.stringify(outcome.result)}`);
  return outcome;
}

const s = (value: string) => ({ S: value });
const key = (pk: string, sk: string) => ({ pk: s(pk), sk: s(sk) });
type Page = { items: Array<Record<string, unknown>>; nextToken: string | null; scannedCount: number };

async function putRaw(item: Record<string, unknown>) {
  // Seeds through the SDK, not through the data source under test.
  await client.send(new PutItemCommand({ TableName: table, Item: item as never }));
}

async function seedPage(pk: string, count: number) {
  for (let index = 0; index < count; index++) {
    const sk = `item#${String(index).padStart(2, "0")}`;
    await putRaw({ pk: s(pk), sk: s(sk), gsi1pk: s(pk), gsi1sk: s(sk), n: { N: String(index) } });
  }
}

describe("the data source contract", () => {
  it("is a DataSource the executor can call", () => {
    const asExecutorSees: DataSource = dataSource;
    expect(asExecutorSees.type).toBe("dynamodb");
  });
});

describe("GetItem", () => {
  it("returns the item as plain JSON: numbers, sets as lists, binaries as base64", async () => {
    await putRaw({
      ...key("get#1", "a"),
      count: { N: "42" },
      price: { N: "9.50" },
      tags: { SS: ["x", "y"] },
      scores: { NS: ["1", "2.5"] },
      blob: { B: Buffer.from("hi") },
      blobs: { BS: [Buffer.from("a"), Buffer.from("b")] },
      flag: { BOOL: true },
      nothing: { NULL: true },
      list: { L: [s("one"), { N: "2" }] },
      map: { M: { nested: { N: "-3" } } },
    });
    const item = resultOf(await invoke({ operation: "GetItem", key: key("get#1", "a"), consistentRead: true }));
    expect({ ...item, tags: undefined, scores: undefined, blobs: undefined }).toEqual({
      pk: "get#1",
      sk: "a",
      count: 42,
      price: 9.5,
      flag: true,
      nothing: null,
      list: ["one", 2],
      map: { nested: -3 },
      blob: Buffer.from("hi").toString("base64"),
      tags: undefined,
      scores: undefined,
      blobs: undefined,
    });
    expect((item.tags as string[]).sort()).toEqual(["x", "y"]);
    expect((item.scores as number[]).sort()).toEqual([1, 2.5]);
    expect((item.blobs as string[]).sort()).toEqual(["YQ==", "Yg=="]);
  });

  it("returns null for a missing item and only the projected attributes with a projection", async () => {
    expect(resultOf(await invoke({ operation: "GetItem", key: key("get#none", "a") }))).toBeNull();
    await putRaw({ ...key("get#2", "a"), name: s("Ada"), secret: s("x") });
    const item = resultOf(await invoke({ operation: "GetItem", key: key("get#2", "a"), projection: { expression: "#n", expressionNames: { "#n": "name" } } }));
    expect(item).toEqual({ name: "Ada" });
  });
});

describe("PutItem, UpdateItem, DeleteItem", () => {
  it("PutItem writes key plus attributeValues, takes numbers as JSON numbers, and returns the item written", async () => {
    const outcome = await invoke({ operation: "PutItem", key: key("put#1", "a"), attributeValues: { n: { N: 42 }, blob: { B: "aGk=" }, name: s("Ada") } });
    expect(resultOf(outcome)).toEqual({ pk: "put#1", sk: "a", n: 42, blob: "aGk=", name: "Ada" });
    const stored = await client.send(new GetItemCommand({ TableName: table, Key: key("put#1", "a"), ConsistentRead: true }));
    expect(stored.Item?.n).toEqual({ N: "42" });
    expect(Buffer.from(stored.Item?.blob?.B ?? []).toString()).toBe("hi");
  });

  it("a failed condition is DynamoDB:ConditionalCheckFailedException with the current item in result", async () => {
    await putRaw({ ...key("put#2", "a"), name: s("Ada"), version: { N: "3" } });
    const outcome = errorOf(
      await invoke({ operation: "PutItem", key: key("put#2", "a"), attributeValues: { name: s("Grace") }, condition: { expression: "attribute_not_exists(pk)" } }),
    );
    expect(outcome.error.type).toBe("DynamoDB:ConditionalCheckFailedException");
    expect(outcome.error.message).toMatch(/^The conditional request failed \(Service: DynamoDb, Status Code: 400, Request ID: .+\)$/);
    expect(outcome.result).toEqual({ pk: "put#2", sk: "a", name: "Ada", version: 3 });
    expect(sent).toEqual(["PutItem"]);
  });

  it("PutItem whose condition fails but whose item already is what it wanted to write succeeds (equalsIgnore)", async () => {
    await putRaw({ ...key("put#3", "a"), name: s("Ada"), version: { N: "8" } });
    const request = (name: string) => ({
      operation: "PutItem",
      key: key("put#3", "a"),
      attributeValues: { name: s(name), version: { N: 2 } },
      condition: { expression: "version = :expected", expressionValues: { ":expected": { N: 1 } }, equalsIgnore: ["version"] },
    });
    expect(resultOf(await invoke(request("Ada")))).toEqual({ pk: "put#3", sk: "a", name: "Ada", version: 8 });
    expect(errorOf(await invoke(request("Grace"))).error.type).toBe("DynamoDB:ConditionalCheckFailedException");
  });

  it("UpdateItem returns the updated item; with a failed condition, the error and the current item", async () => {
    await putRaw({ ...key("upd#1", "a"), views: { N: "1" }, version: { N: "1" } });
    const update = { expression: "SET #views = #views + :one, version = :next", expressionNames: { "#views": "views" }, expressionValues: { ":one": { N: 1 }, ":next": { N: 2 } } };
    const updated = await invoke({ operation: "UpdateItem", key: key("upd#1", "a"), update, condition: { expression: "version = :v", expressionValues: { ":v": { N: 1 } } } });
    expect(resultOf(updated)).toEqual({ pk: "upd#1", sk: "a", views: 2, version: 2 });
    const stale = errorOf(await invoke({ operation: "UpdateItem", key: key("upd#1", "a"), update, condition: { expression: "version = :v", expressionValues: { ":v": { N: 1 } } } }));
    expect(stale.error.type).toBe("DynamoDB:ConditionalCheckFailedException");
    expect(stale.result).toEqual({ pk: "upd#1", sk: "a", views: 2, version: 2 });
  });

  it("DeleteItem returns the deleted item; a failed condition on an item already gone counts as success", async () => {
    await putRaw({ ...key("del#1", "a"), name: s("Ada") });
    expect(resultOf(await invoke({ operation: "DeleteItem", key: key("del#1", "a") }))).toEqual({ pk: "del#1", sk: "a", name: "Ada" });
    const gone = await invoke({ operation: "DeleteItem", key: key("del#1", "a"), condition: { expression: "attribute_exists(pk)" } });
    expect(gone).toEqual({ ok: true, result: null });
    await putRaw({ ...key("del#2", "a"), owner: s("ada") });
    const refused = errorOf(await invoke({ operation: "DeleteItem", key: key("del#2", "a"), condition: { expression: "#o = :me", expressionNames: { "#o": "owner" }, expressionValues: { ":me": s("eve") } } }));
    expect(refused.error.type).toBe("DynamoDB:ConditionalCheckFailedException");
    expect(refused.result).toEqual({ pk: "del#2", sk: "a", owner: "ada" });
  });
});

describe("Query", () => {
  it("returns { items, nextToken, scannedCount } with the direction, projection and index asked for", async () => {
    await seedPage("query#1", 4);
    const backwards = resultOf<Page>(
      await invoke({ operation: "Query", query: { expression: "pk = :pk", expressionValues: { ":pk": s("query#1") } }, scanIndexForward: false, projection: { expression: "sk, n" } }),
    );
    expect(backwards).toEqual({
      items: [3, 2, 1, 0].map((n) => ({ sk: `item#0${n}`, n })),
      nextToken: null,
      scannedCount: 4,
    });
    const byIndex = resultOf<Page>(
      await invoke({ operation: "Query", index: "gsi1", query: { expression: "gsi1pk = :pk AND gsi1sk > :after", expressionValues: { ":pk": s("query#1"), ":after": s("item#01") } } }),
    );
    expect(byIndex.items.map((item) => item.sk)).toEqual(["item#02", "item#03"]);
  });

  it("limit counts items evaluated before the filter, as in DynamoDB", async () => {
    await seedPage("query#2", 10);
    const page = resultOf<Page>(
      await invoke({
        operation: "Query",
        query: { expression: "pk = :pk", expressionValues: { ":pk": s("query#2") } },
        filter: { expression: "n > :min", expressionValues: { ":min": { N: 1 } } },
        limit: 4,
      }),
    );
    expect(page.scannedCount).toBe(4);
    expect(page.items.map((item) => item.n)).toEqual([2, 3]);
    expect(page.nextToken).toEqual(expect.any(String));
  });

  it("pages to the end with sealed tokens, returning every item exactly once", async () => {
    await seedPage("query#3", 10);
    const request = { operation: "Query", query: { expression: "pk = :pk", expressionValues: { ":pk": s("query#3") } }, limit: 3 };
    const seen: string[] = [];
    const tokens: string[] = [];
    let nextToken: string | null = null;
    do {
      const page: Page = resultOf<Page>(await invoke({ ...request, nextToken }));
      seen.push(...page.items.map((item) => item.sk as string));
      nextToken = page.nextToken;
      if (nextToken) tokens.push(nextToken);
    } while (nextToken);
    expect(seen).toEqual(Array.from({ length: 10 }, (_, index) => `item#${String(index).padStart(2, "0")}`));
    expect(tokens.length).toBeGreaterThanOrEqual(3);
    for (const token of tokens) {
      expect(token.startsWith("eyJ2ZXJzaW9uIjoy")).toBe(true); // AppSync's {"version":2,...} wrapper
      const outer = JSON.parse(Buffer.from(token, "base64").toString("utf8")) as { token: string };
      expect(Buffer.from(outer.token, "base64").toString("latin1")).not.toContain("query#3");
    }
  });

  it("refuses a tampered token, a token from another index, resolver or key, and garbage", async () => {
    await seedPage("query#4", 5);
    const tableQuery = { operation: "Query", query: { expression: "pk = :pk", expressionValues: { ":pk": s("query#4") } }, limit: 2 };
    const token = resultOf<Page>(await invoke(tableQuery)).nextToken!;
    expect(resultOf<Page>(await invoke({ ...tableQuery, nextToken: token })).items).toHaveLength(2);

    const outer = JSON.parse(Buffer.from(token, "base64").toString("utf8")) as { version: number; token: string };
    const inner = Buffer.from(outer.token, "base64");
    inner[inner.length - 20] ^= 1;
    const tampered = Buffer.from(JSON.stringify({ ...outer, token: inner.toString("base64") })).toString("base64");
    const indexQuery = { operation: "Query", index: "gsi1", query: { expression: "gsi1pk = :pk", expressionValues: { ":pk": s("query#4") } }, limit: 2 };
    const otherKeySource = createDynamoDBDataSource({ client, tableName: table, nextTokenKey: new Uint8Array(32).fill(9) });

    sent = [];
    const refusals = [
      await invoke({ ...tableQuery, nextToken: tampered }),
      await invoke({ ...indexQuery, nextToken: token }),
      await invoke({ ...tableQuery, nextToken: token }, "Query.someOtherField"),
      await otherKeySource.invoke({ request: { ...tableQuery, nextToken: token }, callerId: "Query.items" }),
      await invoke({ ...tableQuery, nextToken: "not-a-token" }),
    ];
    for (const outcome of refusals) expect(errorOf(outcome).error).toEqual(invalidToken);
    expect(sent).toEqual([]);
  });
});

describe("Scan", () => {
  it("scans in parallel segments, each paged to its end, covering every item once; tokens stay in their segment", async () => {
    await seedPage("scan#1", 6);
    const filter = { expression: "pk = :pk", expressionValues: { ":pk": s("scan#1") } };
    const seen: string[] = [];
    let segmentZeroToken: string | null = null;
    for (const segment of [0, 1]) {
      let nextToken: string | null = null;
      do {
        const page: Page = resultOf<Page>(await invoke({ operation: "Scan", filter, limit: 2, segment, totalSegments: 2, nextToken }));
        seen.push(...page.items.map((item) => item.sk as string));
        nextToken = page.nextToken;
        if (segment === 0 && nextToken) segmentZeroToken = nextToken;
      } while (nextToken);
    }
    expect(seen.sort()).toEqual(["item#00", "item#01", "item#02", "item#03", "item#04", "item#05"]);
    expect(segmentZeroToken).not.toBeNull();
    expect(errorOf(await invoke({ operation: "Scan", filter, limit: 2, segment: 1, totalSegments: 2, nextToken: segmentZeroToken })).error).toEqual(invalidToken);
  });
});

describe("batches across two tables", () => {
  it("BatchPutItem, BatchGetItem and BatchDeleteItem answer per table, in request order, in one request each", async () => {
    const put = await invoke({
      operation: "BatchPutItem",
      tables: {
        [table]: [
          { ...key("batch#1", "a"), name: s("one") },
          { ...key("batch#1", "b"), name: s("two") },
        ],
        [otherTable]: [{ id: s("batch-other"), size: { N: 3 } }],
      },
    });
    expect(resultOf(put)).toEqual({
      data: {
        [table]: [
          { pk: "batch#1", sk: "a", name: "one" },
          { pk: "batch#1", sk: "b", name: "two" },
        ],
        [otherTable]: [{ id: "batch-other", size: 3 }],
      },
      unprocessedItems: { [table]: [], [otherTable]: [] },
    });
    expect(sent).toEqual(["BatchWriteItem"]);

    sent = [];
    const got = await invoke({
      operation: "BatchGetItem",
      tables: {
        [table]: { keys: [key("batch#1", "b"), key("batch#1", "missing"), key("batch#1", "a")], consistentRead: true, projection: { expression: "#n", expressionNames: { "#n": "name" } } },
        [otherTable]: [{ id: s("batch-other") }],
      },
    });
    expect(resultOf(got)).toEqual({
      data: { [table]: [{ name: "two" }, null, { name: "one" }], [otherTable]: [{ id: "batch-other", size: 3 }] },
      unprocessedKeys: { [table]: [], [otherTable]: [] },
    });
    expect(sent).toEqual(["BatchGetItem"]);

    const deleted = await invoke({ operation: "BatchDeleteItem", tables: { [table]: [key("batch#1", "a")], [otherTable]: [{ id: s("batch-other") }] } });
    expect(resultOf(deleted)).toEqual({
      data: { [table]: [{ pk: "batch#1", sk: "a" }], [otherTable]: [{ id: "batch-other" }] },
      unprocessedKeys: { [table]: [], [otherTable]: [] },
    });
    const after = await invoke({ operation: "BatchGetItem", tables: { [table]: { keys: [key("batch#1", "a"), key("batch#1", "b")] }, [otherTable]: { keys: [{ id: s("batch-other") }] } } });
    expect(resultOf(after)).toMatchObject({ data: { [table]: [null, { name: "two" }], [otherTable]: [null] } });
  });
});

describe("transactions", () => {
  it("TransactWriteItems returns the keys in request order; TransactGetItems the items, null where missing", async () => {
    await putRaw({ ...key("tx#1", "counter"), count: { N: "1" } });
    const written = await invoke({
      operation: "TransactWriteItems",
      transactItems: [
        { table, operation: "PutItem", key: key("tx#1", "new"), attributeValues: { name: s("fresh") }, condition: { expression: "attribute_not_exists(pk)" } },
        { table, operation: "UpdateItem", key: key("tx#1", "counter"), update: { expression: "ADD #c :one", expressionNames: { "#c": "count" }, expressionValues: { ":one": { N: 1 } } } },
        { table: otherTable, operation: "PutItem", key: { id: s("tx-other") } },
      ],
    });
    expect(resultOf(written)).toEqual({ keys: [{ pk: "tx#1", sk: "new" }, { pk: "tx#1", sk: "counter" }, { id: "tx-other" }], cancellationReasons: null });

    const read = await invoke({
      operation: "TransactGetItems",
      transactItems: [
        { table, key: key("tx#1", "counter") },
        { table, key: key("tx#1", "absent") },
        { table: otherTable, key: { id: s("tx-other") }, projection: { expression: "id" } },
      ],
    });
    expect(resultOf(read)).toEqual({ items: [{ pk: "tx#1", sk: "counter", count: 2 }, null, { id: "tx-other" }], cancellationReasons: null });
  });

  it("a cancelled transaction writes nothing and reports the reasons in request order, with the current item", async () => {
    await putRaw({ ...key("tx#2", "taken"), owner: s("ada") });
    const outcome = errorOf(
      await invoke({
        operation: "TransactWriteItems",
        transactItems: [
          { table, operation: "PutItem", key: key("tx#2", "should-not-exist"), attributeValues: {} },
          { table, operation: "ConditionCheck", key: key("tx#2", "taken"), condition: { expression: "attribute_not_exists(pk)" } },
          { table, operation: "DeleteItem", key: key("tx#2", "taken"), condition: { expression: "attribute_not_exists(pk)", returnValuesOnConditionCheckFailure: false } },
        ],
      }),
    );
    expect(outcome.error.type).toBe("DynamoDB:TransactionCanceledException");
    expect(outcome.error.message).toContain("Transaction cancelled");
    expect(outcome.result).toEqual({
      keys: null,
      cancellationReasons: [
        { type: "None", message: "None" },
        { type: "ConditionalCheckFailed", message: expect.stringContaining("conditional request failed"), item: { pk: "tx#2", sk: "taken", owner: "ada" } },
        { type: "ConditionalCheckFailed", message: expect.stringContaining("conditional request failed") },
      ],
    });
    expect(resultOf(await invoke({ operation: "GetItem", key: key("tx#2", "should-not-exist"), consistentRead: true }))).toBeNull();
  });
});

describe("requests counted and refused", () => {
  it("calls onRequest once per DynamoDB request actually sent", async () => {
    await invoke({ operation: "GetItem", key: key("count#1", "a") });
    await invoke({ operation: "Query", query: { expression: "pk = :pk", expressionValues: { ":pk": s("count#1") } } });
    await invoke({ operation: "TransactGetItems", transactItems: [{ table, key: key("count#1", "a") }] });
    expect(sent).toEqual(["GetItem", "Query", "TransactGetItems"]);
  });

  it("refuses malformed requests as MappingTemplate errors without calling DynamoDB", async () => {
    const cases: Array<[unknown, string]> = [
      [{ operation: "Frobnicate" }, "Unsupported operation 'Frobnicate'."],
      [{ key: key("x", "y") }, "Value for field '$[operation]' not found."],
      [{ operation: "GetItem" }, "Value for field '$[key]' not found."],
      [{ operation: "Scan", scanIndexForward: false }, "Unsupported element '$[scanIndexForward]'."],
      [{ operation: "GetItem", key: { pk: "plain", sk: s("y") } }, "Expected JSON object for attribute value '$[key][pk]' but got 'STRING' instead (a typed value such as { \"S\": \"text\" })."],
      [{ operation: "PutItem", key: key("x", "y"), _version: 1 }, "'$[_version]' is for conflict detection, which only versioned DynamoDB data sources have; this data source is not versioned."],
      [{ operation: "Sync" }, "Sync requests can only be made to versioned DynamoDB data sources, and this data source is not versioned."],
      [{ operation: "BatchGetItem", tables: {} }, "At least one table must be provided in '$[tables]'."],
      [{ operation: "TransactWriteItems", transactItems: [{ table, operation: "ConditionCheck", key: key("x", "y") }] }, "Value for field '$[transactItems][0][condition]' not found."],
    ];
    for (const [request, message] of cases) {
      expect(errorOf(await invoke(request)).error).toEqual({ type: "MappingTemplate", message });
    }
    expect(sent).toEqual([]);
  });

  it("reports DynamoDB's own errors as DynamoDB:<exception> with the SDK's message", async () => {
    const wrongKey = errorOf(await invoke({ operation: "GetItem", key: { pk: { N: 1 }, sk: s("a") } }));
    expect(wrongKey.error.type).toBe("DynamoDB:DynamoDbException");
    expect(wrongKey.error.message).toMatch(/^One or more parameter values were invalid: .+ \(Service: DynamoDb, Status Code: 400, Request ID: .+\)$/);
    const noTable = errorOf(await invoke({ operation: "BatchGetItem", tables: { "no-such-table": [{ id: s("x") }] } }));
    expect(noTable.error.type).toBe("DynamoDB:ResourceNotFoundException");
  });
});
