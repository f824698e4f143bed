// `util.http`. No HTTP data source runs offline, but copying request headers is plain data work and
// response headers are recorded for the server to send (see invocation-records.ts). Restrictions
// are the ones the AppSync docs list for util.http.
import type { Util } from "@aws-appsync/utils";
import { currentInvocation } from "../invocation.ts";
import { currentRecords } from "./invocation-records.ts";

const NOT_COPIED_HEADERS = new Set([
  "transfer-encoding",
  "connection",
  "host",
  "expect",
  "keep-alive",
  "upgrade",
  "proxy-authenticate",
  "proxy-authorization",
  "te",
  "content-length",
]);
const NOT_SETTABLE_HEADERS = new Set([
  ...NOT_COPIED_HEADERS,
  "access-control-allow-credentials",
  "access-control-allow-origin",
  "access-control-expose-headers",
  "access-control-max-age",
  "access-control-allow-methods",
  "access-control-allow-headers",
  "vary",
  "content-type",
]);
const RESTRICTED_PREFIXES = ["x-amzn-", "x-amz-"];
const MAX_RESPONSE_HEADERS_BYTES = 4096;

function rejectionReason(name: string, value: unknown, headers: Record<string, unknown>): string | undefined {
  const lower = name.toLowerCase();
  if (name === "") return "an empty name";
  if (value === null || value === undefined) return "a null value";
  if (NOT_SETTABLE_HEADERS.has(lower) || RESTRICTED_PREFIXES.some((prefix) => lower.startsWith(prefix))) return "a restricted name";
  const size = Object.entries({ ...headers, [name]: value }).reduce((total, [key, text]) => total + key.length + String(text).length, 0);
  if (size > MAX_RESPONSE_HEADERS_BYTES) return "more than 4 KB of custom response headers";
  return undefined;
}

// AWS ignores a header it cannot set and reports a ResponseHeaderError with the field
function addResponseHeader(name: string, value: unknown): void {
  const headers = currentRecords().responseHeaders;
  const reason = rejectionReason(String(name), value, headers);
  if (reason) {
    currentInvocation().appendedErrors.push({ message: `Response header "${name}" was ignored: ${reason}`, errorType: "ResponseHeaderError" });
    return;
  }
  headers[name] = value;
}

export const http: Util["http"] = {
  copyHeaders: (headers) => Object.fromEntries(Object.entries(headers ?? {}).filter(([name]) => !NOT_COPIED_HEADERS.has(name.toLowerCase()))),
  addResponseHeader,
  addResponseHeaders: (headers) => {
    for (const [name, value] of Object.entries(headers)) addResponseHeader(name, value);
  },
};
