// API key authorization: the `x-api-key` header names one of the API's keys, which must not have
// expired. An API-key call has no identity (ctx.identity is null).
import { unauthorizedRequest } from "../errors.ts";
import type { CallerAuth } from "./rules.ts";

export type ApiKey = {
  /** The key's value, as clients send it in `x-api-key` ("da2-..."). */
  id: string;
  /** Seconds since the epoch after which the key is refused (AppSync's ApiKey.expires); omitted = never. */
  expires?: number;
};

export function createApiKeyVerifier(keys: readonly ApiKey[], now: () => number = Date.now) {
  const byId = new Map(keys.map((key) => [key.id, key]));
  return function verify(apiKey: string): CallerAuth {
    const key = byId.get(apiKey.trim());
    // An unknown key and an expired one get the same answer: the caller learns nothing about which keys exist.
    if (!key || (key.expires !== undefined && key.expires * 1000 <= now())) throw unauthorizedRequest.rejectedApiKey();
    return { mode: "API_KEY", identity: null, groups: [] };
  };
}
