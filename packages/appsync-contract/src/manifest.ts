// The shape of a resolver manifest: the one declaration of how every GraphQL field is resolved.
// Marquee's own manifest (packages/functions/src/manifest.ts) satisfies this type; SST's infra/api.ts
// and this package's runtime both read it, so what deploys is what runs locally.

/** Where a resolver's data comes from. */
export type DataSourceDefinition =
  /**
   * A DynamoDB table. `table` is the logical table; default the app's table. Where each logical table
   * lives is the deployment's (or the local runtime's) to say.
   */
  | { type: "dynamodb"; table?: string }
  /** A Lambda function; `handler` is a repo-root path with the export after the last dot: "packages/functions/src/x.handler". */
  | { type: "lambda"; handler: string; timeoutSeconds?: number; memoryMb?: number }
  /** An HTTP endpoint ("https://api.example.com"): requests name a method and a path under it. */
  | { type: "http"; endpoint: string }
  /** No data source: the request's payload is passed straight to the response. */
  | { type: "none" };

/** An AppSync pipeline function: APPSYNC_JS code (a repo-root path to its TypeScript entry) on a data source. */
export type FunctionDefinition<DS extends string = string> = {
  dataSource: DS;
  code: string;
  /** Lambda data sources only: group sibling calls into one BatchInvoke of up to this many events. */
  maxBatchSize?: number;
};

/**
 * Per-resolver caching (AppSync's API cache, PER_RESOLVER_CACHING): the resolver's answer is kept for
 * `ttlSeconds` (1-3600) under the values of `keys`, entries of `$context.arguments`, `$context.source`
 * or `$context.identity` ("$context.source.genre"). Only for answers that are the same for everyone
 * with those key values: a cached resolver's code, authorization checks included, does not run on a hit.
 */
export type ResolverCaching = { ttlSeconds: number; keys: string[] };

export type UnitResolverDefinition<DS extends string = string> = {
  /** "Type.field", e.g. "Query.title". */
  field: string;
  kind: "unit";
  dataSource: DS;
  /** APPSYNC_JS entry (repo-root path). Omitted only for a direct Lambda resolver. */
  code?: string;
  maxBatchSize?: number;
  caching?: ResolverCaching;
};

export type PipelineResolverDefinition<FN extends string = string> = {
  field: string;
  kind: "pipeline";
  /** Pipeline function names, in order (at most 10). */
  functions: FN[];
  /** The before/after handlers (repo-root path). */
  code: string;
  caching?: ResolverCaching;
};

export type ResolverDefinition<DS extends string = string, FN extends string = string> =
  | UnitResolverDefinition<DS>
  | PipelineResolverDefinition<FN>;

export type ResolverManifest<DS extends string = string, FN extends string = string> = {
  dataSources: Record<DS, DataSourceDefinition>;
  functions: Record<FN, FunctionDefinition<DS>>;
  resolvers: ResolverDefinition<DS, FN>[];
};

/** Every APPSYNC_JS entry a manifest names (resolvers and pipeline functions), each once. */
export function codeEntries(manifest: ResolverManifest): string[] {
  const entries = new Set<string>();
  for (const resolver of manifest.resolvers) if (resolver.code) entries.add(resolver.code);
  for (const fn of Object.values(manifest.functions)) entries.add(fn.code);
  return [...entries];
}

/** Typed helper so a manifest keeps its literal data source / function names. */
export function defineManifest<DS extends string, FN extends string>(manifest: {
  dataSources: Record<DS, DataSourceDefinition>;
  functions: Record<FN, FunctionDefinition<NoInfer<DS>>>;
  resolvers: ResolverDefinition<NoInfer<DS>, NoInfer<FN>>[];
}): ResolverManifest<DS, FN> {
  return manifest;
}
