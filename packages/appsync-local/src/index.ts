// @marquee/appsync-local: an AppSync-compatible GraphQL runtime. Give it a schema (AppSync dialect), a
// resolver manifest (@marquee/appsync-contract) and the engines its data sources use; it serves
// AppSync's HTTP GraphQL endpoint and runs the manifest's APPSYNC_JS code and Lambda handlers.
export { createAppSyncRuntime, type AppSyncRuntime, type AppSyncRuntimeOptions } from "./runtime-server.ts";
export type { ApiCache, ApiCacheOptions } from "./api-cache.ts";
export type { ApiKey } from "./auth/api-key.ts";
export type { CognitoPoolConfig, AppSyncCognitoIdentity } from "./auth/cognito.ts";
export type { AuthMode, CallerAuth } from "./auth/rules.ts";
export type { AppSyncResponseBody } from "./errors.ts";
export type { GraphQLRequest } from "./executor.ts";
export { defaultRequestLimits, type RequestLimits } from "./limits/options.ts";
