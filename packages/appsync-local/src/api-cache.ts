// AppSync's server-side cache, per-resolver caching behaviour: a resolver with a caching config answers
// from the cache while an entry for its caching keys lives (its TTL), without running its code or its
// data source. Keys come from `$context.arguments`, `$context.source` and `$context.identity`; an
// entry is evicted by its TTL, by a mutation resolver's `extensions.evictFromApiCache(typeName,
// fieldName, { "context.source.genre": ... })` naming the same keys in the same order, or by a flush
// (AppSync's FlushApiCache). Like AppSync, a resolver that fails is not cached. The settings themselves
// (TTL, keys) are the contract's to check: the runtime validates its manifest when it is created.
import type { ResolverCaching } from "@marquee/appsync-contract";

export type ApiCache = {
  /** Off: every resolver runs (the benchmark compares both; AppSync without an API cache). */
  enabled: boolean;
  /** The cached value for `field` under `ctx`, or `miss`. */
  lookup(field: string, caching: ResolverCaching, ctx: CachingContext): { hit: true; value: unknown } | { hit: false; key: string };
  store(key: string, caching: ResolverCaching, value: unknown): void;
  /**
   * extensions.evictFromApiCache(typeName, fieldName, keys) for the resolver of `field` with `caching`:
   * `keys` names its caching keys without the `$` ("context.source.genre"), in the same order.
   */
  evict(field: string, caching: ResolverCaching, keys: Record<string, unknown>): boolean;
  flush(): void;
  readonly stats: { hits: number; misses: number; evictions: number; entries: number };
};

export type CachingContext = { arguments: unknown; source: unknown; identity: unknown };

export type ApiCacheOptions = {
  /** At most this many entries (the cache instance's memory, offline); the oldest go first. */
  maxEntries?: number;
  now?: () => number;
};

export function createApiCache(options: ApiCacheOptions = {}): ApiCache {
  const maxEntries = options.maxEntries ?? 10_000;
  const now = options.now ?? Date.now;
  const entries = new Map<string, { value: unknown; expiresAt: number }>();
  const stats = { hits: 0, misses: 0, evictions: 0, entries: 0 };

  const keyOf = (field: string, values: unknown[]) => `${field}\u0000${JSON.stringify(values)}`;

  return {
    enabled: true,
    lookup(field, caching, ctx) {
      const key = keyOf(field, caching.keys.map((path) => valueAt(ctx, path)));
      const entry = entries.get(key);
      if (entry && entry.expiresAt > now()) {
        stats.hits += 1;
        return { hit: true, value: entry.value };
      }
      if (entry) entries.delete(key);
      stats.misses += 1;
      return { hit: false, key };
    },
    store(key, caching, value) {
      entries.delete(key);
      if (entries.size >= maxEntries) entries.delete(entries.keys().next().value as string);
      entries.set(key, { value, expiresAt: now() + caching.ttlSeconds * 1000 });
      stats.entries = entries.size;
    },
    evict(field, caching, keys) {
      const named = Object.keys(keys);
      // A map that does not name the resolver's keys in its order matches no entry (as on AppSync).
      if (named.length !== caching.keys.length || caching.keys.some((key, index) => key !== `$${named[index]}`)) return false;
      const removed = entries.delete(keyOf(field, Object.values(keys)));
      if (removed) stats.evictions += 1;
      stats.entries = entries.size;
      return removed;
    },
    flush() {
      entries.clear();
      stats.entries = 0;
    },
    stats,
  };
}

/** `$context.source.genre` in `ctx`; a missing value is part of the key as null. */
function valueAt(ctx: CachingContext, path: string): unknown {
  const [, root, ...rest] = path.split(".");
  let value: unknown = (ctx as Record<string, unknown>)[root!];
  for (const name of rest) {
    if (value === null || typeof value !== "object") return null;
    value = (value as Record<string, unknown>)[name];
  }
  return value ?? null;
}
