// Lambda data sources (Invoke, Event, direct resolvers, BatchInvoke, failures), handlers as other tools
// write them and each function's own environment and module state, live reload of handlers and
// resolvers, and execution order (mutations serial, query fields parallel), over HTTP.
import { decodeJwt } from "jose";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bookBatchSize, reviewBatchSize } from "./fixtures/manifest.ts";
import { resolveHandler } from "../../src/handler-registry.ts";
import { at, fixtureLambdaEnvironment, startRuntimeHarness, type RuntimeHarness } from "./harness.ts";

let harness: RuntimeHarness;

beforeAll(async () => {
  harness = await startRuntimeHarness();
}, 120_000);

afterAll(async () => {
  await harness?.stop();
});

/** Lambda invocations of one data source made while `run` ran: the number of events of each. */
async function invocationsDuring(dataSource: string, run: () => Promise<unknown>): Promise<number[]> {
  const from = harness.lambdaInvocations.length;
  await run();
  return harness.lambdaInvocations.slice(from).flatMap((call) => (call.dataSource === dataSource ? [call.events] : []));
}

describe("Lambda data sources", () => {
  it("Invoke: the request handler's payload is the event, the function's answer is ctx.result", async () => {
    let answer: Awaited<ReturnType<RuntimeHarness["graphql"]>> | undefined;
    const calls = await invocationsDuring("echoFunction", async () => {
      answer = await harness.graphql('{ lambdaEcho(message: "hi") }');
    });
    expect(calls).toStrictEqual([1]);
    expect(JSON.parse(answer!.body.data!.lambdaEcho as string)).toStrictEqual({
      received: { message: "hi", sub: decodeJwt(harness.idTokens.viewer).sub },
    });
  });

  it('invocationType "Event": ctx.result is null at once while the function still runs', async () => {
    const functionMs = 3000; // far longer than the answer may take, even on a loaded machine
    const started = Date.now();
    let answer: Awaited<ReturnType<RuntimeHarness["graphql"]>> | undefined;
    const calls = await invocationsDuring("timerFunction", async () => {
      answer = await harness.graphql(`{ lambdaEvent(ms: ${functionMs}) }`);
    });
    expect(Date.now() - started).toBeLessThan(functionMs);
    expect(answer!.body).toStrictEqual({ data: { lambdaEvent: '{"result":null}' } });
    expect(calls).toStrictEqual([1]);
  });

  it("a direct resolver (no code) sends the whole context as the event and returns the function's answer", async () => {
    const answer = await harness.graphql("query Direct($m: String) { direct(message: $m) }", { m: "x" }, { headers: { "x-probe": "direct" } });
    const event = JSON.parse(answer.body.data!.direct as string) as Record<string, Record<string, unknown> | null>;
    expect(Object.keys(event).sort()).toStrictEqual(["arguments", "identity", "info", "prev", "request", "source", "stash"]);
    expect(event.arguments).toStrictEqual({ message: "x" });
    expect(event.identity).toMatchObject({ sub: decodeJwt(harness.idTokens.viewer).sub, defaultAuthStrategy: "ALLOW" });
    expect(event.info).toStrictEqual({ fieldName: "direct", parentTypeName: "Query", variables: { m: "x" }, selectionSetList: [], selectionSetGraphQL: "" });
    expect(event.request!.headers).toMatchObject({ "x-probe": "direct" });
    expect(event).toMatchObject({ source: null, prev: null, stash: {} });
  });

  it("BatchInvoke: sibling list items go in arrays of at most maxBatchSize, answers mapped back by index", async () => {
    let answer: Awaited<ReturnType<RuntimeHarness["graphql"]>> | undefined;
    const calls = await invocationsDuring("batchFunction", async () => {
      answer = await harness.graphql("{ shelf(size: 5) { books { id detail } } }");
    });
    expect(bookBatchSize).toBe(2);
    expect(calls).toStrictEqual([2, 2, 1]);
    const books = (answer!.body.data!.shelf as { books: Array<{ id: string; detail: string }> }).books;
    expect(books.map((book) => ({ id: book.id, ...JSON.parse(book.detail) }))).toStrictEqual([
      { id: "1", batchSize: 2, index: 0 },
      { id: "2", batchSize: 2, index: 1 },
      { id: "3", batchSize: 2, index: 0 },
      { id: "4", batchSize: 2, index: 1 },
      { id: "5", batchSize: 1, index: 0 },
    ]);
  });

  it("a direct batch resolver: each item answers { data } or { errorMessage, errorType }", async () => {
    let answer: Awaited<ReturnType<RuntimeHarness["graphql"]>> | undefined;
    const calls = await invocationsDuring("reviewFunction", async () => {
      answer = await harness.graphql("{ shelf(size: 4) { books { id review } } }");
    });
    expect(reviewBatchSize).toBe(3);
    expect(calls).toStrictEqual([3, 1]);
    expect(answer!.body.data).toStrictEqual({
      shelf: {
        books: [
          { id: "1", review: "review of book 1" },
          { id: "2", review: null },
          { id: "3", review: "review of book 3" },
          { id: "4", review: "review of book 4" },
        ],
      },
    });
    expect(answer!.body.errors).toStrictEqual([
      { path: ["shelf", "books", 1, "review"], data: null, errorType: "NotFound", errorInfo: null, locations: at(1, 31), message: "No review for book 2" },
    ]);
  });

  it("a function that throws: ctx.error of type Lambda:Unhandled, seen by the client only if the response handler raises it", async () => {
    expect((await harness.graphql("{ lambdaFails(raise: false) }")).body).toStrictEqual({ data: { lambdaFails: '{"sawErrorType":"Lambda:Unhandled"}' } });
    expect((await harness.graphql("{ lambdaFails(raise: true) }")).body).toStrictEqual({
      data: { lambdaFails: null },
      errors: [{ path: ["lambdaFails"], data: null, errorType: "Lambda:Unhandled", errorInfo: null, locations: at(1, 3), message: "handler exploded" }],
    });
  });
});

describe("Lambda functions as Lambda runs them", () => {
  const answerOf = async (query: string) => {
    const answer = await harness.graphql(query);
    expect(answer.body.errors).toBeUndefined();
    return JSON.parse(Object.values(answer.body.data!)[0] as string) as Record<string, unknown>;
  };

  it("a CommonJS handler (module.exports.handler) is found and called", async () => {
    expect(await answerOf('{ commonJsHandler(note: "cjs") }')).toStrictEqual({ file: "handlers/commonjs.cjs", arguments: { note: "cjs" } });
  });

  it("a handler path without an extension, as SAM and serverless write it (lambda/index.handler), names the file that exists", async () => {
    expect(await answerOf('{ extensionlessHandler(note: "sam") }')).toStrictEqual({ file: "lambda/index.mjs", arguments: { note: "sam" } });
    expect(() => resolveHandler(harness.fixtureRoot, "lambda/missing.handler")).toThrow('Handler "lambda/missing.handler": no file lambda/missing (.ts, .tsx, .mts, .cts, .js, .jsx, .mjs, .cjs)');
  });

  it("process.env is the function's environment (the configured variables and Lambda's own), not the runtime's", async () => {
    const { environment } = await answerOf("{ environment }");
    expect(environment).toStrictEqual({
      ...fixtureLambdaEnvironment,
      AWS_REGION: "us-east-1",
      AWS_DEFAULT_REGION: "us-east-1",
      AWS_LAMBDA_FUNCTION_NAME: "environmentFunction",
      AWS_LAMBDA_FUNCTION_VERSION: "$LATEST",
    });
    expect(Object.keys(process.env).length).toBeGreaterThan(Object.keys(environment as object).length);
  });

  it("two functions running one handler file keep their module state apart, as two Lambda functions do", async () => {
    const invocations = async (field: string) => (await answerOf(`{ ${field} }`)).invocations as number;
    const other = await invocations("otherEnvironment");
    const first = await invocations("environment");
    expect(await invocations("environment")).toBe(first + 1);
    expect(await invocations("otherEnvironment")).toBe(other + 1);
  });

  it("a function whose worker dies (process.exit) fails that call, and the next call gets a fresh one", async () => {
    const invocations = async () => (await answerOf("{ crash(exit: false) }")).invocations as number;
    await invocations();
    expect(await invocations()).toBeGreaterThan(1);
    const crashed = await harness.graphql("{ crash(exit: true) }");
    expect(crashed.body.errors).toMatchObject([{ path: ["crash"], errorType: "Lambda:Unhandled", message: "crashFunction's worker exited (code 1)" }]);
    expect(await invocations()).toBe(1);
  });
});

describe("live reload (in the temporary copy of the fixtures)", () => {
  const rewrite = (relativePath: string, from: string, to: string) => {
    const file = join(harness.fixtureRoot, relativePath);
    const source = readFileSync(file, "utf8");
    expect(source).toContain(from);
    writeFileSync(file, source.replace(from, to));
    return file;
  };
  const value = async (field: string) => (await harness.graphql(`{ ${field} }`)).body.data?.[field];

  it("a Lambda handler, or a file it imports, changed on disk: the next call runs the new code", async () => {
    expect(await value("handlerVersion")).toBe("handler h1");

    const imported = rewrite("shared/handler-label.ts", '"h1"', '"h2"');
    expect(harness.runtime.reload([imported])).toStrictEqual({ resolvers: [], handlers: ["handlers/version.handler"] });
    expect(await value("handlerVersion")).toBe("handler h2");

    const handler = rewrite("handlers/version.ts", "`handler ${handlerLabel}`", "`handler v3 ${handlerLabel}`");
    expect(harness.runtime.reload([handler])).toStrictEqual({ resolvers: [], handlers: ["handlers/version.handler"] });
    expect(await value("handlerVersion")).toBe("handler v3 h2");
  });

  it("a resolver, or a file it imports, changed on disk: rebuilt by reload and used by the next request", async () => {
    expect(await value("resolverVersion")).toBe("resolver r1");

    const imported = rewrite("shared/resolver-label.ts", '"r1"', '"r2"');
    expect(harness.runtime.reload([imported])).toStrictEqual({ resolvers: ["resolvers/Query.resolverVersion.ts"], handlers: [] });
    expect(await value("resolverVersion")).toBe("resolver r2");

    const resolver = rewrite("resolvers/Query.resolverVersion.ts", "`resolver ${resolverLabel}`", "`resolver v3 ${resolverLabel}`");
    expect(harness.runtime.reload([resolver])).toStrictEqual({ resolvers: ["resolvers/Query.resolverVersion.ts"], handlers: [] });
    expect(await value("resolverVersion")).toBe("resolver v3 r2");
  });

  it("a file nothing uses reloads nothing", () => {
    expect(harness.runtime.reload([join(harness.fixtureRoot, "schema.graphql")])).toStrictEqual({ resolvers: [], handlers: [] });
  });
});

describe("execution order", () => {
  type Timing = { label: string; startedAt: number; endedAt: number };
  const timings = (data: Record<string, unknown>) => Object.fromEntries(Object.entries(data).map(([key, raw]) => [key, JSON.parse(raw as string) as Timing]));

  it("mutations run one after another, in document order", async () => {
    const answer = await harness.graphql('mutation { first: step(label: "first", ms: 150) second: step(label: "second", ms: 10) }');
    expect(answer.body.errors).toBeUndefined();
    const { first, second } = timings(answer.body.data!);
    expect(second!.startedAt).toBeGreaterThanOrEqual(first!.endedAt);
  });

  it("a query's sibling fields run in parallel", async () => {
    const answer = await harness.graphql('{ a: slow(label: "a", ms: 250) b: slow(label: "b", ms: 250) }');
    expect(answer.body.errors).toBeUndefined();
    const { a, b } = timings(answer.body.data!);
    // Each waits 250 ms; they overlap only if the second started before the first ended.
    expect(b!.startedAt).toBeLessThan(a!.endedAt);
    expect(a!.startedAt).toBeLessThan(b!.endedAt);
  });
});
