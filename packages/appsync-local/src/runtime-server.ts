// The AppSync-compatible runtime: schema + resolver manifest + code in, GraphQL endpoint out.
// It knows nothing of Marquee; the stack (../stack.ts) gives it Marquee's schema, manifest and engines.
import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import { createApiCache, type ApiCache, type ApiCacheOptions } from "./api-cache.ts";
import { createCognitoVerifier, type CognitoPoolConfig } from "./auth/cognito.ts";
import type { AuthMode } from "./auth/rules.ts";
import { createCodeRegistry } from "./code-registry.ts";
import { createNoneDataSource, type DataSource } from "./datasource.ts";
import { createDynamoDBDataSource } from "./datasources/dynamodb.ts";
import { createLambdaDataSource } from "./datasources/lambda.ts";
import { createExecutor } from "./executor.ts";
import { createHandlerRegistry } from "./handler-registry.ts";
import type { ResolverManifest } from "@marquee/appsync-contract";
import { buildAppSyncSchema } from "./schema/build.ts";
import { createGraphQLServer, listen } from "./server.ts";

export type AppSyncRuntimeOptions = {
  schemaSdl: string;
  manifest: ResolverManifest;
  /** Manifest paths (code, handlers) are relative to this folder. */
  repoRoot: string;
  /** Identifiers replaced in resolver code at bundle time (the deploy bundles with the same ones). */
  codeConstants?: Record<string, string>;
  /** Where Lambda handler bundles are written. */
  buildDirectory: string;
  cognito: CognitoPoolConfig;
  dynamodb: { client: DynamoDBClient; tableName: string; nextTokenKey: Uint8Array };
  region: string;
  /** Observability hooks (the benchmark counts data-source requests with these). */
  onDynamoDBRequest?: (operation: string) => void;
  onLambdaInvoke?: (dataSource: string, events: number) => void;
  route?: (request: IncomingMessage, response: ServerResponse) => boolean;
  /** The API cache for resolvers with a caching config (as a deployed API with one); false = none. */
  apiCache?: ApiCacheOptions | false;
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
};

const defaultAuthMode: AuthMode = "AMAZON_COGNITO_USER_POOLS";

export function createAppSyncRuntime(options: AppSyncRuntimeOptions): AppSyncRuntime {
  const schema = buildAppSyncSchema(options.schemaSdl);
  const code = createCodeRegistry(options.manifest, options.repoRoot, options.codeConstants);
  const handlers = createHandlerRegistry({ repoRoot: options.repoRoot, outDir: options.buildDirectory });

  const dataSources: Record<string, DataSource> = {};
  for (const [name, definition] of Object.entries(options.manifest.dataSources)) {
    if (definition.type === "dynamodb") {
      dataSources[name] = createDynamoDBDataSource({
        client: options.dynamodb.client,
        tableName: options.dynamodb.tableName,
        nextTokenKey: options.dynamodb.nextTokenKey,
        onRequest: options.onDynamoDBRequest,
      });
    } else if (definition.type === "lambda") {
      dataSources[name] = createLambdaDataSource({
        name,
        loadHandler: () => handlers.get(definition.handler),
        timeoutSeconds: definition.timeoutSeconds,
        memoryMb: definition.memoryMb,
        region: options.region,
        onInvoke: (events) => options.onLambdaInvoke?.(name, events),
      });
    } else {
      dataSources[name] = createNoneDataSource();
    }
  }

  const apiCache = options.apiCache === false ? null : createApiCache(options.apiCache);
  const executor = createExecutor({ schema, manifest: options.manifest, code, dataSources, defaultAuthMode, apiCache: apiCache ?? undefined });
  const authorize = createCognitoVerifier(options.cognito);
  const server = createGraphQLServer({
    authorize,
    execute: executor.execute,
    route: (request, response) => {
      // AppSync's control-plane FlushApiCache (DELETE /v1/apis/{apiId}/FlushCache), for data written
      // around the API (a backfill, a test's fixtures).
      if (apiCache && request.method === "DELETE" && /^\/v1\/apis\/[^/]+\/FlushCache$/.test((request.url ?? "").split("?")[0]!)) {
        apiCache.flush();
        response.writeHead(200, { "content-type": "application/json" });
        response.end("{}");
        return true;
      }
      return options.route?.(request, response) ?? false;
    },
    onError: (error) => console.error("[appsync] internal error", error),
  });

  return {
    server,
    listen: (port, host) => listen(server, port, host),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
    reload(changedFiles) {
      const reloaded = { resolvers: code.reload(changedFiles), handlers: handlers.invalidate(changedFiles) };
      // Answers cached from the old code would hide the change being tried.
      if (reloaded.resolvers.length > 0 || reloaded.handlers.length > 0) apiCache?.flush();
      return reloaded;
    },
    execute: executor.execute,
    apiCache,
  };
}
