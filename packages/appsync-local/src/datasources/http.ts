// The HTTP data source: takes the request object of AppSync's HTTP resolver reference
// ({ method, resourcePath, params: { query, headers, body } }), sends it to the data source's endpoint
// and puts { statusCode, headers, body } in ctx.result. A status of 4xx or 5xx is a result, not an error:
// the response handler decides (as on AppSync). Only failing to reach the endpoint is ctx.error.
import type { DataSource, DataSourceOutcome } from "../datasource.ts";

export type HttpDataSourceOptions = {
  /** "https://api.example.com": the request's resourcePath is appended to it. */
  endpoint: string;
  /** A request still unanswered after this long fails (default 10 s). */
  timeoutMs?: number;
  /** Called once per HTTP request sent. */
  onRequest?: (method: string, url: string) => void;
};

export type HttpResult = { statusCode: number; headers: Record<string, string>; body: string };

const methods = new Set(["GET", "POST", "PUT", "PATCH", "DELETE"]);
const defaultTimeoutMs = 10_000;

class MappingTemplateError extends Error {}

export function createHttpDataSource(options: HttpDataSourceOptions): DataSource {
  const endpoint = options.endpoint.replace(/\/+$/, "");
  const timeoutMs = options.timeoutMs ?? defaultTimeoutMs;
  return {
    type: "http",
    async invoke({ request }): Promise<DataSourceOutcome> {
      let prepared: { method: string; url: string; init: RequestInit };
      try {
        prepared = readRequest(endpoint, request);
      } catch (error) {
        if (error instanceof MappingTemplateError) return { ok: false, error: { type: "MappingTemplate", message: error.message } };
        throw error;
      }
      options.onRequest?.(prepared.method, prepared.url);
      try {
        const response = await fetch(prepared.url, { ...prepared.init, signal: AbortSignal.timeout(timeoutMs), redirect: "manual" });
        const result: HttpResult = { statusCode: response.status, headers: headersOf(response.headers), body: await response.text() };
        return { ok: true, result };
      } catch (error) {
        const reason =
          error instanceof DOMException && error.name === "TimeoutError" ? `no answer within ${timeoutMs / 1000} s` : causeOf(error);
        return { ok: false, error: { type: "HttpException", message: `Unable to execute HTTP request: ${reason}` } };
      }
    },
  };
}

function readRequest(endpoint: string, request: unknown): { method: string; url: string; init: RequestInit } {
  if (!isObject(request)) throw new MappingTemplateError("The request must be an object with method and resourcePath.");
  const { method, resourcePath, params } = request;
  if (typeof method !== "string" || !methods.has(method)) throw new MappingTemplateError(`Unsupported method '${String(method)}': use one of ${[...methods].join(", ")}.`);
  if (typeof resourcePath !== "string" || !resourcePath.startsWith("/")) throw new MappingTemplateError("resourcePath must be a string starting with '/'.");
  if (params !== undefined && params !== null && !isObject(params)) throw new MappingTemplateError("params must be an object.");
  const { query, headers, body } = (params ?? {}) as Record<string, unknown>;

  const url = new URL(`${endpoint}${resourcePath}`);
  for (const [name, value] of Object.entries(stringMap(query, "params.query"))) url.searchParams.append(name, value);
  const init: RequestInit = { method, headers: stringMap(headers, "params.headers") };
  if (body !== undefined && body !== null) {
    if (method === "GET") throw new MappingTemplateError("A GET request cannot have a body.");
    init.body = typeof body === "string" ? body : JSON.stringify(body);
  }
  return { method, url: String(url), init };
}

/** A map of names to scalar values, sent as strings. */
function stringMap(value: unknown, where: string): Record<string, string> {
  if (value === undefined || value === null) return {};
  if (!isObject(value)) throw new MappingTemplateError(`${where} must be an object.`);
  const strings: Record<string, string> = {};
  for (const [name, item] of Object.entries(value)) {
    if (item === null || item === undefined) continue;
    if (typeof item === "object") throw new MappingTemplateError(`${where}.${name} must be a string, number or boolean.`);
    strings[name] = String(item);
  }
  return strings;
}

function headersOf(headers: Headers): Record<string, string> {
  const byName: Record<string, string> = {};
  headers.forEach((value, name) => {
    byName[name] = value;
  });
  return byName;
}

function causeOf(error: unknown): string {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  return cause instanceof Error ? cause.message : String(cause);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
