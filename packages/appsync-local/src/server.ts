// AppSync's HTTP surface on node:http: POST and GET /graphql, AppSync's 400/401 bodies, CORS for the
// web client, and one JSON answer per request. A failure inside never takes the server down.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { RequestAuthorizer } from "./auth/modes.ts";
import type { CallerAuth } from "./auth/rules.ts";
import { HttpError } from "./errors.ts";
import type { GraphQLRequest } from "./executor.ts";
import type { AppSyncResponseBody } from "./errors.ts";

export const maxRequestBodyBytes = 1024 * 1024;

export type GraphQLServerOptions = {
  /** Authorizes a request from its Authorization or x-api-key header; throws an HttpError (401) when it cannot. */
  authorize: RequestAuthorizer;
  /** Fills `responseHeaders` with the headers resolvers set (util.http.addResponseHeader). */
  execute: (
    request: GraphQLRequest,
    caller: CallerAuth,
    headers: Record<string, string>,
    responseHeaders: Record<string, string>,
  ) => Promise<AppSyncResponseBody>;
  /** Extra routes (the IDE page, say): return true when handled. */
  route?: (request: IncomingMessage, response: ServerResponse) => boolean;
  onError?: (error: unknown) => void;
};

const malformed = (message: string) => new HttpError(400, "MalformedHttpRequestException", message);

export function createGraphQLServer(options: GraphQLServerOptions): Server {
  return createServer((request, response) => {
    handle(options, request, response).catch((error: unknown) => {
      options.onError?.(error);
      if (!response.headersSent) send(response, 500, { errors: [{ errorType: "InternalFailure", message: "An internal failure occurred." }] });
      else response.end();
    });
  });
}

async function handle(options: GraphQLServerOptions, request: IncomingMessage, response: ServerResponse) {
  const url = new URL(request.url ?? "/", "http://localhost");
  if (request.method === "OPTIONS") {
    response.writeHead(204, corsHeaders());
    response.end();
    return;
  }
  if (url.pathname !== "/graphql") {
    if (options.route?.(request, response)) return;
    send(response, 404, { errors: [{ errorType: "NotFoundException", message: `No route for ${request.method} ${url.pathname}: the GraphQL endpoint is /graphql.` }] });
    return;
  }
  try {
    const graphqlRequest = request.method === "GET" ? fromQueryString(url) : request.method === "POST" ? await fromBody(request) : null;
    if (!graphqlRequest) throw new HttpError(405, "MethodNotAllowedException", `Method ${request.method} is not allowed: use POST or GET.`);
    const caller = await options.authorize({ authorization: header(request, "authorization"), apiKey: header(request, "x-api-key") }, sourceIp(request));
    const responseHeaders: Record<string, string> = {};
    const body = await options.execute(graphqlRequest, caller, headersOf(request), responseHeaders);
    send(response, 200, body, responseHeaders);
  } catch (error) {
    if (error instanceof HttpError) send(response, error.status, error.body());
    else throw error;
  }
}

function fromQueryString(url: URL): GraphQLRequest {
  const query = url.searchParams.get("query");
  if (!query) throw malformed("Unable to parse GraphQL query.");
  const variables = url.searchParams.get("variables");
  return { query, variables: variables ? parseVariables(variables) : null, operationName: url.searchParams.get("operationName") };
}

function parseVariables(text: string): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
  } catch {
    // fall through
  }
  throw malformed("Unable to parse GraphQL query.");
}

async function fromBody(request: IncomingMessage): Promise<GraphQLRequest> {
  const declared = Number(request.headers["content-length"] ?? 0);
  if (declared > maxRequestBodyBytes) {
    request.resume();
    throw tooLarge();
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > maxRequestBodyBytes) {
      request.resume();
      throw tooLarge();
    }
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString("utf8");
  if (text.trim() === "") throw malformed("Request body is empty.");
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw malformed("Unable to parse GraphQL query.");
  }
  if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) throw malformed("Unable to parse GraphQL query.");
  const { query, variables, operationName } = parsed as Record<string, unknown>;
  if (typeof query !== "string" || query.trim() === "") throw malformed("Unable to parse GraphQL query.");
  if (variables !== undefined && variables !== null && (typeof variables !== "object" || Array.isArray(variables))) {
    throw malformed("Unable to parse GraphQL query.");
  }
  if (operationName !== undefined && operationName !== null && typeof operationName !== "string") throw malformed("Unable to parse GraphQL query.");
  return { query, variables: (variables as Record<string, unknown> | null | undefined) ?? null, operationName: (operationName as string | null | undefined) ?? null };
}

function tooLarge() {
  return new HttpError(413, "PayloadTooLargeException", `Request body exceeds the maximum size of ${maxRequestBodyBytes} bytes.`);
}

function header(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function headersOf(request: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(",") : value;
  }
  return headers;
}

function sourceIp(request: IncomingMessage): string {
  return (request.socket.remoteAddress ?? "127.0.0.1").replace(/^::ffff:/, "");
}

function corsHeaders(): Record<string, string> {
  return {
    "access-control-allow-origin": "*",
    "access-control-allow-headers": "authorization, content-type, x-api-key",
    "access-control-allow-methods": "GET, POST, OPTIONS",
    "access-control-max-age": "86400",
  };
}

function send(response: ServerResponse, status: number, body: unknown, extraHeaders: Record<string, string> = {}) {
  const payload = JSON.stringify(body);
  response.writeHead(status, {
    ...extraHeaders,
    "content-type": "application/json; charset=UTF-8",
    "content-length": Buffer.byteLength(payload),
    ...corsHeaders(),
  });
  response.end(payload);
}

export async function listen(server: Server, port: number, host = "127.0.0.1"): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  return (server.address() as AddressInfo).port;
}
