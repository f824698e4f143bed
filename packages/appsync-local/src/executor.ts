// Executes GraphQL requests the way AppSync does: graphql-js for parsing, validation and execution,
// with every resolved field wired from the resolver manifest to APPSYNC_JS code and data sources.
import {
  GraphQLError,
  GraphQLList,
  GraphQLObjectType,
  execute,
  getNullableType,
  getOperationAST,
  parse,
  print,
  validate,
  type DocumentNode,
  type FieldNode,
  type GraphQLFieldResolver,
  type GraphQLResolveInfo,
  type GraphQLSchema,
  type GraphQLType,
  type SelectionSetNode,
} from "graphql";
import { randomUUID } from "node:crypto";
import type { ApiCache } from "./api-cache.ts";
import { authorizationRules, isAllowed, type AuthMode, type CallerAuth } from "./auth/rules.ts";
import type { ResolverCode } from "./code.ts";
import type { DataSource, DataSourceOutcome, RequestScope } from "./datasource.ts";
import { fieldError, formatError, subscriptionOverHttp, unauthorizedFieldError, type AppSyncGraphQLError, type AppSyncResponseBody } from "./errors.ts";
import {
  EarlyReturnSignal,
  ResolverError,
  UnauthorizedSignal,
  newInvocationState,
  withInvocation,
  type InvocationState,
} from "./invocation.ts";
import type { ResolverCaching, ResolverDefinition, ResolverManifest } from "@marquee/appsync-contract";
import { createDocumentCache, entryBytes } from "./limits/document-cache.ts";
import { checkSelections, documentDepth, scanDocument } from "./limits/document-checks.ts";
import { depthLimitReached, executionTimedOut, fieldDepth, resolverLimitReached, timedOut, withDeadline } from "./limits/execution.ts";
import { requestLimits, type RequestLimits } from "./limits/options.ts";
import { apiCacheEvictionsOf, responseHeadersOf } from "./runtime/index.ts";
import {
  isScalarSerializationError,
  toAppSyncSerializationError,
  toAppSyncValidationErrors,
  type AppSyncError as AppSyncValidationError,
} from "./schema/validation-errors.ts";

/** Resolver and function code by manifest entry path; reloading swaps what `get` returns. */
export type CodeRegistry = { get(entry: string): ResolverCode };

export type ExecutorOptions = {
  schema: GraphQLSchema;
  manifest: ResolverManifest;
  code: CodeRegistry;
  dataSources: Record<string, DataSource>;
  defaultAuthMode: AuthMode;
  /** Modes accepted besides the default; a field without a directive still allows only the default. */
  additionalAuthModes?: readonly AuthMode[];
  /** Called for every field resolved by the manifest, for tests and tracing. */
  onResolve?: (field: string) => void;
  /** The API cache for resolvers with a caching config; omitted = no API cache (every resolver runs). */
  apiCache?: ApiCache;
  /** What one request may cost (limits/options.ts); each one omitted keeps its default. */
  limits?: Partial<RequestLimits>;
};

export type GraphQLRequest = {
  query: string;
  variables?: Record<string, unknown> | null;
  operationName?: string | null;
};

type RequestContext = {
  caller: CallerAuth;
  headers: Record<string, string>;
  scope: RequestScope;
  appendedErrors: AppSyncGraphQLError[];
  /** Set by resolvers with util.http.addResponseHeader(s); the server sends them. */
  responseHeaders: Record<string, string>;
  /** queryDepthLimit when the document goes deeper (fields are checked then), else null. */
  depthLimit: number | null;
  resolversInvoked: number;
  /** Past the request timeout: no further resolver starts. */
  timedOut: boolean;
};

type PreparedDocument = { document: DocumentNode; depth: number } | { errors: AppSyncValidationError[] };

export function createExecutor(options: ExecutorOptions) {
  const { schema } = options;
  const limits = requestLimits(options.limits);
  const rules = authorizationRules(schema, options.defaultAuthMode, options.additionalAuthModes);
  wireResolvers(options, rules, limits);
  const documents = createDocumentCache<PreparedDocument>(limits.documentCacheBytes);

  function prepare(query: string): PreparedDocument {
    const cached = documents.get(query);
    if (cached) return cached;
    const scanned = scanDocument(query, limits);
    const prepared: PreparedDocument = scanned.error ? { errors: [scanned.error] } : parseAndValidate(query);
    documents.set(query, prepared, entryBytes(query, scanned.tokens));
    return prepared;
  }

  function parseAndValidate(query: string): PreparedDocument {
    try {
      const document = parse(query, { maxTokens: limits.maxTokens });
      // Before validate: its overlap check compares every pair of fields sharing a response name.
      const refused = checkSelections(document, limits);
      if (refused.length > 0) return { errors: refused };
      const errors = validate(schema, document);
      return errors.length > 0 ? { errors: toAppSyncValidationErrors(errors) } : { document, depth: documentDepth(document) };
    } catch (error) {
      return { errors: toAppSyncValidationErrors([error as GraphQLError]) };
    }
  }

  return {
    /** The document cache's own accounting (tests read its bound from here). */
    documentCache: () => documents.stats(),
    /** `responseHeaders` receives the headers resolvers set for the HTTP response. */
    async execute(
      request: GraphQLRequest,
      caller: CallerAuth,
      headers: Record<string, string> = {},
      responseHeaders: Record<string, string> = {},
    ): Promise<AppSyncResponseBody> {
      const requestId = randomUUID();
      responseHeaders["x-amzn-RequestId"] = requestId;
      const prepared = prepare(request.query);
      if ("errors" in prepared) return { data: null, errors: prepared.errors };
      if (getOperationAST(prepared.document, request.operationName)?.operation === "subscription") throw subscriptionOverHttp();
      const context: RequestContext = {
        caller,
        headers,
        scope: { batches: new Map(), requestId },
        appendedErrors: [],
        responseHeaders,
        depthLimit: limits.queryDepthLimit > 0 && prepared.depth > limits.queryDepthLimit ? limits.queryDepthLimit : null,
        resolversInvoked: 0,
        timedOut: false,
      };
      const running = Promise.resolve(
        execute({
          schema,
          document: prepared.document,
          variableValues: request.variables ?? undefined,
          operationName: request.operationName ?? undefined,
          contextValue: context,
          // Fields without a resolver of their own: only the depth limit applies to them.
          fieldResolver: (source, _args, fieldContext: RequestContext, info) => {
            checkDepth(fieldContext, info);
            return defaultFieldValue(source, info.fieldName);
          },
        }),
      );
      const result = await withDeadline(running, limits.requestTimeoutMs, () => {
        context.timedOut = true;
      });
      if (result === timedOut) return executionTimedOut();
      // Variable coercion errors come out of execute() before any field runs: AppSync reports them
      // like validation errors (graphql-java stops at the first), with data null.
      const variableErrors = (result.errors ?? []).filter((error) => !error.path && !("data" in result));
      if (variableErrors.length > 0) return { data: null, errors: toAppSyncValidationErrors(variableErrors) };
      const errors = [...(result.errors ?? []).map((error) => formatFieldError(schema, error)), ...context.appendedErrors];
      const body: AppSyncResponseBody = { data: (result.data as Record<string, unknown> | null | undefined) ?? null };
      if (errors.length > 0) body.errors = errors;
      return body;
    },
  };
}

/** A field error; an AWS scalar that cannot be serialised gets AppSync's "Can't serialize value" error. */
function formatFieldError(schema: GraphQLSchema, error: GraphQLError): AppSyncGraphQLError | AppSyncValidationError | NonNullViolation {
  if (isScalarSerializationError(error)) return toAppSyncSerializationError(error);
  return nonNullViolation(schema, error) ?? formatError(error);
}

type NonNullViolation = { path: ReadonlyArray<string | number>; locations: null; message: string };

const graphqlJsNonNullMessage = /^Cannot return null for non-nullable field (\w+)\.(\w+)\.$/;

/**
 * A null in a non-null position, in graphql-java's words as AppSync reports it (aws-appsync-community,
 * amplify issues): "Cannot return null for non-nullable type: 'ID' within parent 'User' (/getUser/id)",
 * with `locations: null` and nothing else. A null list item's parent is its list type, e.g. '[String!]'.
 */
function nonNullViolation(schema: GraphQLSchema, error: GraphQLError): NonNullViolation | undefined {
  const match = graphqlJsNonNullMessage.exec(error.message);
  const parentType = match ? schema.getType(match[1]!) : undefined;
  const field = parentType instanceof GraphQLObjectType ? parentType.getFields()[match![2]!] : undefined;
  if (!parentType || !field || !error.path) return undefined;
  let type: GraphQLType = field.type;
  let parent = parentType.name;
  // One list level per trailing index in the path.
  for (let index = error.path.length - 1; index >= 0 && typeof error.path[index] === "number"; index -= 1) {
    const list = getNullableType(type);
    if (!(list instanceof GraphQLList)) break;
    parent = String(list);
    type = list.ofType as GraphQLType;
  }
  const javaPath = error.path.map((segment) => (typeof segment === "number" ? `[${segment}]` : `/${segment}`)).join("");
  return {
    path: error.path,
    locations: null,
    message: `Cannot return null for non-nullable type: '${String(getNullableType(type))}' within parent '${parent}' (${javaPath})`,
  };
}

function wireResolvers(options: ExecutorOptions, rules: ReturnType<typeof authorizationRules>, limits: RequestLimits) {
  const { schema, manifest } = options;
  const byField = new Map<string, ResolverDefinition>(manifest.resolvers.map((r) => [r.field, r]));
  const cachingByField = new Map<string, ResolverCaching>();
  for (const definition of manifest.resolvers) {
    if (definition.caching) cachingByField.set(definition.field, definition.caching);
  }
  for (const type of Object.values(schema.getTypeMap())) {
    if (!(type instanceof GraphQLObjectType) || type.name.startsWith("__")) continue;
    for (const field of Object.values(type.getFields())) {
      const id = `${type.name}.${field.name}`;
      const definition = byField.get(id);
      const resolve = definition ? manifestResolver(options, definition, cachingByField, limits) : undefined;
      const rule = rules.ruleFor(type.name, field.name);
      if (rule.alwaysAllowed && !resolve) continue;
      field.resolve = authorized(rule, resolve);
    }
  }
}

function authorized(
  rule: ReturnType<ReturnType<typeof authorizationRules>["ruleFor"]>,
  resolve: GraphQLFieldResolver<unknown, RequestContext> | undefined,
): GraphQLFieldResolver<unknown, RequestContext> {
  return (source, args, context, info) => {
    checkDepth(context, info);
    if (!rule.alwaysAllowed && !isAllowed(rule, context.caller)) {
      throw unauthorizedFieldError(info.fieldName, info.parentType.name, info.fieldNodes);
    }
    if (resolve) return resolve(source, args, context, info);
    return defaultFieldValue(source, info.fieldName);
  };
}

function checkDepth(context: RequestContext, info: GraphQLResolveInfo): void {
  if (context.depthLimit !== null && fieldDepth(info) > context.depthLimit) throw depthLimitReached(context.depthLimit, info.fieldNodes);
}

function defaultFieldValue(source: unknown, fieldName: string): unknown {
  if (source && typeof source === "object") return (source as Record<string, unknown>)[fieldName];
  return undefined;
}

function manifestResolver(
  options: ExecutorOptions,
  definition: ResolverDefinition,
  cachingByField: ReadonlyMap<string, ResolverCaching>,
  limits: RequestLimits,
): GraphQLFieldResolver<unknown, RequestContext> {
  const { apiCache } = options;
  const caching = definition.caching;
  return async (source, documentArgs, context, info) => {
    // A timed-out request's answer is gone: what it had not started yet never runs.
    if (context.timedOut) return null;
    context.resolversInvoked += 1;
    if (context.resolversInvoked > limits.resolverCountLimit) throw resolverLimitReached(info.fieldNodes);
    options.onResolve?.(definition.field);
    const args = withPrototypes(documentArgs);
    const cached = caching && apiCache?.enabled ? apiCache.lookup(definition.field, caching, { arguments: args, source: source ?? null, identity: context.caller.identity }) : null;
    if (cached?.hit) return cached.value;
    const ctx = buildContext(source, args, context, info);
    const state = newInvocationState(context.caller.identity, context.caller.mode);
    try {
      const value =
        definition.kind === "pipeline"
          ? await runPipeline(options, definition.code, definition.functions, ctx, state, context)
          : await runUnit(options, definition, ctx, state, context);
      const answer = value === undefined ? null : value;
      if (cached && state.appendedErrors.length === 0) apiCache!.store(cached.key, caching!, answer);
      // AppSync applies evictions from mutation resolvers only.
      if (apiCache && info.operation.operation === "mutation") {
        for (const eviction of apiCacheEvictionsOf(state)) {
          const field = `${eviction.typeName}.${eviction.fieldName}`;
          const target = cachingByField.get(field);
          if (target) apiCache.evict(field, target, eviction.keys);
        }
      }
      return answer;
    } catch (error) {
      throw toFieldError(error, info);
    } finally {
      for (const [name, value] of Object.entries(responseHeadersOf(state))) context.responseHeaders[name] = String(value);
      for (const appended of state.appendedErrors) {
        context.appendedErrors.push({
          path: pathOf(info),
          data: appended.data ?? null,
          errorType: appended.errorType,
          errorInfo: appended.errorInfo ?? null,
          locations: info.fieldNodes.map((n) => ({ line: n.loc?.startToken.line ?? 0, column: n.loc?.startToken.column ?? 0, sourceName: null })),
          message: appended.message,
        });
      }
    }
  };
}

/**
 * graphql-js builds input objects written inline in the document without a prototype (variables get
 * plain ones); resolver code calls `hasOwnProperty` and friends on both, so both become plain objects.
 */
function withPrototypes<T>(value: T): T {
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map(withPrototypes) as T;
  const plain: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) plain[key] = withPrototypes(item);
  return plain as T;
}

type ResolverContext = Record<string, unknown> & { stash: Record<string, unknown>; prev: { result: unknown } };

function buildContext(source: unknown, args: Record<string, unknown>, context: RequestContext, info: GraphQLResolveInfo): ResolverContext {
  const ctxInfo = {
    fieldName: info.fieldName,
    parentTypeName: info.parentType.name,
    variables: info.variableValues,
  };
  // The selection set is computed only if resolver code reads it (most never do).
  Object.defineProperty(ctxInfo, "selectionSetList", { enumerable: true, get: () => selectionSetList(info) });
  Object.defineProperty(ctxInfo, "selectionSetGraphQL", { enumerable: true, get: () => selectionSetGraphQL(info) });
  return {
    arguments: args,
    args,
    identity: context.caller.identity,
    source: source ?? null,
    stash: {},
    prev: { result: undefined },
    info: ctxInfo,
    request: { headers: context.headers, domainName: null },
  };
}

/** Runs a handler with `state` as the current invocation; an earlyReturn becomes `{ early }`. */
function runHandler(
  handler: ((ctx: unknown) => unknown) | undefined,
  ctx: ResolverContext,
  state: InvocationState,
  fallback: () => unknown,
): { value: unknown } | { early: EarlyReturnSignal } {
  if (!handler) return { value: fallback() };
  try {
    return { value: withInvocation(state, () => handler(ctx)) };
  } catch (error) {
    if (error instanceof EarlyReturnSignal) return { early: error };
    throw error;
  }
}

async function callDataSource(
  options: ExecutorOptions,
  dataSourceName: string,
  request: unknown,
  callerId: string,
  context: RequestContext,
  batching: { direct?: boolean; maxBatchSize?: number } = {},
): Promise<DataSourceOutcome> {
  // A pipeline still running when its request timed out stops at its next data source.
  if (context.timedOut) throw new ResolverError("Execution timed out.", "ExecutionTimeout");
  const dataSource = options.dataSources[dataSourceName];
  if (!dataSource) throw new Error(`The manifest names data source "${dataSourceName}", which the runtime was not given`);
  return dataSource.invoke({ request, callerId, ...batching, scope: context.scope });
}

function applyOutcome(ctx: ResolverContext, outcome: DataSourceOutcome) {
  ctx.result = outcome.ok ? outcome.result : (outcome.result ?? null);
  if (outcome.ok) delete ctx.error;
  else ctx.error = outcome.error;
}

async function runUnit(
  options: ExecutorOptions,
  definition: Extract<ResolverDefinition, { kind: "unit" }>,
  ctx: ResolverContext,
  state: InvocationState,
  context: RequestContext,
): Promise<unknown> {
  if (!definition.code) {
    // Direct Lambda resolver: AppSync sends the whole context and returns the Lambda's answer.
    const event = { arguments: ctx.arguments, identity: ctx.identity, source: ctx.source, info: ctx.info, request: ctx.request, prev: null, stash: ctx.stash };
    const outcome = await callDataSource(options, definition.dataSource, event, definition.field, context, { direct: true, maxBatchSize: definition.maxBatchSize });
    if (!outcome.ok) throw new ResolverError(outcome.error.message, outcome.error.type);
    return outcome.result;
  }
  const code = options.code.get(definition.code);
  const request = runHandler(code.request, ctx, state, () => ({}));
  // A unit resolver's earlyReturn skips the data source and the response handler.
  if ("early" in request) return request.early.value;
  applyOutcome(ctx, await callDataSource(options, definition.dataSource, request.value, definition.field, context, { maxBatchSize: definition.maxBatchSize }));
  const response = runHandler(code.response, ctx, state, () => ctx.result);
  return "early" in response ? response.early.value : response.value;
}

async function runPipeline(
  options: ExecutorOptions,
  codeEntry: string,
  functionNames: string[],
  ctx: ResolverContext,
  state: InvocationState,
  context: RequestContext,
): Promise<unknown> {
  const code = options.code.get(codeEntry);
  const before = runHandler(code.request, ctx, state, () => ({}));
  if ("early" in before) {
    ctx.prev = { result: before.early.value };
  } else {
    ctx.prev = { result: before.value };
    for (const name of functionNames) {
      const fn = options.manifest.functions[name];
      if (!fn) throw new Error(`Pipeline function "${name}" is not in the manifest`);
      const fnCode = options.code.get(fn.code);
      const request = runHandler(fnCode.request, ctx, state, () => ({}));
      if ("early" in request) {
        ctx.prev = { result: request.early.value };
        if (request.early.skipTo === "END") break;
        continue;
      }
      applyOutcome(ctx, await callDataSource(options, fn.dataSource, request.value, `function:${name}`, context, { maxBatchSize: fn.maxBatchSize }));
      const response = runHandler(fnCode.response, ctx, state, () => ctx.result);
      delete ctx.error;
      if ("early" in response) {
        ctx.prev = { result: response.early.value };
        if (response.early.skipTo === "END") break;
        continue;
      }
      ctx.prev = { result: response.value };
    }
  }
  delete ctx.result;
  const after = runHandler(code.response, ctx, state, () => ctx.prev.result);
  return "early" in after ? after.early.value : after.value;
}

function toFieldError(error: unknown, info: GraphQLResolveInfo): GraphQLError {
  if (error instanceof GraphQLError) return error;
  if (error instanceof UnauthorizedSignal) return unauthorizedFieldError(info.fieldName, info.parentType.name, info.fieldNodes);
  if (error instanceof ResolverError) {
    return fieldError(error.message, { errorType: error.errorType, data: error.data, errorInfo: error.errorInfo }, info.fieldNodes);
  }
  // A crash in resolver code (a TypeError, say) is a field error, never a dead server.
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return fieldError(message, { errorType: "Code" }, info.fieldNodes);
}

function pathOf(info: GraphQLResolveInfo): Array<string | number> {
  const path: Array<string | number> = [];
  for (let p: GraphQLResolveInfo["path"] | undefined = info.path; p; p = p.prev) path.unshift(p.key);
  return path;
}

/**
 * AppSync's `selectionSetList`: paths under the field, aliases by alias name, fragments merged. Fields are
 * grouped by response name first (GraphQL's field collection), so a field selected twice is one entry
 * followed by all of its sub-fields.
 */
function selectionSetList(info: GraphQLResolveInfo): string[] {
  const list: string[] = [];
  const visit = (selectionSets: readonly SelectionSetNode[], prefix: string) => {
    const fields = new Map<string, SelectionSetNode[]>();
    const collect = (selectionSet: SelectionSetNode | undefined) => {
      for (const selection of selectionSet?.selections ?? []) {
        if (selection.kind === "Field") {
          const name = (selection.alias ?? selection.name).value;
          if (name.startsWith("__")) continue;
          const subSelections = fields.get(name) ?? [];
          fields.set(name, subSelections);
          if (selection.selectionSet) subSelections.push(selection.selectionSet);
        } else if (selection.kind === "InlineFragment") {
          collect(selection.selectionSet);
        } else {
          collect(info.fragments[selection.name.value]?.selectionSet);
        }
      }
    };
    selectionSets.forEach(collect);
    for (const [name, subSelections] of fields) {
      const path = prefix ? `${prefix}/${name}` : name;
      list.push(path);
      visit(subSelections, path);
    }
  };
  visit(info.fieldNodes.flatMap((node) => (node.selectionSet ? [node.selectionSet] : [])), "");
  return list;
}

function selectionSetGraphQL(info: GraphQLResolveInfo): string {
  return info.fieldNodes
    .map((node: FieldNode) => (node.selectionSet ? print(node.selectionSet) : ""))
    .filter(Boolean)
    .join("\n");
}
