// The DynamoDB data source of the offline AppSync runtime: takes the request object a resolver's
// request handler returned (AppSync's shapes, "AWS AppSync JavaScript resolver function reference
// for DynamoDB"), runs it against DynamoDB (Local) and answers with what AppSync puts in ctx.result
// and ctx.error. Section names in comments refer to that reference.
//
// Not reproduced: conflict detection (`_version`, `customPartitionKey`, `populateIndexFields`, the
// `Sync` operation: versioned data sources only, and this one is not), and the `Custom` condition
// failure strategy (it invokes a Lambda by ARN). Both are refused with a MappingTemplate error.
import {
  BatchGetItemCommand,
  BatchWriteItemCommand,
  ConditionalCheckFailedException,
  DeleteItemCommand,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  ScanCommand,
  TransactGetItemsCommand,
  TransactionCanceledException,
  TransactWriteItemsCommand,
  UpdateItemCommand,
  type BatchGetItemCommandInput,
  type BatchWriteItemCommandInput,
  type DynamoDBClient,
  type QueryCommandInput,
  type ScanCommandInput,
  type Select,
  type TransactGetItem,
  type TransactWriteItem,
} from "@aws-sdk/client-dynamodb";
import type { DataSourceCall, DataSourceOutcome } from "../datasource.ts";
import { InvalidNextTokenError, MappingTemplateError, describeDynamoDBError, describeJsonType, type DataSourceError } from "./dynamodb-errors.ts";
import { createNextTokens, type NextTokens } from "./dynamodb-next-token.ts";
import {
  allowOnly,
  expectArray,
  expectObject,
  isAbsent,
  isJsonObject,
  mergePlaceholders,
  optionalBoolean,
  optionalExpressionBlock,
  optionalInteger,
  optionalString,
  optionalStringList,
  readExpressionBlock,
  requireField,
  requiredString,
  type ExpressionBlock,
  type JsonObject,
} from "./dynamodb-request.ts";
import { fromItem, keySignature, sameItem, toItem, type Item } from "./dynamodb-values.ts";

export type { DataSourceCall, DataSourceOutcome };

export type DynamoDBDataSourceOptions = {
  /** A client whose endpoint is already set (DynamoDB Local). */
  client: DynamoDBClient;
  /** The data source's table. Batch and transaction requests name their tables themselves. */
  tableName: string;
  /** Secret that seals pagination tokens (at least 16 bytes). */
  nextTokenKey: Uint8Array;
  /**
   * Called once per DynamoDB API request sent, with the API's name ("BatchWriteItem" for BatchPutItem)
   * and where it comes from: the GraphQL request's id and the resolver or function.
   */
  onRequest?: (apiName: string, origin: { requestId?: string; callerId: string }) => void;
};

/** What this data source needs of a call: the request, and the resolver it comes from (tokens are bound to it). */
export type DynamoDBDataSourceCall = Pick<DataSourceCall, "request"> & Partial<Pick<DataSourceCall, "callerId" | "scope">>;

export type DynamoDBDataSource = {
  readonly type: "dynamodb";
  invoke(call: DynamoDBDataSourceCall): Promise<DataSourceOutcome>;
};

type Context = {
  client: DynamoDBClient;
  tableName: string;
  nextTokens: NextTokens;
  callerId: string;
  send<T>(apiName: string, perform: () => Promise<T>): Promise<T>;
};

type Operation = (context: Context, request: JsonObject) => Promise<DataSourceOutcome>;

const operations: Record<string, Operation> = {
  GetItem: getItem,
  PutItem: putItem,
  UpdateItem: updateItem,
  DeleteItem: deleteItem,
  Query: query,
  Scan: scan,
  Sync: refuseSync,
  BatchGetItem: batchGetItem,
  BatchPutItem: batchPutItem,
  BatchDeleteItem: batchDeleteItem,
  TransactGetItems: transactGetItems,
  TransactWriteItems: transactWriteItems,
};

export function createDynamoDBDataSource(options: DynamoDBDataSourceOptions): DynamoDBDataSource {
  const nextTokens = createNextTokens(options.nextTokenKey);
  return {
    type: "dynamodb",
    async invoke(call) {
      const context: Context = {
        client: options.client,
        tableName: options.tableName,
        nextTokens,
        callerId: call.callerId ?? "",
        send(apiName, perform) {
          options.onRequest?.(apiName, { requestId: call.scope?.requestId, callerId: context.callerId });
          return perform();
        },
      };
      try {
        const request = readRequestObject(call.request);
        const operation = requiredString(request, "operation", "$");
        const run = Object.hasOwn(operations, operation) ? operations[operation] : undefined;
        if (!run) throw new MappingTemplateError(`Unsupported operation '${operation}'.`);
        return await run(context, request);
      } catch (error) {
        if (error instanceof MappingTemplateError) return failure({ type: "MappingTemplate", message: error.message });
        if (error instanceof InvalidNextTokenError) return failure({ type: error.type, message: error.message });
        const described = describeDynamoDBError(error);
        if (described) return failure(described);
        throw error;
      }
    },
  };
}

const ok = (result: unknown): DataSourceOutcome => ({ ok: true, result });

function failure(error: DataSourceError, result?: unknown): DataSourceOutcome {
  return result === undefined ? { ok: false, error } : { ok: false, error, result };
}

/** AppSync serialises the request object to JSON before reading it: undefined fields vanish, dates become strings. */
function readRequestObject(request: unknown): JsonObject {
  let json: unknown;
  try {
    json = request === undefined ? null : JSON.parse(JSON.stringify(request));
  } catch (error) {
    throw new MappingTemplateError(`The request object cannot be serialised to JSON: ${(error as Error).message}`);
  }
  if (!isJsonObject(json)) throw new MappingTemplateError(`Expected JSON object for the request but got '${describeJsonType(json)}' instead.`);
  return json;
}

/** Fields every request may carry: `version` is the VTL templates' and harmless in a JS request. */
const commonFields = ["operation", "version"] as const;
/** Conflict detection fields (PutItem, UpdateItem, DeleteItem): "only supported on versioned data sources". */
const versionedFields = ["_version", "customPartitionKey", "populateIndexFields"] as const;

function refuseVersionedFields(request: JsonObject): void {
  for (const field of versionedFields) {
    if (!isAbsent(request[field])) {
      throw new MappingTemplateError(`'$[${field}]' is for conflict detection, which only versioned DynamoDB data sources have; this data source is not versioned.`);
    }
  }
}

function readKey(object: JsonObject, path: string): Item {
  return toItem(requireField(object, "key", path), `${path}[key]`);
}

// ---- GetItem, PutItem, UpdateItem, DeleteItem ----------------------------------------------------

/** GetItem: the item, or null when there is none. */
async function getItem(context: Context, request: JsonObject): Promise<DataSourceOutcome> {
  allowOnly(request, [...commonFields, "key", "consistentRead", "projection"], "$");
  const projection = optionalExpressionBlock(request, "projection", "$", { withValues: false });
  const input = {
    TableName: context.tableName,
    Key: readKey(request, "$"),
    ConsistentRead: optionalBoolean(request, "consistentRead", "$"),
    ProjectionExpression: projection?.expression,
    ...mergePlaceholders([projection]),
  };
  const output = await context.send("GetItem", () => context.client.send(new GetItemCommand(input)));
  return ok(output.Item ? fromItem(output.Item) : null);
}

type Condition = ExpressionBlock & { equalsIgnore: string[] };

/** "Condition expressions" > "Specifying a condition". */
function readCondition(request: JsonObject): Condition | undefined {
  if (isAbsent(request.condition)) return undefined;
  const path = "$[condition]";
  const block = readExpressionBlock(request.condition, path, { extraFields: ["equalsIgnore", "consistentRead", "conditionalCheckFailedHandler"] });
  const raw = request.condition as JsonObject;
  // consistentRead tells AppSync how to read the current item after a failure. Here the failed write
  // itself returns it (ReturnValuesOnConditionCheckFailure), which is as fresh as a consistent read.
  optionalBoolean(raw, "consistentRead", path);
  if (!isAbsent(raw.conditionalCheckFailedHandler)) {
    const handlerPath = `${path}[conditionalCheckFailedHandler]`;
    const handler = expectObject(raw.conditionalCheckFailedHandler, handlerPath);
    allowOnly(handler, ["strategy", "lambdaArn"], handlerPath);
    const strategy = requiredString(handler, "strategy", handlerPath);
    if (strategy === "Custom") {
      throw new MappingTemplateError(
        `'${handlerPath}[strategy]' 'Custom' invokes a Lambda function by ARN, which the offline runtime does not do; use 'Reject' and handle ctx.error in the response handler.`,
      );
    }
    if (strategy !== "Reject") throw new MappingTemplateError(`Unsupported value '${strategy}' for '${handlerPath}[strategy]': use 'Reject' or 'Custom'.`);
  }
  return { ...block, equalsIgnore: optionalStringList(raw, "equalsIgnore", path) ?? [] };
}

function conditionInput(condition: Condition | undefined) {
  return condition ? { ConditionExpression: condition.expression, ReturnValuesOnConditionCheckFailure: "ALL_OLD" as const } : {};
}

/**
 * "Handling a condition check failure": PutItem succeeds anyway when the current item equals the one
 * it tried to write (ignoring `equalsIgnore`), DeleteItem when there is no item any more; otherwise
 * the Reject strategy: an error, with the current item in ctx.result.
 */
function conditionFailure(
  operation: "PutItem" | "UpdateItem" | "DeleteItem",
  error: ConditionalCheckFailedException,
  condition: Condition,
  attempted?: Item,
): DataSourceOutcome {
  const current = error.Item ?? null;
  if (operation === "PutItem" && current && attempted && sameItem(current, attempted, condition.equalsIgnore)) return ok(fromItem(current));
  if (operation === "DeleteItem" && !current) return ok(null);
  return failure(describeDynamoDBError(error)!, current ? fromItem(current) : null);
}

/** PutItem: "The item written to DynamoDB" (key plus attributeValues). */
async function putItem(context: Context, request: JsonObject): Promise<DataSourceOutcome> {
  allowOnly(request, [...commonFields, ...versionedFields, "key", "attributeValues", "condition"], "$");
  refuseVersionedFields(request);
  const key = readKey(request, "$");
  const attributes = isAbsent(request.attributeValues) ? {} : toItem(request.attributeValues, "$[attributeValues]");
  const item = { ...attributes, ...key };
  const condition = readCondition(request);
  const input = { TableName: context.tableName, Item: item, ...conditionInput(condition), ...mergePlaceholders([condition]) };
  try {
    await context.send("PutItem", () => context.client.send(new PutItemCommand(input)));
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException && condition) return conditionFailure("PutItem", error, condition, item);
    throw error;
  }
  return ok(fromItem(item));
}

/** UpdateItem: the item as it is after the update. */
async function updateItem(context: Context, request: JsonObject): Promise<DataSourceOutcome> {
  allowOnly(request, [...commonFields, ...versionedFields, "key", "update", "condition"], "$");
  refuseVersionedFields(request);
  const update = readExpressionBlock(requireField(request, "update", "$"), "$[update]");
  const condition = readCondition(request);
  const input = {
    TableName: context.tableName,
    Key: readKey(request, "$"),
    UpdateExpression: update.expression,
    ReturnValues: "ALL_NEW" as const,
    ...conditionInput(condition),
    ...mergePlaceholders([update, condition]),
  };
  try {
    const output = await context.send("UpdateItem", () => context.client.send(new UpdateItemCommand(input)));
    return ok(fromItem(output.Attributes ?? {}));
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException && condition) return conditionFailure("UpdateItem", error, condition);
    throw error;
  }
}

/** DeleteItem: "The item deleted from DynamoDB", null when there was none. */
async function deleteItem(context: Context, request: JsonObject): Promise<DataSourceOutcome> {
  allowOnly(request, [...commonFields, ...versionedFields, "key", "condition"], "$");
  refuseVersionedFields(request);
  const condition = readCondition(request);
  const input = {
    TableName: context.tableName,
    Key: readKey(request, "$"),
    ReturnValues: "ALL_OLD" as const,
    ...conditionInput(condition),
    ...mergePlaceholders([condition]),
  };
  try {
    const output = await context.send("DeleteItem", () => context.client.send(new DeleteItemCommand(input)));
    return ok(output.Attributes ? fromItem(output.Attributes) : null);
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException && condition) return conditionFailure("DeleteItem", error, condition);
    throw error;
  }
}

// ---- Query, Scan, Sync ----------------------------------------------------------------------------

const selectValues: readonly string[] = ["ALL_ATTRIBUTES", "ALL_PROJECTED_ATTRIBUTES", "SPECIFIC_ATTRIBUTES"];

/**
 * `select` is sent only when given: DynamoDB's default (all attributes of a table, the projected ones
 * of an index) is AppSync's "By default ... only returns attributes that are projected into the index".
 */
function readSelect(request: JsonObject): Select | undefined {
  const select = optionalString(request, "select", "$");
  if (select !== undefined && !selectValues.includes(select)) {
    throw new MappingTemplateError(`Unsupported value '${select}' for '$[select]': use one of ${selectValues.join(", ")}.`);
  }
  return select as Select | undefined;
}

/** What a token is valid for: "these pagination tokens can't be used across different functions or resolvers". */
function tokenScope(context: Context, operation: string, index: string | undefined, segment?: { segment?: number; totalSegments?: number }): string {
  return JSON.stringify([operation, context.tableName, index ?? null, segment?.segment ?? null, segment?.totalSegments ?? null, context.callerId]);
}

function readStartKey(context: Context, request: JsonObject, scope: string): Item | undefined {
  const token = optionalString(request, "nextToken", "$");
  return token === undefined ? undefined : context.nextTokens.open(token, scope);
}

/** Query and Scan results: `{ items, nextToken, scannedCount }`, nextToken null on the last page. */
function page(context: Context, output: { Items?: Item[]; LastEvaluatedKey?: Item; ScannedCount?: number }, scope: string) {
  return {
    items: (output.Items ?? []).map(fromItem),
    nextToken: output.LastEvaluatedKey ? context.nextTokens.seal(output.LastEvaluatedKey, scope) : null,
    scannedCount: output.ScannedCount ?? 0,
  };
}

/** Query. `limit` is DynamoDB's: items evaluated, before the filter, so a page may hold fewer. */
async function query(context: Context, request: JsonObject): Promise<DataSourceOutcome> {
  allowOnly(request, [...commonFields, "query", "index", "nextToken", "limit", "scanIndexForward", "consistentRead", "select", "filter", "projection"], "$");
  const keyCondition = readExpressionBlock(requireField(request, "query", "$"), "$[query]");
  const filter = optionalExpressionBlock(request, "filter", "$");
  const projection = optionalExpressionBlock(request, "projection", "$", { withValues: false });
  const index = optionalString(request, "index", "$");
  const scope = tokenScope(context, "Query", index);
  const input: QueryCommandInput = {
    TableName: context.tableName,
    IndexName: index,
    KeyConditionExpression: keyCondition.expression,
    FilterExpression: filter?.expression,
    ProjectionExpression: projection?.expression,
    ...mergePlaceholders([keyCondition, filter, projection]),
    ExclusiveStartKey: readStartKey(context, request, scope),
    Limit: optionalInteger(request, "limit", "$"),
    ScanIndexForward: optionalBoolean(request, "scanIndexForward", "$"),
    ConsistentRead: optionalBoolean(request, "consistentRead", "$"),
    Select: readSelect(request),
  };
  const output = await context.send("Query", () => context.client.send(new QueryCommand(input)));
  return ok(page(context, output, scope));
}

/** Scan, optionally one segment of a parallel scan. */
async function scan(context: Context, request: JsonObject): Promise<DataSourceOutcome> {
  allowOnly(request, [...commonFields, "index", "limit", "consistentRead", "nextToken", "totalSegments", "segment", "filter", "projection", "select"], "$");
  const filter = optionalExpressionBlock(request, "filter", "$");
  const projection = optionalExpressionBlock(request, "projection", "$", { withValues: false });
  const index = optionalString(request, "index", "$");
  const segment = { segment: optionalInteger(request, "segment", "$"), totalSegments: optionalInteger(request, "totalSegments", "$") };
  if ((segment.segment === undefined) !== (segment.totalSegments === undefined)) {
    throw new MappingTemplateError("'$[segment]' and '$[totalSegments]' must be given together.");
  }
  const scope = tokenScope(context, "Scan", index, segment);
  const input: ScanCommandInput = {
    TableName: context.tableName,
    IndexName: index,
    FilterExpression: filter?.expression,
    ProjectionExpression: projection?.expression,
    ...mergePlaceholders([filter, projection]),
    ExclusiveStartKey: readStartKey(context, request, scope),
    Limit: optionalInteger(request, "limit", "$"),
    ConsistentRead: optionalBoolean(request, "consistentRead", "$"),
    Segment: segment.segment,
    TotalSegments: segment.totalSegments,
    Select: readSelect(request),
  };
  const output = await context.send("Scan", () => context.client.send(new ScanCommand(input)));
  return ok(page(context, output, scope));
}

/** Sync: "Sync requests can only be made to versioned DynamoDB data sources." */
async function refuseSync(): Promise<DataSourceOutcome> {
  throw new MappingTemplateError("Sync requests can only be made to versioned DynamoDB data sources, and this data source is not versioned.");
}

// ---- BatchGetItem, BatchPutItem, BatchDeleteItem ---------------------------------------------------

/** `tables`: "At least one table must be provided." */
function readTables(request: JsonObject): Array<[string, unknown]> {
  allowOnly(request, [...commonFields, "tables"], "$");
  const tables = Object.entries(expectObject(requireField(request, "tables", "$"), "$[tables]"));
  if (tables.length === 0) throw new MappingTemplateError("At least one table must be provided in '$[tables]'.");
  return tables;
}

function readItemList(value: unknown, path: string): Item[] {
  return expectArray(value, path).map((entry, index) => toItem(entry, `${path}[${index}]`));
}

/**
 * DynamoDB answers a BatchGetItem in no particular order, and results are matched back to the
 * requested keys by their key attributes, so a projection must return them: those the resolver's
 * projection leaves out are added to it and removed from the items again.
 */
function projectionWithKeys(projection: ExpressionBlock | undefined, keyAttributes: string[]) {
  if (!projection) return { added: [] as string[] };
  const names: Record<string, string> = { ...projection.names };
  const projected = new Set(
    projection.expression.split(",").map((path) => {
      const top = path.trim().split(/[.[]/)[0];
      return names[top] ?? top;
    }),
  );
  const added = keyAttributes.filter((name) => !projected.has(name));
  const placeholders = added.map((name, index) => {
    names[`#appsyncLocalKey${index}`] = name;
    return `#appsyncLocalKey${index}`;
  });
  return {
    ProjectionExpression: [projection.expression, ...placeholders].join(", "),
    ExpressionAttributeNames: Object.keys(names).length > 0 ? names : undefined,
    added,
  };
}

function without(item: Item, names: string[]): Item {
  const rest = { ...item };
  for (const name of names) delete rest[name];
  return rest;
}

/**
 * BatchGetItem: `{ data: { table: [item or null, in request order] }, unprocessedKeys: { table: [key] } }`.
 * Each table takes `{ keys, consistentRead, projection }`; the reference's example gives the list of
 * keys directly, which is read too.
 */
async function batchGetItem(context: Context, request: JsonObject): Promise<DataSourceOutcome> {
  const requestItems: BatchGetItemCommandInput["RequestItems"] = {};
  const plans: Array<{ table: string; keys: Item[]; keyAttributes: string[]; added: string[] }> = [];
  for (const [table, spec] of readTables(request)) {
    const path = `$[tables][${table}]`;
    const entry: JsonObject = Array.isArray(spec) ? { keys: spec } : expectObject(spec, path);
    allowOnly(entry, ["keys", "consistentRead", "projection"], path);
    const keys = readItemList(requireField(entry, "keys", path), `${path}[keys]`);
    const keyAttributes = [...new Set(keys.flatMap((key) => Object.keys(key)))];
    const { added, ...projection } = projectionWithKeys(optionalExpressionBlock(entry, "projection", path, { withValues: false }), keyAttributes);
    requestItems[table] = { Keys: keys, ConsistentRead: optionalBoolean(entry, "consistentRead", path), ...projection };
    plans.push({ table, keys, keyAttributes, added });
  }
  const output = await context.send("BatchGetItem", () => context.client.send(new BatchGetItemCommand({ RequestItems: requestItems })));
  const data: Record<string, unknown[]> = {};
  const unprocessedKeys: Record<string, unknown[]> = {};
  for (const { table, keys, keyAttributes, added } of plans) {
    const found = new Map((output.Responses?.[table] ?? []).map((item) => [keySignature(item, keyAttributes), item]));
    data[table] = keys.map((key) => {
      const item = found.get(keySignature(key, keyAttributes));
      return item ? fromItem(without(item, added)) : null;
    });
    unprocessedKeys[table] = (output.UnprocessedKeys?.[table]?.Keys ?? []).map(fromItem);
  }
  return ok({ data, unprocessedKeys });
}

type WriteKind = { api: "put"; items: Item[] } | { api: "delete"; items: Item[] };

/** BatchPutItem and BatchDeleteItem are both one BatchWriteItem; unprocessed entries are null in `data`. */
async function batchWrite(context: Context, tables: Array<[string, WriteKind]>) {
  const requestItems: BatchWriteItemCommandInput["RequestItems"] = {};
  for (const [table, kind] of tables) {
    requestItems[table] = kind.items.map((item) => (kind.api === "put" ? { PutRequest: { Item: item } } : { DeleteRequest: { Key: item } }));
  }
  const output = await context.send("BatchWriteItem", () => context.client.send(new BatchWriteItemCommand({ RequestItems: requestItems })));
  const data: Record<string, unknown[]> = {};
  const unprocessed: Record<string, unknown[]> = {};
  for (const [table, kind] of tables) {
    const left = (output.UnprocessedItems?.[table] ?? []).flatMap((write) => {
      const item = kind.api === "put" ? write.PutRequest?.Item : write.DeleteRequest?.Key;
      return item ? [item] : [];
    });
    data[table] = kind.items.map((item) => (left.some((entry) => sameItem(entry, item)) ? null : fromItem(item)));
    unprocessed[table] = left.map(fromItem);
  }
  return { data, unprocessed };
}

/** BatchPutItem: `{ data: { table: [item written or null] }, unprocessedItems: { table: [item] } }`. */
async function batchPutItem(context: Context, request: JsonObject): Promise<DataSourceOutcome> {
  const tables = readTables(request).map(([table, items]): [string, WriteKind] => [table, { api: "put", items: readItemList(items, `$[tables][${table}]`) }]);
  const { data, unprocessed } = await batchWrite(context, tables);
  return ok({ data, unprocessedItems: unprocessed });
}

/** BatchDeleteItem: "Only the passed key is returned": `{ data: { table: [key or null] }, unprocessedKeys }`. */
async function batchDeleteItem(context: Context, request: JsonObject): Promise<DataSourceOutcome> {
  const tables = readTables(request).map(([table, keys]): [string, WriteKind] => [table, { api: "delete", items: readItemList(keys, `$[tables][${table}]`) }]);
  const { data, unprocessed } = await batchWrite(context, tables);
  return ok({ data, unprocessedKeys: unprocessed });
}

// ---- TransactGetItems, TransactWriteItems ----------------------------------------------------------

function readTransactItems(request: JsonObject): JsonObject[] {
  allowOnly(request, [...commonFields, "transactItems"], "$");
  const items = expectArray(requireField(request, "transactItems", "$"), "$[transactItems]");
  if (items.length === 0) throw new MappingTemplateError("At least one request item must be provided in '$[transactItems]'.");
  return items.map((item, index) => expectObject(item, `$[transactItems][${index}]`));
}

/** Each reason as AppSync lists them, in request order: `{ type, message, item? }`, type "None" where nothing failed. */
function cancellationReasons(error: TransactionCanceledException) {
  return (error.CancellationReasons ?? []).map((reason) => ({
    type: reason.Code ?? "None",
    message: reason.Message ?? reason.Code ?? "None",
    ...(reason.Item ? { item: fromItem(reason.Item) } : {}),
  }));
}

/** TransactGetItems: `{ items: [item or null], cancellationReasons: null }`; cancelled: items null and the reasons. */
async function transactGetItems(context: Context, request: JsonObject): Promise<DataSourceOutcome> {
  const transactItems: TransactGetItem[] = readTransactItems(request).map((entry, index) => {
    const path = `$[transactItems][${index}]`;
    allowOnly(entry, ["table", "key", "projection"], path);
    const projection = optionalExpressionBlock(entry, "projection", path, { withValues: false });
    return {
      Get: { TableName: requiredString(entry, "table", path), Key: readKey(entry, path), ProjectionExpression: projection?.expression, ...mergePlaceholders([projection]) },
    };
  });
  try {
    const output = await context.send("TransactGetItems", () => context.client.send(new TransactGetItemsCommand({ TransactItems: transactItems })));
    return ok({ items: (output.Responses ?? []).map((response) => (response.Item ? fromItem(response.Item) : null)), cancellationReasons: null });
  } catch (error) {
    if (error instanceof TransactionCanceledException) return failure(describeDynamoDBError(error)!, { items: null, cancellationReasons: cancellationReasons(error) });
    throw error;
  }
}

/**
 * "Transaction condition expressions": `returnValuesOnConditionCheckFailure` defaults to returning the
 * current item in the cancellation reason ("If ... you did not specify returnValuesOnConditionCheckFailure
 * to be false, the item existing in the table will be retrieved").
 */
function readTransactCondition(entry: JsonObject, path: string, required: boolean) {
  if (isAbsent(entry.condition)) {
    if (required) requireField(entry, "condition", path);
    return undefined;
  }
  const conditionPath = `${path}[condition]`;
  const block = readExpressionBlock(entry.condition, conditionPath, { extraFields: ["returnValuesOnConditionCheckFailure"] });
  const returnItem = optionalBoolean(entry.condition as JsonObject, "returnValuesOnConditionCheckFailure", conditionPath) !== false;
  return { block, input: { ConditionExpression: block.expression, ReturnValuesOnConditionCheckFailure: returnItem ? ("ALL_OLD" as const) : ("NONE" as const) } };
}

function readTransactWrite(entry: JsonObject, path: string): TransactWriteItem {
  const operation = requiredString(entry, "operation", path);
  const base = ["table", "operation", "key", "condition"];
  const fields: Record<string, string[]> = { PutItem: [...base, "attributeValues"], UpdateItem: [...base, "update"], DeleteItem: base, ConditionCheck: base };
  if (!Object.hasOwn(fields, operation)) throw new MappingTemplateError(`Unsupported operation '${operation}' in '${path}[operation]'.`);
  allowOnly(entry, fields[operation], path);
  const TableName = requiredString(entry, "table", path);
  const Key = readKey(entry, path);
  const condition = readTransactCondition(entry, path, operation === "ConditionCheck");
  switch (operation) {
    case "PutItem": {
      const attributes = isAbsent(entry.attributeValues) ? {} : toItem(entry.attributeValues, `${path}[attributeValues]`);
      return { Put: { TableName, Item: { ...attributes, ...Key }, ...condition?.input, ...mergePlaceholders([condition?.block]) } };
    }
    case "UpdateItem": {
      const update = readExpressionBlock(requireField(entry, "update", path), `${path}[update]`);
      return { Update: { TableName, Key, UpdateExpression: update.expression, ...condition?.input, ...mergePlaceholders([update, condition?.block]) } };
    }
    case "DeleteItem":
      return { Delete: { TableName, Key, ...condition?.input, ...mergePlaceholders([condition?.block]) } };
    default:
      return { ConditionCheck: { TableName, Key, ...condition!.input, ...mergePlaceholders([condition!.block]) } };
  }
}

/** TransactWriteItems: `{ keys: [key, in request order], cancellationReasons: null }`; cancelled: keys null and the reasons. */
async function transactWriteItems(context: Context, request: JsonObject): Promise<DataSourceOutcome> {
  const entries = readTransactItems(request);
  const transactItems = entries.map((entry, index) => readTransactWrite(entry, `$[transactItems][${index}]`));
  const keys = entries.map((entry, index) => fromItem(readKey(entry, `$[transactItems][${index}]`)));
  try {
    await context.send("TransactWriteItems", () => context.client.send(new TransactWriteItemsCommand({ TransactItems: transactItems })));
    return ok({ keys, cancellationReasons: null });
  } catch (error) {
    if (error instanceof TransactionCanceledException) return failure(describeDynamoDBError(error)!, { keys: null, cancellationReasons: cancellationReasons(error) });
    throw error;
  }
}
