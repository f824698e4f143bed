// What one request may cost (src/limits): each limit refusing the request that passes it, over HTTP,
// on the fixture API served with API keys as its default mode (no field here needs a user pool).
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAppSyncRuntime, type AppSyncRuntime } from "../../src/runtime-server.ts";
import { defaultRequestLimits, type RequestLimits } from "../../src/limits/options.ts";
import { fixtureManifest } from "./fixtures/manifest.ts";
import { fixturesDirectory, type GraphQLBody } from "./harness.ts";

const apiKey = "da2-limitsfixturekey0000000000";
const limits: Partial<RequestLimits> = {
  queryDepthLimit: 2,
  resolverCountLimit: 10,
  requestTimeoutMs: 1_000,
  maxRootFields: 10,
  documentCacheBytes: 8 * 1024 * 1024,
};

let runtime: AppSyncRuntime;
let url: string;
let buildDirectory: string;
// The DynamoDB data source is never called here: its client points nowhere.
const dynamodbClient = new DynamoDBClient({ endpoint: "http://127.0.0.1:9", region: "us-east-1", credentials: { accessKeyId: "x", secretAccessKey: "x" } });

beforeAll(async () => {
  buildDirectory = mkdtempSync(join(tmpdir(), "marquee-limits-"));
  runtime = createAppSyncRuntime({
    schemaSdl: readFileSync(join(fixturesDirectory, "schema.graphql"), "utf8"),
    manifest: fixtureManifest,
    repoRoot: fixturesDirectory,
    buildDirectory,
    // The schema's group directives need the user pool mode; no request here uses it.
    authorization: { defaultMode: "API_KEY", additionalModes: ["AMAZON_COGNITO_USER_POOLS"] },
    cognito: { issuer: "http://127.0.0.1:9/unused_pool", clientIds: [] },
    apiKeys: [{ id: apiKey }],
    dynamodb: { client: dynamodbClient, tableName: "unused", nextTokenKey: randomBytes(32) },
    region: "us-east-1",
    limits,
  });
  url = `http://127.0.0.1:${await runtime.listen(0)}/graphql`;
});

afterAll(async () => {
  await runtime?.close();
  dynamodbClient.destroy();
  if (buildDirectory) rmSync(buildDirectory, { recursive: true, force: true });
});

async function graphql(query: string, extra: { variables?: Record<string, unknown>; operationName?: string } = {}): Promise<{ status: number; body: GraphQLBody }> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", "x-api-key": apiKey },
    body: JSON.stringify({ query, ...extra }),
  });
  return { status: response.status, body: (await response.json()) as GraphQLBody };
}

const messages = (body: GraphQLBody) => (body.errors ?? []).map((error) => error.message);

describe("root fields (maxRootFields)", () => {
  it("refuses 1,000 aliases of one field before anything runs, naming the count and the limit", async () => {
    const aliases = Array.from({ length: 1000 }, (_, index) => `a${index}: hello`).join(" ");
    const { status, body } = await graphql(`query Many { ${aliases} }`);
    expect(status).toBe(200);
    expect(body.data).toBeNull();
    expect(body.errors).toEqual([
      {
        path: null,
        locations: [{ line: 1, column: 1, sourceName: null }],
        message: "Validation error of type RootFieldLimitExceeded: Operation Many selects 1000 root fields (aliases included); at most 10 are allowed",
      },
    ]);
  });

  it("counts the root fields of fragments spread at the root", async () => {
    const { body } = await graphql(`{ ...Six ...Six } fragment Six on Query { a: hello b: hello c: hello d: hello e: hello f: hello }`);
    expect(messages(body)).toEqual([expect.stringContaining("selects 12 root fields")]);
  });

  it("runs an operation at the limit", async () => {
    const aliases = Array.from({ length: 10 }, (_, index) => `a${index}: hello`).join(" ");
    const { body } = await graphql(`{ ${aliases} }`);
    expect(body.errors).toBeUndefined();
    expect(Object.keys(body.data ?? {})).toHaveLength(10);
  });
});

describe("repeated fields (maxFieldRepeats)", () => {
  it("refuses ~600 selections of one field with a clear error, not graphql-js's 'Validation aborted.'", async () => {
    const repeated = Array.from({ length: 600 }, () => "nested { name }").join(" ");
    const { body } = await graphql(`{ selection { ${repeated} } }`);
    expect(body.data).toBeNull();
    expect(messages(body)).toEqual([
      `Validation error of type FieldRepeatLimitExceeded: 'nested' is selected 600 times in one selection set; at most ${defaultRequestLimits.maxFieldRepeats} are allowed @ 'selection'`,
    ]);
  });

  it("refuses 600 conflicting root selections the same way (the root-field limit aside)", async () => {
    const repeated = Array.from({ length: 600 }, (_, index) => `echo(text: "${index}")`).join(" ");
    const { body } = await graphql(`{ ${repeated} }`);
    expect(messages(body)).toContain(
      `Validation error of type FieldRepeatLimitExceeded: 'echo' is selected 600 times in one selection set; at most ${defaultRequestLimits.maxFieldRepeats} are allowed`,
    );
    expect(messages(body).join("\n")).not.toContain("Validation aborted");
  });
});

describe("graphql-js giving up on validation", () => {
  it("words 'Validation aborted.' (600 distinct fragments in one selection set) as a validation error that says why", async () => {
    const spreads = Array.from({ length: 600 }, (_, index) => `...F${index}`).join(" ");
    const fragments = Array.from({ length: 600 }, (_, index) => `fragment F${index} on Selection { name nested { name } }`).join(" ");
    const { body } = await graphql(`{ selection { ${spreads} } } ${fragments}`);
    expect(body.data).toBeNull();
    expect(body.errors).toEqual([
      {
        path: null,
        locations: null,
        message: "Validation error of type ValidationAborted: The document repeats fields or fragments too often to be validated; select each field once",
      },
    ]);
  });

  it("ends a list cut short at graphql-js's 100 errors with one saying so", async () => {
    const unknownFields = Array.from({ length: 120 }, (_, index) => `unknown${index}`).join(" ");
    const { body } = await graphql(`{ selection { ${unknownFields} } }`);
    expect(body.errors).toHaveLength(101);
    expect(body.errors!.at(-1)).toEqual({
      path: null,
      locations: null,
      message: "Validation error of type TooManyErrors: More than 100 validation errors; the rest were not looked for",
    });
  });
});

describe("nesting and the parse budget", () => {
  it("answers 5,000 levels of nested selections with a syntax error naming the limit, not a stack overflow", async () => {
    const query = `{ selection ${"{ nested ".repeat(5000)}{ name }${" }".repeat(5000)} }`;
    const { status, body } = await graphql(query);
    expect(status).toBe(200);
    expect(body.data).toBeNull();
    expect(body.errors).toHaveLength(1);
    expect(body.errors![0]!.message).toMatch(
      new RegExp(`^Invalid Syntax : More than ${defaultRequestLimits.maxNesting} levels of nested selection sets, lists and input objects have been presented\\. To prevent Denial Of Service attacks, parsing has been cancelled\\. offending token '\\{' at line 1 column \\d+$`),
    );
  });

  it("answers 5,000 nested lists in an argument the same way", async () => {
    const { body } = await graphql(`{ echo(text: ${"[".repeat(5000)}"x"${"]".repeat(5000)}) }`);
    expect(messages(body)).toEqual([expect.stringMatching(/^Invalid Syntax : More than \d+ levels of nested/)]);
  });

  it("stops parsing past the token budget, in graphql-java's words", async () => {
    const fields = Array.from({ length: defaultRequestLimits.maxTokens }, () => "hello").join(" ");
    const { body } = await graphql(`{ hello } fragment Big on Query { ${fields} }`);
    expect(body.data).toBeNull();
    expect(messages(body)).toEqual([
      expect.stringMatching(
        new RegExp(`^Invalid Syntax : More than ${defaultRequestLimits.maxTokens} parse tokens have been presented\\. To prevent Denial Of Service attacks, parsing has been cancelled\\. offending token 'hello' at line 1 column \\d+$`),
      ),
    ]);
  });
});

describe("query depth (AppSync's queryDepthLimit)", () => {
  it("answers a field deeper than the limit with null and a limit error, the rest of the query as usual", async () => {
    const { body } = await graphql("{ selection { name nested { name } } }");
    expect(body.data).toEqual({ selection: { name: "top", nested: { name: null } } });
    expect(body.errors).toEqual([
      {
        path: ["selection", "nested", "name"],
        data: null,
        errorType: "QueryDepthLimitReached",
        errorInfo: null,
        locations: [{ line: 1, column: 29, sourceName: null }],
        message: "Query depth limit of 2 reached.",
      },
    ]);
  });

  it("leaves a query within the limit alone", async () => {
    const { body } = await graphql("{ selection { name } team { name } }");
    expect(body).toEqual({ data: { selection: { name: "top" }, team: { name: "core" } } });
  });
});

describe("resolver count (AppSync's resolverCountLimit)", () => {
  // Each `parent { child }` runs two resolvers (Query.parent, then Parent.child).
  const parents = (count: number) => `{ ${Array.from({ length: count }, (_, index) => `p${index}: parent { child }`).join(" ")} }`;

  it("answers resolvers past the limit with null and AppSync's ResolverExecutionLimitReached", async () => {
    // 6 Query.parent, then 6 Parent.child: the 11th and 12th resolvers are over the limit of 10.
    const { body } = await graphql(parents(6));
    const children = Object.values(body.data ?? {}).map((parent) => (parent as { child: unknown }).child);
    expect(children.map((child) => child === null)).toEqual([false, false, false, false, true, true]);
    expect(body.errors?.map(({ path, errorType, message }) => ({ path, errorType, message }))).toEqual([
      { path: ["p4", "child"], errorType: "ResolverExecutionLimitReached", message: "Resolver invocation limit reached." },
      { path: ["p5", "child"], errorType: "ResolverExecutionLimitReached", message: "Resolver invocation limit reached." },
    ]);
  });

  it("counts per request", async () => {
    for (let request = 0; request < 3; request++) {
      const { body } = await graphql(parents(5));
      expect(body.errors).toBeUndefined();
    }
  });
});

describe("request timeout (AppSync's 30 s, here 1 s)", () => {
  it("answers a request still running at the deadline with AppSync's ExecutionTimeout", async () => {
    const { status, body } = await graphql(`{ slow(label: "long", ms: 5000) }`);
    expect(status).toBe(200);
    expect(body).toEqual({
      data: null,
      errors: [{ path: null, data: null, errorType: "ExecutionTimeout", errorInfo: null, locations: null, message: "Execution timed out." }],
    });
  });
});

describe("the document cache (documentCacheBytes)", () => {
  it("stays within its byte bound under distinct ~540 KB documents, and still serves what it keeps", async () => {
    const bound = limits.documentCacheBytes!;
    let largest = 0;
    // One small operation beside a huge unused one, a new one each time (the attack's documents).
    for (let index = 0; index < 40; index++) {
      const padding = `${index}-`.padEnd(540 * 1024, "x");
      const { body } = await graphql(`query Used { hello } query Unused { echo(text: "${padding}") }`, { operationName: "Used" });
      expect(body.errors).toBeUndefined();
      const { bytes, maxBytes } = runtime.documentCache();
      expect(maxBytes).toBe(bound);
      expect(bytes).toBeLessThanOrEqual(bound);
      largest = Math.max(largest, bytes);
    }
    const { entries } = runtime.documentCache();
    // Forty documents of over 2 MB each as counted: a few fit, the rest were evicted.
    expect(entries).toBeGreaterThan(0);
    expect(entries).toBeLessThan(40);
    expect(largest).toBeGreaterThan(bound / 2);
    const { body } = await graphql("{ hello }");
    expect(body.errors).toBeUndefined();
  });

  it("keeps no document larger than the whole bound", async () => {
    const before = runtime.documentCache();
    const { body } = await graphql(`{ hello echo(text: "${"y".repeat(900 * 1024)}") }`);
    expect(body.errors).toBeUndefined();
    const after = runtime.documentCache();
    expect(after.bytes).toBeLessThanOrEqual(after.maxBytes);
    expect(after.entries).toBeLessThanOrEqual(before.entries);
  });
});
