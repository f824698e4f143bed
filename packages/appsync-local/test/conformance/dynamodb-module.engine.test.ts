// The `@aws-appsync/utils/dynamodb` builders end to end: what they build goes through the offline
// DynamoDB data source to a real DynamoDB Local, so every expression, alias and placeholder they emit
// (parenthesised key conditions, `#expName_N` paths, list indexes, conditions) must be one DynamoDB accepts.
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DataSourceOutcome } from "../../src/datasource.ts";
import { createDynamoDBDataSource, type DynamoDBDataSource } from "../../src/datasources/dynamodb.ts";
import { dynamodbModule as ddb } from "../../src/runtime/index.ts";
import type { DynamoDBLocal } from "@marquee/aws-local/engines/dynamodb";
import { createKeyValueTable, startTestDynamoDB } from "@marquee/aws-local/testing/dynamodb";

const table = "marquee-runtime-module-test";
const { operations } = ddb;

// The item shapes the builders are typed against (their key and condition types derive from them).
type Title = { pk: string; sk: string; name?: string; views: number; cast: string[]; tags?: string[]; info: { city: string } };
type Ranked = { pk: string; sk: string; gsi1pk: string; gsi1sk: string; rank: number; draft: boolean };
type Account = { pk: string; sk: string; balance: number };

let engine: DynamoDBLocal;
let client: DynamoDBClient;
let dataSource: DynamoDBDataSource;

beforeAll(async () => {
  ({ engine, client } = await startTestDynamoDB());
  await createKeyValueTable(client, table);
  dataSource = createDynamoDBDataSource({ client, tableName: table, nextTokenKey: new Uint8Array(32).fill(3) });
}, 90_000);

afterAll(async () => {
  client?.destroy();
  await engine?.stop();
});

const send = (request: unknown) => dataSource.invoke({ request, callerId: "Test.field" });

function resultOf<T = Record<string, unknown>>(outcome: DataSourceOutcome): T {
  if (!outcome.ok) throw new Error(`expected success, got ${outcome.error.type}: ${outcome.error.message}`);
  return outcome.result as T;
}

function errorTypeOf(outcome: DataSourceOutcome): string {
  if (outcome.ok) throw new Error(`expected an error, got ${JSON.stringify(outcome.result)}`);
  return outcome.error.type;
}

describe("single-item requests", () => {
  const key = { pk: "title#1", sk: "meta" };

  it("put guarded by attribute_not_exists creates once, then its condition fails", async () => {
    const create = ddb.put<Title>({ key, item: { name: "Heat", views: 1, cast: ["a", "b"], info: { city: "LA" } }, condition: { pk: { attributeExists: false } } });
    expect(resultOf(await send(create))).toMatchObject({ pk: "title#1", name: "Heat", views: 1 });
    expect(errorTypeOf(await send(ddb.put<Title>({ key, item: { name: "Other" }, condition: { pk: { attributeExists: false } } })))).toBe("DynamoDB:ConditionalCheckFailedException");
  });

  it("get returns only the projected paths", async () => {
    expect(resultOf(await send(ddb.get<Title>({ key, consistentRead: true, projection: ["name", "info.city"] })))).toEqual({ name: "Heat", info: { city: "LA" } });
  });

  it("update applies every operation kind under a condition", async () => {
    const request = ddb.update<Title>({
      key,
      update: {
        views: operations.increment(),
        cast: [operations.updateListItem("z", 1)],
        tags: operations.add(["new"]),
        info: { city: "NYC" },
        name: operations.remove(),
      },
      condition: { views: { eq: 1 }, cast: { contains: "b" } },
    });
    const updated = resultOf(await send(request));
    expect(updated).toEqual({ pk: "title#1", sk: "meta", views: 2, cast: ["a", "z"], tags: ["new"], info: { city: "NYC" } });

    const appended = resultOf(await send(ddb.update<Title>({ key, update: { cast: operations.prepend(["first"]), tags: operations.append(["last"]), views: operations.decrement(2) } })));
    expect(appended).toMatchObject({ cast: ["first", "a", "z"], tags: ["new", "last"], views: 0 });
  });

  it("remove refuses while its condition is false and deletes once it holds", async () => {
    expect(errorTypeOf(await send(ddb.remove<Title>({ key, condition: { views: { gt: 5 } } })))).toBe("DynamoDB:ConditionalCheckFailedException");
    expect(resultOf(await send(ddb.remove<Title>({ key, condition: { views: { le: 5 }, not: { name: { attributeExists: true } } } })))).toMatchObject({ pk: "title#1" });
    expect(resultOf(await send(ddb.get({ key })))).toBeNull();
  });
});

describe("reads over many items", () => {
  beforeAll(async () => {
    resultOf(
      await send(
        ddb.batchPut({
          tables: {
            [table]: [1, 2, 3, 4].map((n) => ({ pk: "genre#drama", sk: `title#${n}`, gsi1pk: "year#2001", gsi1sk: `rank#${n}`, rank: n, draft: n === 4 })),
          },
        }),
      ),
    );
  });

  it("query with a key condition, a filter and a projection", async () => {
    const page = resultOf<{ items: unknown[] }>(
      await send(ddb.query<Ranked>({ query: { pk: { eq: "genre#drama" }, sk: { beginsWith: "title#" } }, filter: { draft: { eq: false } }, projection: ["sk"], scanIndexForward: false })),
    );
    expect(page.items).toEqual([{ sk: "title#3" }, { sk: "title#2" }, { sk: "title#1" }]);
  });

  it("query on an index with a between range and a limit", async () => {
    const page = resultOf<{ items: { rank: number }[]; nextToken: string | null }>(
      await send(ddb.query<Ranked>({ index: "gsi1", query: { gsi1pk: { eq: "year#2001" }, gsi1sk: { between: ["rank#2", "rank#4"] } }, limit: 2 })),
    );
    expect(page.items.map((item) => item.rank)).toEqual([2, 3]);
    expect(page.nextToken).toEqual(expect.any(String));
  });

  it("scan with an or / in filter", async () => {
    const page = resultOf<{ items: { rank: number }[] }>(await send(ddb.scan<Ranked>({ filter: { or: [{ rank: { in: [1, 4] } }, { rank: { gt: 3 } }] } })));
    expect(page.items.map((item) => item.rank).sort()).toEqual([1, 4]);
  });

  it("batchGet and batchDelete address the table by name", async () => {
    const keys = [{ pk: "genre#drama", sk: "title#1" }, { pk: "genre#drama", sk: "title#2" }];
    const fetched = resultOf<{ data: Record<string, { rank: number }[]> }>(await send(ddb.batchGet({ tables: { [table]: { keys, projection: ["rank"] } } })));
    expect(fetched.data[table]!.map((item) => item.rank).sort()).toEqual([1, 2]);
    resultOf(await send(ddb.batchDelete({ tables: { [table]: keys } })));
    const after = resultOf<{ data: Record<string, unknown[]> }>(await send(ddb.batchGet({ tables: { [table]: { keys } } })));
    expect(after.data[table]).toEqual([null, null]);
  });
});

describe("transactions", () => {
  const account = { pk: "account#1", sk: "meta" };
  const ledger = { pk: "account#1", sk: "ledger#1" };

  it("a failed condition check cancels the whole write", async () => {
    resultOf(await send(ddb.put<Account>({ key: account, item: { balance: 10 } })));
    const outcome = await send(
      ddb.transactWrite({
        items: [
          { conditionCheck: { table, key: account, condition: { balance: { ge: 50 } } } },
          { putItem: { table, key: ledger, item: { amount: 50 } } },
        ],
      }),
    );
    expect(errorTypeOf(outcome)).toBe("DynamoDB:TransactionCanceledException");
    expect(resultOf(await send(ddb.get({ key: ledger })))).toBeNull();
  });

  it("update, put and delete commit together and transactGet reads them back", async () => {
    resultOf(
      await send(
        ddb.transactWrite({
          items: [
            { updateItem: { table, key: account, update: { balance: operations.decrement(5) }, condition: { balance: { ge: 5 } } } },
            { putItem: { table, key: ledger, item: { amount: 5 }, condition: { pk: { attributeExists: false } } } },
            { deleteItem: { table, key: { pk: "account#1", sk: "missing" } } },
          ],
        }),
      ),
    );
    const read = resultOf<{ items: unknown[] }>(await send(ddb.transactGet({ items: [{ table, key: account, projection: ["balance"] }, { table, key: ledger }] })));
    expect(read.items).toEqual([{ balance: 5 }, { pk: "account#1", sk: "ledger#1", amount: 5 }]);
  });
});
