// What one request may cost the runtime. AppSync's own settings keep AppSync's defaults; the others are
// this runtime's guards against documents that would exhaust its memory or its stack.

export type RequestLimits = {
  /**
   * AppSync's `queryDepthLimit`: a field nested deeper than this (the root fields are depth 1) answers
   * null with an error, which moves up to the nearest nullable field. 0 = no limit (AppSync's default).
   */
  queryDepthLimit: number;
  /**
   * AppSync's `resolverCountLimit`: resolvers invoked in one request past this many answer null with an
   * error (AppSync's default and maximum, 10,000).
   */
  resolverCountLimit: number;
  /** AppSync stops a request after 30 seconds; what has not finished by then is not waited for. */
  requestTimeoutMs: number;
  /** Root fields (aliases included) one operation may select; 0 = no limit (AppSync has none). */
  maxRootFields: number;
  /** Times one response name may be selected in one selection set (graphql-js compares each pair of them). */
  maxFieldRepeats: number;
  /** Parse budget: lexical tokens in one document (graphql-java's parser default, 15,000). */
  maxTokens: number;
  /** Nested selection sets, lists and input objects in one document (graphql-js parses them recursively). */
  maxNesting: number;
  /** Memory the cache of parsed and validated documents may hold, in bytes (see document-cache.ts). */
  documentCacheBytes: number;
};

export const defaultRequestLimits: RequestLimits = {
  queryDepthLimit: 0,
  resolverCountLimit: 10_000,
  requestTimeoutMs: 30_000,
  maxRootFields: 0,
  maxFieldRepeats: 20,
  maxTokens: 15_000,
  maxNesting: 100,
  documentCacheBytes: 32 * 1024 * 1024,
};

/** The runtime's limits: the defaults with the given ones in place, each checked. */
export function requestLimits(given: Partial<RequestLimits> = {}): RequestLimits {
  const limits = { ...defaultRequestLimits, ...given };
  for (const [name, value] of Object.entries(limits)) {
    if (!Number.isInteger(value) || value < 0) throw new Error(`Runtime limits: ${name} must be a whole number >= 0, got ${String(value)}`);
  }
  if (limits.queryDepthLimit > 75) throw new Error(`Runtime limits: queryDepthLimit is at most 75 on AppSync, got ${limits.queryDepthLimit}`);
  if (limits.resolverCountLimit < 1 || limits.resolverCountLimit > 10_000) {
    throw new Error(`Runtime limits: resolverCountLimit is 1 to 10,000 on AppSync, got ${limits.resolverCountLimit}`);
  }
  for (const name of ["requestTimeoutMs", "maxFieldRepeats", "maxTokens", "maxNesting"] as const) {
    if (limits[name] < 1) throw new Error(`Runtime limits: ${name} must be at least 1, got ${limits[name]}`);
  }
  return limits;
}
