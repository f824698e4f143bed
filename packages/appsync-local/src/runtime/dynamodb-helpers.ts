// `@aws-appsync/utils/dynamodb`: builders for the DynamoDB data source's request objects
// (`{ operation: "GetItem", key: {...} }` ...), in the shapes of AppSync's DynamoDB resolver reference.
//
// Recorded by EvaluateCode (so fixed): get/put/remove/scan basics, update with one operation and the
// operation marker objects (`{ type: "OPERATION_ADD", value }`), `#expName_N` / `:expValue_N`
// aliases, and `operations.add` rendered as SET. Not recorded (our reading of the docs and types):
// conditions, filters and key conditions embed the `util.transform` expression object (without an
// empty `expressionValues`); several update operations group into one SET then one REMOVE clause,
// aliases numbered in output order; a plain object in `update` updates only its own keys (nested paths).
import type {
  DynamoDBBatchDeleteItemRequest,
  DynamoDBBatchGetItemRequest,
  DynamoDBBatchPutItemRequest,
  DynamoDBDeleteItemRequest,
  DynamoDBGetItemRequest,
  DynamoDBPutItemRequest,
  DynamoDBQueryRequest,
  DynamoDBScanRequest,
  DynamoDBSyncRequest,
  DynamoDBTransactGetItemsRequest,
  DynamoDBTransactWriteItemsRequest,
  DynamoDBUpdateItemRequest,
} from "@aws-appsync/utils";
import type {
  BatchDeleteInput,
  BatchGetInput,
  BatchPutInput,
  DynamoDBSyncInput,
  DynamoDBUpdateInput,
  GetInput,
  PutInput,
  QueryInput,
  RemoveInput,
  ScanInput,
  TransactGetInput,
  TransactWriteInput,
} from "@aws-appsync/utils/dynamodb";
import { buildFilterExpression, type DynamoDBExpression } from "./dynamodb-expression.ts";
import { isPlainObject, toAttributeMap, toAttributeValue, type AttributeMap } from "./dynamodb-values.ts";

export type DynamoDBModule = typeof import("@aws-appsync/utils/dynamodb");

// Resolver code is untyped at run time: the builders read their payloads through this loose view.
type Payload = Record<string, unknown>;
type Request = Record<string, unknown>;

function payloadOf(value: unknown, builder: string): Payload {
  if (!isPlainObject(value)) throw new TypeError(`ddb.${builder} expects an object`);
  return value;
}

function keyOf(key: unknown, builder: string): AttributeMap {
  if (!isPlainObject(key)) throw new TypeError(`ddb.${builder} needs a key object`);
  return toAttributeMap(key);
}

function itemOf(item: unknown, builder: string): AttributeMap {
  if (!isPlainObject(item)) throw new TypeError(`ddb.${builder} needs an item object`);
  return toAttributeMap(item);
}

/** Copies the optional fields that were given; null counts as not given. */
function withOptional(request: Request, optional: Record<string, unknown>): Request {
  for (const [field, value] of Object.entries(optional)) {
    if (value !== undefined && value !== null) request[field] = value;
  }
  return request;
}

/** A condition, filter or key condition object as an embedded expression (undefined when absent or empty). */
function expressionOf(filter: unknown, role: string): { expression: string; expressionNames: Record<string, string>; expressionValues?: AttributeMap } | undefined {
  if (filter === undefined || filter === null) return undefined;
  const built = buildFilterExpression(filter);
  // never drop a condition silently: a write without its guard is worse than an error
  if (built === null) throw new TypeError(`ddb: the ${role} ${JSON.stringify(filter)} cannot be turned into a DynamoDB expression`);
  if (built.expression === "") return undefined;
  const { expression, expressionNames, expressionValues } = built;
  return Object.keys(expressionValues).length > 0 ? { expression, expressionNames, expressionValues } : { expression, expressionNames };
}

/** Every path segment aliased: ["id", "a.b"] -> "#expName_1, #expName_2.#expName_3". */
function projectionOf(projection: unknown): { expression: string; expressionNames: Record<string, string> } | undefined {
  if (!Array.isArray(projection) || projection.length === 0) return undefined;
  const aliases = new Map<string, string>();
  const alias = (segment: string) => {
    if (!aliases.has(segment)) aliases.set(segment, `#expName_${aliases.size + 1}`);
    return aliases.get(segment)!;
  };
  const expression = projection.map((path) => String(path).split(".").map(alias).join(".")).join(", ");
  const expressionNames = Object.fromEntries([...aliases].map(([segment, name]) => [name, segment]));
  return { expression, expressionNames };
}

// ---- update operations ----------------------------------------------------------------------

type UpdateOperation =
  | { type: "OPERATION_ADD"; value: unknown }
  | { type: "OPERATION_REMOVE" }
  | { type: "OPERATION_REPLACE"; value: unknown }
  | { type: "OPERATION_INCREMENT"; by?: number }
  | { type: "OPERATION_DECREMENT"; by?: number }
  | { type: "OPERATION_APPEND"; items: unknown[] }
  | { type: "OPERATION_PREPEND"; items: unknown[] }
  | { type: "OPERATION_UPDATE_LIST_ITEM"; value: unknown; index: number };

// The markers are the recorded runtime values; the package types describe them as `{ _type }`
// interfaces, hence the casts.
export const operations: DynamoDBModule["operations"] = {
  add: (value) => ({ type: "OPERATION_ADD", value }) as never,
  remove: () => ({ type: "OPERATION_REMOVE" }) as never,
  replace: (value) => ({ type: "OPERATION_REPLACE", value }) as never,
  increment: (by) => ({ type: "OPERATION_INCREMENT", by }) as never,
  decrement: (by) => ({ type: "OPERATION_DECREMENT", by }) as never,
  append: (items) => ({ type: "OPERATION_APPEND", items }) as never,
  prepend: (items) => ({ type: "OPERATION_PREPEND", items }) as never,
  updateListItem: (value, index) => ({ type: "OPERATION_UPDATE_LIST_ITEM", value, index }) as never,
};

function isOperation(value: unknown): value is UpdateOperation {
  return isPlainObject(value) && typeof value.type === "string" && value.type.startsWith("OPERATION_");
}

function isListItemUpdates(value: unknown): value is Extract<UpdateOperation, { type: "OPERATION_UPDATE_LIST_ITEM" }>[] {
  return Array.isArray(value) && value.length > 0 && value.every((item) => isOperation(item) && item.type === "OPERATION_UPDATE_LIST_ITEM");
}

type Assignment = { path: string[]; render: (name: string, placeholder: (value: unknown) => string) => string };

function collectUpdates(update: Payload, prefix: string[], sets: Assignment[], removes: string[][]): void {
  for (const [field, change] of Object.entries(update)) {
    if (change === undefined) continue;
    const path = [...prefix, field];
    if (isListItemUpdates(change)) {
      for (const item of change) sets.push({ path, render: (name, value) => `${name}[${item.index}] = ${value(item.value)}` });
    } else if (isOperation(change)) {
      switch (change.type) {
        case "OPERATION_ADD":
        case "OPERATION_REPLACE":
          sets.push({ path, render: (name, value) => `${name} = ${value(change.value)}` });
          break;
        case "OPERATION_REMOVE":
          removes.push(path);
          break;
        case "OPERATION_INCREMENT":
          sets.push({ path, render: (name, value) => `${name} = ${name} + ${value(change.by ?? 1)}` });
          break;
        case "OPERATION_DECREMENT":
          sets.push({ path, render: (name, value) => `${name} = ${name} - ${value(change.by ?? 1)}` });
          break;
        case "OPERATION_APPEND":
          sets.push({ path, render: (name, value) => `${name} = list_append(${name}, ${value(change.items)})` });
          break;
        case "OPERATION_PREPEND":
          sets.push({ path, render: (name, value) => `${name} = list_append(${value(change.items)}, ${name})` });
          break;
        case "OPERATION_UPDATE_LIST_ITEM":
          sets.push({ path, render: (name, value) => `${name}[${change.index}] = ${value(change.value)}` });
          break;
        default:
          throw new TypeError(`ddb.update: unknown operation ${(change as { type: string }).type}`);
      }
    } else if (isPlainObject(change)) {
      collectUpdates(change, path, sets, removes);
    } else {
      sets.push({ path, render: (name, value) => `${name} = ${value(change)}` });
    }
  }
}

export function buildUpdateExpression(update: unknown): DynamoDBExpression {
  if (!isPlainObject(update)) throw new TypeError("ddb.update needs an update object");
  const sets: Assignment[] = [];
  const removes: string[][] = [];
  collectUpdates(update, [], sets, removes);

  const aliases = new Map<string, string>();
  const nameOf = (path: string[]) =>
    path
      .map((segment) => {
        if (!aliases.has(segment)) aliases.set(segment, `#expName_${aliases.size + 1}`);
        return aliases.get(segment)!;
      })
      .join(".");
  const expressionValues: AttributeMap = {};
  const placeholder = (value: unknown) => {
    const name = `:expValue_${Object.keys(expressionValues).length + 1}`;
    expressionValues[name] = toAttributeValue(value);
    return name;
  };

  const clauses: string[] = [];
  if (sets.length > 0) clauses.push(`SET ${sets.map(({ path, render }) => render(nameOf(path), placeholder)).join(", ")}`);
  if (removes.length > 0) clauses.push(`REMOVE ${removes.map(nameOf).join(", ")}`);
  const expressionNames = Object.fromEntries([...aliases].map(([segment, name]) => [name, segment]));
  return { expression: clauses.join(" "), expressionNames, expressionValues };
}

// ---- request builders -----------------------------------------------------------------------

export function get<T>(payload: GetInput<T>): DynamoDBGetItemRequest {
  const input = payloadOf(payload, "get");
  return withOptional(
    { operation: "GetItem", key: keyOf(input.key, "get") },
    { consistentRead: input.consistentRead, projection: projectionOf(input.projection) },
  ) as DynamoDBGetItemRequest;
}

export function put<T>(payload: PutInput<T>): DynamoDBPutItemRequest {
  const input = payloadOf(payload, "put");
  return withOptional(
    { operation: "PutItem", key: keyOf(input.key, "put"), attributeValues: itemOf(input.item, "put") },
    {
      condition: expressionOf(input.condition, "put condition"),
      customPartitionKey: input.customPartitionKey,
      populateIndexFields: input.populateIndexFields,
      _version: input._version,
    },
  ) as DynamoDBPutItemRequest;
}

export function update<T = unknown>(payload: DynamoDBUpdateInput<T>): DynamoDBUpdateItemRequest {
  const input = payloadOf(payload, "update");
  return withOptional(
    { operation: "UpdateItem", key: keyOf(input.key, "update"), update: buildUpdateExpression(input.update) },
    {
      condition: expressionOf(input.condition, "update condition"),
      customPartitionKey: input.customPartitionKey,
      populateIndexFields: input.populateIndexFields,
      _version: input._version,
    },
  ) as DynamoDBUpdateItemRequest;
}

export function remove<T>(payload: RemoveInput<T>): DynamoDBDeleteItemRequest {
  const input = payloadOf(payload, "remove");
  return withOptional(
    { operation: "DeleteItem", key: keyOf(input.key, "remove") },
    {
      condition: expressionOf(input.condition, "remove condition"),
      customPartitionKey: input.customPartitionKey,
      populateIndexFields: input.populateIndexFields,
      _version: input._version,
    },
  ) as DynamoDBDeleteItemRequest;
}

export function scan<T = unknown>(payload: ScanInput<T>): DynamoDBScanRequest {
  const input = payloadOf(payload ?? {}, "scan");
  return withOptional(
    { operation: "Scan" },
    {
      index: input.index,
      limit: input.limit,
      nextToken: input.nextToken,
      consistentRead: input.consistentRead,
      totalSegments: input.totalSegments,
      segment: input.segment,
      select: input.select,
      filter: expressionOf(input.filter, "scan filter"),
      projection: projectionOf(input.projection),
    },
  ) as DynamoDBScanRequest;
}

export function query<T = unknown>(payload: QueryInput<T>): DynamoDBQueryRequest {
  const input = payloadOf(payload, "query");
  const keyCondition = expressionOf(input.query, "query key condition");
  if (!keyCondition) throw new TypeError("ddb.query needs a key condition in `query`, e.g. { query: { id: { eq: 1 } } }");
  return withOptional(
    { operation: "Query", query: keyCondition },
    {
      index: input.index,
      nextToken: input.nextToken,
      limit: input.limit,
      scanIndexForward: input.scanIndexForward,
      consistentRead: input.consistentRead,
      select: input.select,
      filter: expressionOf(input.filter, "query filter"),
      projection: projectionOf(input.projection),
    },
  ) as DynamoDBQueryRequest;
}

export function sync<T>(payload: DynamoDBSyncInput<T>): DynamoDBSyncRequest {
  const input = payloadOf(payload ?? {}, "sync");
  return withOptional(
    { operation: "Sync" },
    {
      basePartitionKey: input.basePartitionKey,
      deltaIndexName: input.deltaIndexName,
      limit: input.limit,
      nextToken: input.nextToken,
      lastSync: input.lastSync,
      filter: expressionOf(input.filter, "sync filter"),
    },
  ) as DynamoDBSyncRequest;
}

function tablesOf(payload: unknown, builder: string): [string, unknown][] {
  const tables = payloadOf(payload, builder).tables;
  if (!isPlainObject(tables)) throw new TypeError(`ddb.${builder} needs { tables: { <tableName>: ... } }`);
  return Object.entries(tables);
}

function listOf(value: unknown, builder: string, table: string): unknown[] {
  if (!Array.isArray(value)) throw new TypeError(`ddb.${builder}: table "${table}" needs a list`);
  return value;
}

export function batchGet(payload: BatchGetInput): DynamoDBBatchGetItemRequest {
  const tables = Object.fromEntries(
    tablesOf(payload, "batchGet").map(([table, request]) => {
      const tableRequest = payloadOf(request, "batchGet");
      const keys = listOf(tableRequest.keys, "batchGet", table).map((key) => keyOf(key, "batchGet"));
      return [table, withOptional({ keys }, { consistentRead: tableRequest.consistentRead, projection: projectionOf(tableRequest.projection) })];
    }),
  );
  return { operation: "BatchGetItem", tables } as DynamoDBBatchGetItemRequest;
}

export function batchPut(payload: BatchPutInput): DynamoDBBatchPutItemRequest {
  const tables = Object.fromEntries(
    tablesOf(payload, "batchPut").map(([table, items]) => [table, listOf(items, "batchPut", table).map((item) => itemOf(item, "batchPut"))]),
  );
  return { operation: "BatchPutItem", tables };
}

export function batchDelete(payload: BatchDeleteInput): DynamoDBBatchDeleteItemRequest {
  const tables = Object.fromEntries(
    tablesOf(payload, "batchDelete").map(([table, keys]) => [table, listOf(keys, "batchDelete", table).map((key) => keyOf(key, "batchDelete"))]),
  );
  return { operation: "BatchDeleteItem", tables };
}

export function transactGet(payload: TransactGetInput): DynamoDBTransactGetItemsRequest {
  const items = payloadOf(payload, "transactGet").items;
  if (!Array.isArray(items)) throw new TypeError("ddb.transactGet needs { items: [...] }");
  const transactItems = items.map((entry: unknown) => {
    const item = payloadOf(entry, "transactGet");
    return withOptional({ table: item.table, key: keyOf(item.key, "transactGet") }, { projection: projectionOf(item.projection) });
  });
  return { operation: "TransactGetItems", transactItems } as DynamoDBTransactGetItemsRequest;
}

function transactWriteItem(entry: unknown): Request {
  const item = payloadOf(entry, "transactWrite");
  const [kind] = ["putItem", "updateItem", "deleteItem", "conditionCheck"].filter((name) => isPlainObject(item[name]));
  if (!kind) throw new TypeError("ddb.transactWrite: each item needs one of putItem, updateItem, deleteItem, conditionCheck");
  const write = item[kind] as Payload;
  const common = { table: write.table, key: keyOf(write.key, "transactWrite") };
  // `returnValuesOnConditionCheckFailure` is left out although the package types require it: absent,
  // AppSync returns the current item of a failed check (its default), and TransactWriteInput cannot set it
  const condition = { condition: expressionOf(write.condition, "transactWrite condition") };
  switch (kind) {
    case "putItem":
      return withOptional({ ...common, operation: "PutItem", attributeValues: itemOf(write.item, "transactWrite") }, condition);
    case "updateItem":
      return withOptional({ ...common, operation: "UpdateItem", update: buildUpdateExpression(write.update) }, condition);
    case "deleteItem":
      return withOptional({ ...common, operation: "DeleteItem" }, condition);
    default:
      return withOptional({ ...common, operation: "ConditionCheck" }, condition);
  }
}

export function transactWrite(payload: TransactWriteInput): DynamoDBTransactWriteItemsRequest {
  const items = payloadOf(payload, "transactWrite").items;
  if (!Array.isArray(items)) throw new TypeError("ddb.transactWrite needs { items: [...] }");
  return { operation: "TransactWriteItems", transactItems: items.map(transactWriteItem) } as DynamoDBTransactWriteItemsRequest;
}

// The module's set helpers, unlike util.dynamodb's, take no null.
export const toStringSet: DynamoDBModule["toStringSet"] = (list) => ({ SS: list });
export const toNumberSet: DynamoDBModule["toNumberSet"] = (numbers) => ({ NS: numbers }) as unknown as { NS: string[] };
export const toBinarySet: DynamoDBModule["toBinarySet"] = (values) => ({ BS: values });

export const dynamodbModule: DynamoDBModule = {
  get,
  put,
  update,
  remove,
  scan,
  query,
  sync,
  batchGet,
  batchPut,
  batchDelete,
  transactGet,
  transactWrite,
  toStringSet,
  toNumberSet,
  toBinarySet,
  operations,
};
