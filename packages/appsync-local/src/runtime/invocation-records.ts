// What a resolver asks for beyond its return value that `InvocationState` has no slot for:
// response headers (util.http) and API cache evictions (extensions). Kept per invocation state so
// the executor can read them after the handler returns.
import { currentInvocation, type InvocationState } from "../invocation.ts";

export type ApiCacheEviction = { typeName: string; fieldName: string; keys: Record<string, unknown> };

type InvocationRecords = { responseHeaders: Record<string, unknown>; apiCacheEvictions: ApiCacheEviction[] };

const recordsByInvocation = new WeakMap<InvocationState, InvocationRecords>();

function recordsOf(state: InvocationState): InvocationRecords {
  let records = recordsByInvocation.get(state);
  if (!records) {
    records = { responseHeaders: {}, apiCacheEvictions: [] };
    recordsByInvocation.set(state, records);
  }
  return records;
}

export function currentRecords(): InvocationRecords {
  return recordsOf(currentInvocation());
}

/** Headers set with util.http.addResponseHeader(s) during `state`'s handler calls (last value wins). */
export function responseHeadersOf(state: InvocationState): Record<string, unknown> {
  return recordsOf(state).responseHeaders;
}

/** extensions.evictFromApiCache calls made during `state`'s handler calls (the executor applies them). */
export function apiCacheEvictionsOf(state: InvocationState): ApiCacheEviction[] {
  return recordsOf(state).apiCacheEvictions;
}
