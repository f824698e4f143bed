// `@aws-appsync/utils/dynamodb` request shapes the corpus has no recording for (its pending_calls.json):
// query, sync, batch, transactions, conditions, sets, remove / updateListItem, several operations.
// The shapes follow AppSync's DynamoDB resolver reference; dynamodb-module.engine.test.ts runs them.
import { describe, expect, it } from "vitest";
import { dynamodbModule as ddb } from "../../src/runtime/index.ts";

const { operations } = ddb;

describe("ddb.get / put / remove", () => {
  it("get carries consistentRead and a projection with every path segment aliased", () => {
    expect(ddb.get({ key: { id: "1" }, consistentRead: true, projection: ["id", "a.b", "a.c"] })).toEqual({
      operation: "GetItem",
      key: { id: { S: "1" } },
      consistentRead: true,
      projection: {
        expression: "#expName_1, #expName_2.#expName_3, #expName_2.#expName_4",
        expressionNames: { "#expName_1": "id", "#expName_2": "a", "#expName_3": "b", "#expName_4": "c" },
      },
    });
  });

  it("put embeds its condition as an expression object and keeps the versioning fields", () => {
    expect(
      ddb.put<{ id: string; v: number; tags: string[]; version: number }>({ key: { id: "1" }, item: { v: 1, tags: ["a"] }, condition: { version: { eq: 1 } }, _version: 3, customPartitionKey: "cpk", populateIndexFields: true }),
    ).toEqual({
      operation: "PutItem",
      key: { id: { S: "1" } },
      attributeValues: { v: { N: 1 }, tags: { L: [{ S: "a" }] } },
      condition: { expression: "(#version = :version_eq)", expressionNames: { "#version": "version" }, expressionValues: { ":version_eq": { N: 1 } } },
      _version: 3,
      customPartitionKey: "cpk",
      populateIndexFields: true,
    });
  });

  it("a condition that binds no value has no expressionValues at all", () => {
    expect(ddb.put({ key: { id: "1" }, item: {}, condition: { id: { attributeExists: false } } }).condition).toEqual({
      expression: "(attribute_not_exists(#id))",
      expressionNames: { "#id": "id" },
    });
  });

  it("remove with a condition and a version", () => {
    expect(ddb.remove({ key: { id: "1" }, _version: 2, condition: { owner: { eq: "me" } } })).toEqual({
      operation: "DeleteItem",
      key: { id: { S: "1" } },
      condition: { expression: "(#owner = :owner_eq)", expressionNames: { "#owner": "owner" }, expressionValues: { ":owner_eq": { S: "me" } } },
      _version: 2,
    });
  });

  it("refuses a condition it cannot render instead of writing without it", () => {
    expect(() => ddb.put({ key: { id: "1" }, item: {}, condition: { owner: { bogus: 1 } } as never })).toThrow(/cannot be turned into a DynamoDB expression/);
  });

  it("leaves out optional fields given as null or not given", () => {
    expect(ddb.get({ key: { id: 1 }, consistentRead: undefined })).toEqual({ operation: "GetItem", key: { id: { N: 1 } } });
    expect(ddb.scan({ limit: null, nextToken: null, filter: null })).toEqual({ operation: "Scan" });
  });
});

describe("ddb.update", () => {
  it("groups SET clauses before REMOVE clauses and numbers aliases in output order", () => {
    expect(ddb.update({ key: { id: "1" }, update: { b: operations.remove(), a: operations.increment(1), c: operations.replace("x") } }).update).toEqual({
      expression: "SET #expName_1 = #expName_1 + :expValue_1, #expName_2 = :expValue_2 REMOVE #expName_3",
      expressionNames: { "#expName_1": "a", "#expName_2": "c", "#expName_3": "b" },
      expressionValues: { ":expValue_1": { N: 1 }, ":expValue_2": { S: "x" } },
    });
  });

  it("operations.remove alone renders a REMOVE clause with no values", () => {
    expect(ddb.update({ key: { id: "1" }, update: { addr: operations.remove(), note: operations.remove() } }).update).toEqual({
      expression: "REMOVE #expName_1, #expName_2",
      expressionNames: { "#expName_1": "addr", "#expName_2": "note" },
      expressionValues: {},
    });
  });

  it("increment and decrement step by one when given nothing", () => {
    expect(ddb.update({ key: { id: "1" }, update: { a: operations.increment(), b: operations.decrement() } }).update).toEqual({
      expression: "SET #expName_1 = #expName_1 + :expValue_1, #expName_2 = #expName_2 - :expValue_2",
      expressionNames: { "#expName_1": "a", "#expName_2": "b" },
      expressionValues: { ":expValue_1": { N: 1 }, ":expValue_2": { N: 1 } },
    });
  });

  it("a list of updateListItem operations sets those indexes", () => {
    expect(ddb.update({ key: { id: "1" }, update: { friends: [operations.updateListItem("x", 1), operations.updateListItem("y", 2)] } }).update).toEqual({
      expression: "SET #expName_1[1] = :expValue_1, #expName_1[2] = :expValue_2",
      expressionNames: { "#expName_1": "friends" },
      expressionValues: { ":expValue_1": { S: "x" }, ":expValue_2": { S: "y" } },
    });
  });

  it("a bare value sets the attribute, a plain list replaces it and a plain object updates its own keys", () => {
    expect(ddb.update({ key: { id: "1" }, update: { isVerified: true, ids: [1, 2], address: { city: "Paris" } } as never }).update).toEqual({
      expression: "SET #expName_1 = :expValue_1, #expName_2 = :expValue_2, #expName_3.#expName_4 = :expValue_3",
      expressionNames: { "#expName_1": "isVerified", "#expName_2": "ids", "#expName_3": "address", "#expName_4": "city" },
      expressionValues: { ":expValue_1": { BOOL: true }, ":expValue_2": { L: [{ N: 1 }, { N: 2 }] }, ":expValue_3": { S: "Paris" } },
    });
  });

  it("carries its condition and version beside the update", () => {
    const request = ddb.update({ key: { id: "1" }, update: { a: operations.increment(1) }, condition: { b: { eq: 2 } }, _version: 5 });
    expect(request).toEqual({
      operation: "UpdateItem",
      key: { id: { S: "1" } },
      update: { expression: "SET #expName_1 = #expName_1 + :expValue_1", expressionNames: { "#expName_1": "a" }, expressionValues: { ":expValue_1": { N: 1 } } },
      condition: { expression: "(#b = :b_eq)", expressionNames: { "#b": "b" }, expressionValues: { ":b_eq": { N: 2 } } },
      _version: 5,
    });
  });

  it("the operation markers are plain objects tagged with their type", () => {
    expect(operations.remove()).toEqual({ type: "OPERATION_REMOVE" });
    expect(operations.updateListItem("foo", 1)).toEqual({ type: "OPERATION_UPDATE_LIST_ITEM", value: "foo", index: 1 });
  });
});

describe("ddb.query / scan / sync", () => {
  it("query renders its key condition like a filter and passes the paging fields through", () => {
    expect(
      ddb.query<{ pk: string; sk: string; id: string; done: boolean; nested: { field: string } }>({
        query: { pk: { eq: "a" }, sk: { beginsWith: "b" } },
        index: "gsi1",
        limit: 5,
        nextToken: "t",
        consistentRead: true,
        scanIndexForward: false,
        select: "ALL_ATTRIBUTES",
        filter: { done: { eq: true } },
        projection: ["id", "nested.field"],
      }),
    ).toEqual({
      operation: "Query",
      query: {
        expression: "(#pk = :pk_eq) AND (begins_with(#sk,:sk_beginsWith))",
        expressionNames: { "#pk": "pk", "#sk": "sk" },
        expressionValues: { ":pk_eq": { S: "a" }, ":sk_beginsWith": { S: "b" } },
      },
      index: "gsi1",
      limit: 5,
      nextToken: "t",
      consistentRead: true,
      scanIndexForward: false,
      select: "ALL_ATTRIBUTES",
      filter: { expression: "(#done = :done_eq)", expressionNames: { "#done": "done" }, expressionValues: { ":done_eq": { BOOL: true } } },
      projection: { expression: "#expName_1, #expName_2.#expName_3", expressionNames: { "#expName_1": "id", "#expName_2": "nested", "#expName_3": "field" } },
    });
  });

  it("query with a range on the sort key", () => {
    expect(ddb.query({ query: { pk: { eq: 1 }, sk: { between: [1, 9] } } }).query).toEqual({
      expression: "(#pk = :pk_eq) AND (#sk BETWEEN :sk_between_start AND :sk_between_end)",
      expressionNames: { "#pk": "pk", "#sk": "sk" },
      expressionValues: { ":pk_eq": { N: 1 }, ":sk_between_start": { N: 1 }, ":sk_between_end": { N: 9 } },
    });
  });

  it("query without a key condition is an error, not a scan", () => {
    expect(() => ddb.query({ query: {} } as never)).toThrow(/needs a key condition/);
  });

  it("scan with segments, index, filter and projection", () => {
    expect(ddb.scan({ totalSegments: 4, segment: 1, index: "gsi", consistentRead: true, limit: 2, filter: { a: { eq: 1 } }, projection: ["a"] })).toEqual({
      operation: "Scan",
      index: "gsi",
      limit: 2,
      consistentRead: true,
      totalSegments: 4,
      segment: 1,
      filter: { expression: "(#a = :a_eq)", expressionNames: { "#a": "a" }, expressionValues: { ":a_eq": { N: 1 } } },
      projection: { expression: "#expName_1", expressionNames: { "#expName_1": "a" } },
    });
  });

  it("sync passes its delta-sync fields and filter", () => {
    expect(ddb.sync({ basePartitionKey: "bpk", deltaIndexName: "delta", limit: 5, nextToken: "n", lastSync: 2, filter: { a: { eq: 1 } } })).toEqual({
      operation: "Sync",
      basePartitionKey: "bpk",
      deltaIndexName: "delta",
      limit: 5,
      nextToken: "n",
      lastSync: 2,
      filter: { expression: "(#a = :a_eq)", expressionNames: { "#a": "a" }, expressionValues: { ":a_eq": { N: 1 } } },
    });
  });
});

describe("batch and transaction requests", () => {
  it("batchGet converts every key and keeps per-table options", () => {
    expect(ddb.batchGet({ tables: { posts: { keys: [{ id: "1" }, { id: "2" }], consistentRead: true, projection: ["id", "name"] } } })).toEqual({
      operation: "BatchGetItem",
      tables: {
        posts: {
          keys: [{ id: { S: "1" } }, { id: { S: "2" } }],
          consistentRead: true,
          projection: { expression: "#expName_1, #expName_2", expressionNames: { "#expName_1": "id", "#expName_2": "name" } },
        },
      },
    });
  });

  it("batchPut and batchDelete convert items and keys per table", () => {
    expect(ddb.batchPut({ tables: { posts: [{ id: "one", views: 2 }] } })).toEqual({ operation: "BatchPutItem", tables: { posts: [{ id: { S: "one" }, views: { N: 2 } }] } });
    expect(ddb.batchDelete({ tables: { posts: [{ id: "one" }], users: [{ id: "u" }] } })).toEqual({
      operation: "BatchDeleteItem",
      tables: { posts: [{ id: { S: "one" } }], users: [{ id: { S: "u" } }] },
    });
  });

  it("transactGet lists table, key and projection per item", () => {
    expect(ddb.transactGet({ items: [{ table: "posts", key: { id: "1" }, projection: ["name"] }, { table: "users", key: { id: "2" } }] })).toEqual({
      operation: "TransactGetItems",
      transactItems: [
        { table: "posts", key: { id: { S: "1" } }, projection: { expression: "#expName_1", expressionNames: { "#expName_1": "name" } } },
        { table: "users", key: { id: { S: "2" } } },
      ],
    });
  });

  it("transactWrite turns each kind of write into its operation", () => {
    expect(
      ddb.transactWrite({
        items: [
          { putItem: { table: "t", key: { id: "1" }, item: { a: 1 }, condition: { id: { attributeExists: false } } } },
          { updateItem: { table: "t", key: { id: "2" }, update: { a: operations.increment(1) } } },
          { deleteItem: { table: "t", key: { id: "3" }, condition: { v: { eq: 1 } } } },
          { conditionCheck: { table: "t", key: { id: "4" }, condition: { v: { eq: 2 } } } },
        ],
      }),
    ).toEqual({
      operation: "TransactWriteItems",
      transactItems: [
        {
          table: "t",
          operation: "PutItem",
          key: { id: { S: "1" } },
          attributeValues: { a: { N: 1 } },
          condition: { expression: "(attribute_not_exists(#id))", expressionNames: { "#id": "id" } },
        },
        {
          table: "t",
          operation: "UpdateItem",
          key: { id: { S: "2" } },
          update: { expression: "SET #expName_1 = #expName_1 + :expValue_1", expressionNames: { "#expName_1": "a" }, expressionValues: { ":expValue_1": { N: 1 } } },
        },
        {
          table: "t",
          operation: "DeleteItem",
          key: { id: { S: "3" } },
          condition: { expression: "(#v = :v_eq)", expressionNames: { "#v": "v" }, expressionValues: { ":v_eq": { N: 1 } } },
        },
        {
          table: "t",
          operation: "ConditionCheck",
          key: { id: { S: "4" } },
          condition: { expression: "(#v = :v_eq)", expressionNames: { "#v": "v" }, expressionValues: { ":v_eq": { N: 2 } } },
        },
      ],
    });
  });

  it("a transactWrite item of no known kind is an error", () => {
    expect(() => ddb.transactWrite({ items: [{ bogus: {} } as never] })).toThrow(/putItem, updateItem, deleteItem, conditionCheck/);
  });
});

describe("set helpers", () => {
  it("wrap lists as sets, numbers staying numbers", () => {
    expect(ddb.toStringSet(["a", "b"])).toEqual({ SS: ["a", "b"] });
    expect(ddb.toNumberSet([1, 2, 3])).toEqual({ NS: [1, 2, 3] });
    expect(ddb.toBinarySet(["SGVsbG8="])).toEqual({ BS: ["SGVsbG8="] });
  });
});
