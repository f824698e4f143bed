// The user pool's signing keys, fetched from its JWKS and kept: a pool that cannot be reached (cognito-local
// stopped or paused) must not fail requests whose keys are already known. A token naming a key id not in
// the set fetches it again (keys rotate), at most once per cooldown; still unknown, the token is refused.
import { createLocalJWKSet, errors as joseErrors, type JSONWebKeySet, type JWSHeaderParameters, type FlattenedJWSInput, type JWTVerifyGetKey } from "jose";

export type JwksOptions = {
  url: URL;
  /** How long a fetched set is used before it is fetched again, in the background. */
  maxAgeMs?: number;
  /** The shortest time between two fetches for unknown key ids. */
  cooldownMs?: number;
  /** One fetch's deadline (a paused pool accepts the connection and never answers). */
  timeoutMs?: number;
  /** Told when fetching starts failing (once per outage); the keys already known stay in use. */
  onUnreachable?: (error: unknown) => void;
};

type KeySet = { resolve: ReturnType<typeof createLocalJWKSet>; fetchedAt: number };

/** A key resolver for jose's jwtVerify; a key it cannot find is jose's JWKSNoMatchingKey, never a network error. */
export function createJwksKeyResolver(options: JwksOptions): JWTVerifyGetKey {
  const maxAgeMs = options.maxAgeMs ?? 10 * 60_000;
  const cooldownMs = options.cooldownMs ?? 1_000;
  const timeoutMs = options.timeoutMs ?? 3_000;
  let keys: KeySet | null = null;
  let fetching: Promise<void> | null = null;
  let lastFetchStartedAt = -Infinity;
  let unreachable = false;

  const fetchKeys = (): Promise<void> => {
    fetching ??= (async () => {
      lastFetchStartedAt = Date.now();
      try {
        const response = await fetch(options.url, { signal: AbortSignal.timeout(timeoutMs) });
        if (!response.ok) throw new Error(`${options.url} answered HTTP ${response.status}`);
        const set = (await response.json()) as JSONWebKeySet;
        keys = { resolve: createLocalJWKSet(set), fetchedAt: Date.now() };
        unreachable = false;
      } catch (error) {
        if (!unreachable) options.onUnreachable?.(error);
        unreachable = true;
      } finally {
        fetching = null;
      }
    })();
    return fetching;
  };

  return async (header: JWSHeaderParameters, token: FlattenedJWSInput) => {
    if (!keys) await fetchKeys();
    else if (Date.now() - keys.fetchedAt > maxAgeMs) void fetchKeys();
    try {
      if (keys) return await keys.resolve(header, token);
    } catch (error) {
      if (!(error instanceof joseErrors.JWKSNoMatchingKey)) throw error;
    }
    if (Date.now() - lastFetchStartedAt >= cooldownMs || fetching) await (fetching ?? fetchKeys());
    if (!keys) throw new joseErrors.JWKSNoMatchingKey();
    return keys.resolve(header, token);
  };
}
