// Per-resolver caching as AppSync's API cache does it: a cached resolver answers from the cache for its
// keys until the TTL, a failure is never cached, a mutation resolver's extensions.evictFromApiCache
// evicts the entry naming the same keys in the same order, and the manifest's caching settings are
// checked. The executor runs with plain handlers and a counting data source: no engine needed.
import { describe, expect, it } from "vitest";
import { createApiCache, type ApiCache } from "../../src/api-cache.ts";
import type { CallerAuth } from "../../src/auth/rules.ts";
import type { ResolverCode } from "../../src/code.ts";
import type { DataSource } from "../../src/datasource.ts";
import { createExecutor } from "../../src/executor.ts";
import type { ResolverManifest } from "@marquee/appsync-contract";
import { extensions, util } from "../../src/runtime/index.ts";
import { buildAppSyncSchema } from "../../src/schema/build.ts";

const schemaSdl = /* GraphQL */ `
  type Row {
    genre: String!
    maturity: String!
    titles: [String!]!
  }
  type Query {
    row(genre: String!, maturity: String!): Row
    mine: String
  }
  type Mutation {
    renameTitle(genre: String!, maturity: String!): Boolean
    evictInWrongOrder(genre: String!, maturity: String!): Boolean
  }
  schema {
    query: Query
    mutation: Mutation
  }
`;

const ttlSeconds = 300;

/** A mutation whose response handler evicts Row.titles under the keys `keysOf` names. */
function evicting(keysOf: (args: Record<string, string>) => Record<string, string>): ResolverCode {
  return {
    request: () => ({}),
    response: (ctx) => {
      extensions.evictFromApiCache("Row", "titles", keysOf((ctx as { args: Record<string, string> }).args));
      return true;
    },
  };
}

function fixture(options: { fail?: () => boolean; cache?: ApiCache } = {}) {
  const calls: string[] = [];
  const rows: DataSource = {
    type: "none",
    async invoke({ request }) {
      const { genre, maturity } = request as { genre: string; maturity: string };
      calls.push(`${genre}/${maturity}`);
      if (options.fail?.()) return { ok: false, error: { message: "throttled", type: "DynamoDB:ProvisionedThroughputExceededException" } };
      return { ok: true, result: [`${genre} ${maturity} #${calls.length}`] };
    },
  };
  const none: DataSource = { type: "none", invoke: async () => ({ ok: true, result: true }) };
  const code: Record<string, ResolverCode> = {
    row: { request: (ctx) => ({ genre: (ctx as { args: Record<string, string> }).args.genre, maturity: (ctx as { args: Record<string, string> }).args.maturity }) },
    rowTitles: {
      request: (ctx) => (ctx as { source: unknown }).source,
      response: (ctx) => {
        const c = ctx as { error?: { message: string; type: string }; result: unknown };
        if (c.error) util.error(c.error.message, c.error.type);
        return c.result;
      },
    },
    mine: { request: () => ({ genre: "mine", maturity: "-" }), response: (ctx) => String((ctx as { result: string[] }).result[0]) },
    renameTitle: evicting((args) => ({ "context.source.genre": args.genre, "context.source.maturity": args.maturity })),
    evictInWrongOrder: evicting((args) => ({ "context.source.maturity": args.maturity, "context.source.genre": args.genre })),
  };
  const manifest: ResolverManifest = {
    dataSources: { rows: { type: "none" }, none: { type: "none" } },
    functions: {},
    resolvers: [
      { field: "Query.row", kind: "unit", dataSource: "none", code: "row" },
      { field: "Row.titles", kind: "unit", dataSource: "rows", code: "rowTitles", caching: { ttlSeconds, keys: ["$context.source.genre", "$context.source.maturity"] } },
      { field: "Query.mine", kind: "unit", dataSource: "rows", code: "mine", caching: { ttlSeconds, keys: ["$context.identity.sub"] } },
      { field: "Mutation.renameTitle", kind: "unit", dataSource: "none", code: "renameTitle" },
      { field: "Mutation.evictInWrongOrder", kind: "unit", dataSource: "none", code: "evictInWrongOrder" },
    ],
  };
  // Query.row's NONE data source hands its request (genre, maturity) to Row as the source.
  const passThrough: DataSource = { type: "none", invoke: async ({ request }) => ({ ok: true, result: request }) };
  let clock = 1_000_000;
  const cache = options.cache ?? createApiCache({ now: () => clock });
  const executor = createExecutor({
    schema: buildAppSyncSchema(schemaSdl),
    manifest,
    code: { get: (entry) => code[entry]! },
    dataSources: { rows, none: passThrough },
    defaultAuthMode: "AMAZON_COGNITO_USER_POOLS",
    apiCache: cache,
  });
  const caller = (sub: string): CallerAuth => ({ mode: "AMAZON_COGNITO_USER_POOLS", identity: { sub, username: sub, groups: null }, groups: [] });
  const run = async (query: string, variables: Record<string, unknown> = {}, sub = "viewer-1") => executor.execute({ query, variables }, caller(sub));
  const row = async (genre: string, maturity: string, sub = "viewer-1") => {
    const body = await run("query($g: String!, $m: String!) { row(genre: $g, maturity: $m) { titles } }", { g: genre, m: maturity }, sub);
    return body.errors ? { errors: body.errors } : (body.data as { row: { titles: string[] } }).row.titles;
  };
  const mutate = (field: string, genre: string, maturity: string) =>
    run(`mutation($g: String!, $m: String!) { ${field}(genre: $g, maturity: $m) }`, { g: genre, m: maturity });
  return { calls, cache, row, run, mutate, advance: (seconds: number) => (clock += seconds * 1000) };
}

describe("per-resolver caching", () => {
  it("answers from the cache for the same key values, for any caller, and runs the resolver for others", async () => {
    const api = fixture();
    const first = await api.row("Drama", "KIDS");
    expect(await api.row("Drama", "KIDS", "viewer-2")).toEqual(first);
    expect(api.calls).toEqual(["Drama/KIDS"]);
    await api.row("Drama", "ADULT");
    await api.row("Comedy", "KIDS");
    expect(api.calls).toEqual(["Drama/KIDS", "Drama/ADULT", "Comedy/KIDS"]);
    expect(api.cache.stats).toMatchObject({ hits: 1, misses: 3, entries: 3 });
  });

  it("keys on the caller's identity when told to: one caller never gets another's answer", async () => {
    const api = fixture();
    const mine = (sub: string) => api.run("{ mine }", {}, sub).then((body) => (body.data as { mine: string }).mine);
    const one = await mine("viewer-1");
    const two = await mine("viewer-2");
    expect(two).not.toBe(one);
    expect(await mine("viewer-1")).toBe(one);
    expect(api.calls).toHaveLength(2);
  });

  it("runs the resolver again once the TTL has passed", async () => {
    const api = fixture();
    const first = await api.row("Drama", "KIDS");
    api.advance(ttlSeconds - 1);
    expect(await api.row("Drama", "KIDS")).toEqual(first);
    api.advance(1);
    expect(await api.row("Drama", "KIDS")).not.toEqual(first);
    expect(api.calls).toHaveLength(2);
  });

  it("never caches a failure: the next request runs the resolver", async () => {
    let failing = true;
    const api = fixture({ fail: () => failing });
    const failed = await api.row("Drama", "KIDS");
    expect(failed).toMatchObject({ errors: [{ errorType: "DynamoDB:ProvisionedThroughputExceededException", message: "throttled" }] });
    failing = false;
    expect(await api.row("Drama", "KIDS")).toEqual(["Drama KIDS #2"]);
    expect(await api.row("Drama", "KIDS")).toEqual(["Drama KIDS #2"]);
    expect(api.calls).toHaveLength(2);
  });

  it("evicts the entry a mutation names with the same keys in the same order, and only that one", async () => {
    const api = fixture();
    await api.row("Drama", "KIDS");
    await api.row("Drama", "ADULT");
    expect((await api.mutate("renameTitle", "Drama", "KIDS")).errors).toBeUndefined();
    await api.row("Drama", "KIDS");
    await api.row("Drama", "ADULT");
    expect(api.calls).toEqual(["Drama/KIDS", "Drama/ADULT", "Drama/KIDS"]);
    expect(api.cache.stats.evictions).toBe(1);
  });

  it("evicts nothing when the keys are named in another order", async () => {
    const api = fixture();
    await api.row("Drama", "KIDS");
    await api.mutate("evictInWrongOrder", "Drama", "KIDS");
    await api.row("Drama", "KIDS");
    expect(api.calls).toEqual(["Drama/KIDS"]);
  });

  it("runs every resolver when the cache is off, and starts empty after a flush", async () => {
    const api = fixture();
    await api.row("Drama", "KIDS");
    api.cache.flush();
    await api.row("Drama", "KIDS");
    api.cache.enabled = false;
    await api.row("Drama", "KIDS");
    await api.row("Drama", "KIDS");
    expect(api.calls).toHaveLength(4);
  });
});
