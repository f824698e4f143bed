// The AppSync-compatible runtime: schema + resolver manifest + code in, GraphQL endpoint out.
// It knows nothing of any app: the caller gives it a schema, a manifest and the engines its data sources use.
import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import { assertValidManifest, type DataSourceDefinition, type ResolverManifest } from "@marquee/appsync-contract";
import { createApiCache, type ApiCache, type ApiCacheOptions } from "./api-cache.ts";
import type { ApiKey } from "./auth/api-key.ts";
import type { CognitoPoolConfig } from "./auth/cognito.ts";
import { answerSignedRequest, createSigV4Verifier, type AwsCredentials } from "./auth/control-plane.ts";
import { createRequestAuthorizer } from "./auth/modes.ts";
import type { AuthMode } from "./auth/rules.ts";
import { createCodeRegistry } from "./code-registry.ts";
import { createNoneDataSource, type DataSource } from "./datasource.ts";
import { createDynamoDBDataSource } from "./datasources/dynamodb.ts";
import { createHttpDataSource } from "./datasources/http.ts";
import { createLambdaDataSource, type LambdaInvocationOrigin } from "./datasources/lambda.ts";
import { createExecutor } from "./executor.ts";
import { createHandlerRegistry, type HandlerRegistry } from "./handler-registry.ts";
import type { RequestLimits } from "./limits/options.ts";
import { buildAppSyncSchema } from "./schema/build.ts";
import { createGraphQLServer, listen } from "./server.ts";

export type AppSyncRuntimeOptions = {
  schemaSdl: string;
  /** Checked against the schema when the runtime is created (validateManifest): a bad entry is an error naming it. */
  manifest: ResolverManifest;
  /** Manifest paths (code, handlers) are relative to this folder. */
  repoRoot: string;
  /** Identifiers replaced in resolver code at bundle time (the deploy bundles with the same ones). */
  codeConstants?: Record<string, string>;
  /** Where Lambda handler bundles are written. */
  buildDirectory: string;
  /**
   * The environment variables of every Lambda data source's function (AWS_ENDPOINT_URL_*, SST_RESOURCE_*,
   * credentials...): each function runs in a worker thread whose process.env is this, plus Lambda's own.
   */
  lambdaEnvironment?: Record<string, string>;
  /** Where what Lambda functions write goes, a line per record (default: the console). */
  lambdaLog?: (line: string) => void;
  /** The API's authorization modes (AppSync's authenticationType and additionalAuthenticationProviders); default Cognito user pools alone. */
  authorization?: { defaultMode: AuthMode; additionalModes?: AuthMode[] };
  /** The user pool whose tokens the API accepts; required when a mode is AMAZON_COGNITO_USER_POOLS. */
  cognito?: CognitoPoolConfig;
  /** The keys the API accepts in `x-api-key`, for API_KEY. */
  apiKeys?: ApiKey[];
  /**
   * Required when the manifest has a DynamoDB data source. `tableName` is the app's table (data sources
   * that name none); `tables` gives the table of each logical table a data source names.
   */
  dynamodb?: { client: DynamoDBClient; tableName: string; nextTokenKey: Uint8Array; tables?: Record<string, string> };
  /** HTTP data sources' endpoints by data source name, in place of the manifest's (a local stand-in, say). */
  httpEndpoints?: Record<string, string>;
  region: string;
  /** Observability hooks (the benchmark counts data-source requests with these). */
  onDynamoDBRequest?: (operation: string, origin: { requestId?: string; callerId: string }) => void;
  onLambdaInvoke?: (dataSource: string, events: number, origin: LambdaInvocationOrigin) => void;
  onHttpRequest?: (dataSource: string, method: string, url: string) => void;
  route?: (request: IncomingMessage, response: ServerResponse) => boolean;
  /** The credentials control-plane requests (FlushApiCache) must be SigV4-signed with; omitted = all refused. */
  controlPlaneCredentials?: AwsCredentials;
  /** The API cache for resolvers with a caching config (as a deployed API with one); false = none. */
  apiCache?: ApiCacheOptions | false;
  /**
   * What one request may cost: AppSync's queryDepthLimit, resolverCountLimit and 30 s timeout (AppSync's
   * defaults), and this runtime's guards (parse budget, nesting, root fields, repeated fields, document
   * cache). Each one omitted keeps its default (limits/options.ts, README "Limits").
   */
  limits?: Partial<RequestLimits>;
};

export type AppSyncRuntime = {
  server: Server;
  listen(port: number, host?: string): Promise<number>;
  close(): Promise<void>;
  /** Rebuilds what `changedFiles` (absolute paths) affect; returns what was reloaded. */
  reload(changedFiles: readonly string[]): { resolvers: string[]; handlers: string[] };
  execute: ReturnType<typeof createExecutor>["execute"];
  /** null when created without one. */
  apiCache: ApiCache | null;
  /** The parsed-document cache's accounting: entries, bytes held, bound. */
  documentCache: ReturnType<typeof createExecutor>["documentCache"];
};

const defaultAuthorization: NonNullable<AppSyncRuntimeOptions["authorization"]> = { defaultMode: "AMAZON_COGNITO_USER_POOLS" };

export function createAppSyncRuntime(options: AppSyncRuntimeOptions): AppSyncRuntime {
  assertValidManifest(options.manifest, options.schemaSdl);
  const schema = buildAppSyncSchema(options.schemaSdl);
  const authorization = options.authorization ?? defaultAuthorization;
  const additionalAuthModes = authorization.additionalModes ?? [];
  const authorize = createRequestAuthorizer({ defaultMode: authorization.defaultMode, additionalModes: additionalAuthModes, cognito: options.cognito, apiKeys: options.apiKeys });
  const code = createCodeRegistry(options.manifest, options.repoRoot, options.codeConstants);
  const handlers = createHandlerRegistry({ repoRoot: options.repoRoot, outDir: options.buildDirectory, region: options.region, environment: options.lambdaEnvironment, log: options.lambdaLog });

  const dataSources: Record<string, DataSource> = {};
  for (const [name, definition] of Object.entries(options.manifest.dataSources)) {
    dataSources[name] = createDataSource(options, name, definition, handlers);
  }

  const apiCache = options.apiCache === false ? null : createApiCache(options.apiCache);
  const verifyControlPlaneRequest = createSigV4Verifier({ credentials: options.controlPlaneCredentials, region: options.region, service: "appsync" });
  const executor = createExecutor({
    schema,
    manifest: options.manifest,
    code,
    dataSources,
    defaultAuthMode: authorization.defaultMode,
    additionalAuthModes,
    apiCache: apiCache ?? undefined,
    limits: options.limits,
  });
  const server = createGraphQLServer({
    authorize,
    execute: executor.execute,
    route: (request, response) => {
      // AppSync's control-plane FlushApiCache (DELETE /v1/apis/{apiId}/FlushCache), for data written
      // around the API (a backfill, a test's fixtures); IAM only, as AppSync's: SigV4-signed.
      if (apiCache && request.method === "DELETE" && /^\/v1\/apis\/[^/]+\/FlushCache$/.test((request.url ?? "").split("?")[0]!)) {
        void answerSignedRequest(request, response, verifyControlPlaneRequest, () => apiCache.flush());
        return true;
      }
      return options.route?.(request, response) ?? false;
    },
    onError: (error) => console.error("[appsync] internal error", error),
  });

  return {
    server,
    listen: (port, host) => listen(server, port, host),
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await handlers.close();
    },
    reload(changedFiles) {
      const reloaded = { resolvers: code.reload(changedFiles), handlers: handlers.invalidate(changedFiles) };
      // Answers cached from the old code would hide the change being tried.
      if (reloaded.resolvers.length > 0 || reloaded.handlers.length > 0) apiCache?.flush();
      return reloaded;
    },
    execute: executor.execute,
    apiCache,
    documentCache: executor.documentCache,
  };
}

function createDataSource(
  options: AppSyncRuntimeOptions,
  name: string,
  definition: DataSourceDefinition,
  handlers: HandlerRegistry,
): DataSource {
  const entry = `dataSources.${name}`;
  switch (definition.type) {
    case "dynamodb": {
      if (!options.dynamodb) throw new Error(`Resolver manifest: ${entry} is a DynamoDB data source, and the runtime was given no DynamoDB (options.dynamodb)`);
      const tableName = definition.table === undefined ? options.dynamodb.tableName : options.dynamodb.tables?.[definition.table];
      if (tableName === undefined) throw new Error(`Resolver manifest: ${entry} names table "${definition.table}", which options.dynamodb.tables does not map`);
      return createDynamoDBDataSource({
        client: options.dynamodb.client,
        tableName,
        nextTokenKey: options.dynamodb.nextTokenKey,
        onRequest: options.onDynamoDBRequest,
      });
    }
    case "lambda":
      return createLambdaDataSource({
        name,
        loadHandler: () => handlers.get(name, definition.handler),
        timeoutSeconds: definition.timeoutSeconds,
        memoryMb: definition.memoryMb,
        region: options.region,
        onInvoke: (events, origin) => options.onLambdaInvoke?.(name, events, origin),
      });
    case "http":
      return createHttpDataSource({
        endpoint: options.httpEndpoints?.[name] ?? definition.endpoint,
        onRequest: (method, url) => options.onHttpRequest?.(name, method, url),
      });
    case "none":
      return createNoneDataSource();
  }
}
