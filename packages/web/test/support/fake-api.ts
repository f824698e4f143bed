// A GraphQL endpoint in a function: answers by operation name, records what was asked.
import { vi } from "vitest";

export type Answer = { status?: number; body: unknown } | { data: unknown } | { errors: unknown[] };
export type Handler = (variables: Record<string, unknown>, request: { authorization: string | null; query: string }) => Answer | Promise<Answer>;

export function fakeGraphQL(handlers: Record<string, Handler>) {
  const calls: Array<{ operationName: string; variables: Record<string, unknown>; authorization: string | null }> = [];
  const fetch = vi.fn(async (_input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const body = JSON.parse(String(init?.body ?? "{}")) as { operationName?: string; query?: string; variables?: Record<string, unknown> };
    const operationName = body.operationName ?? /(?:query|mutation)\s+(\w+)/.exec(body.query ?? "")?.[1] ?? "";
    const authorization = new Headers(init?.headers).get("authorization");
    calls.push({ operationName, variables: body.variables ?? {}, authorization });
    const handler = handlers[operationName];
    if (!handler) return json(200, { data: null, errors: [{ message: `No fake for ${operationName}` }] });
    const answer = await handler(body.variables ?? {}, { authorization, query: body.query ?? "" });
    if ("body" in answer) return json(answer.status ?? 200, answer.body);
    return json(200, answer);
  });
  return { fetch, calls };
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
}

export const title = (id: string, name = id, genres: string[] = ["Drama"]) => ({
  __typename: "Title",
  id,
  name,
  year: 1999,
  genres,
  maturity: "THIRTEEN_PLUS",
});

export const profile = (id: string, name: string, extra: Record<string, unknown> = {}) => ({
  __typename: "Profile",
  id,
  name,
  avatar: "fox",
  maturity: "ADULT",
  language: "en",
  hasPin: false,
  ...extra,
});
