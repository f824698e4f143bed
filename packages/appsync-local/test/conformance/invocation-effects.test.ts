// What resolver code tells the executor through the current invocation: errors, early returns,
// the caller's auth type, subscription filters, response headers. Loaded the way the runtime loads
// resolvers (code.ts), importing `@aws-appsync/utils` like a bundle does.
import { describe, expect, it } from "vitest";
import { loadResolverCode } from "../../src/code.ts";
import {
  EarlyReturnSignal,
  newInvocationState,
  ResolverError,
  UnauthorizedSignal,
  withInvocation,
  type InvocationState,
} from "../../src/invocation.ts";
import { apiCacheEvictionsOf, AUTH_TYPE_NAMES, responseHeadersOf, util } from "../../src/runtime/index.ts";

function requestHandler(body: string) {
  const code = loadResolverCode(`import { util, runtime, extensions } from "@aws-appsync/utils";
import * as ddb from "@aws-appsync/utils/dynamodb";
export function request(ctx) { ${body} }`);
  return code.request!;
}

function run(body: string, state: InvocationState = newInvocationState(null, "API_KEY"), ctx: unknown = { args: {} }): unknown {
  return withInvocation(state, () => requestHandler(body)(ctx));
}

function thrownBy(body: string, state?: InvocationState): unknown {
  try {
    run(body, state);
  } catch (error) {
    return error;
  }
  throw new Error("expected the handler to throw");
}

describe("ending a field", () => {
  it("util.error throws a ResolverError with type, data and info", () => {
    const error = thrownBy(`util.error("Title not found", "NotFound", { id: 1 }, { hint: "x" })`);
    expect(error).toBeInstanceOf(ResolverError);
    expect(error).toMatchObject({ message: "Title not found", errorType: "NotFound", data: { id: 1 }, errorInfo: { hint: "x" } });
  });

  it("util.unauthorized throws the Unauthorized signal", () => {
    expect(thrownBy("util.unauthorized()")).toBeInstanceOf(UnauthorizedSignal);
  });

  it("runtime.earlyReturn moves on to the next function unless told END", () => {
    const plain = thrownBy("runtime.earlyReturn({ cached: true })") as EarlyReturnSignal;
    expect(plain).toBeInstanceOf(EarlyReturnSignal);
    expect([plain.value, plain.skipTo]).toEqual([{ cached: true }, "NEXT"]);
    const toEnd = thrownBy(`runtime.earlyReturn(null, { skipTo: "END" })`) as EarlyReturnSignal;
    expect([toEnd.value, toEnd.skipTo]).toEqual([null, "END"]);
  });
});

describe("annotating a field", () => {
  it("util.appendError records the error and the handler goes on", () => {
    const state = newInvocationState(null, "API_KEY");
    expect(run(`util.appendError("partial", "Partial"); util.appendError("bare"); return 42;`, state)).toBe(42);
    expect(state.appendedErrors).toEqual([{ message: "partial", errorType: "Partial" }, { message: "bare" }]);
  });

  it("extensions record subscription filters and invalidations on the invocation", () => {
    const state = newInvocationState(null, "API_KEY");
    run(
      `extensions.setSubscriptionFilter(util.transform.toSubscriptionFilter({ genre: { eq: "drama" } }));
       extensions.setSubscriptionInvalidationFilter({ filterGroup: [] });
       extensions.invalidateSubscriptions({ subscriptionField: "onTitle", payload: { id: 1 } });
       extensions.evictFromApiCache("Query", "title", { "context.arguments.id": 1 });`,
      state,
    );
    expect(state.subscriptionFilters).toEqual([{ filterGroup: [{ filters: [{ fieldName: "genre", operator: "eq", value: "drama" }] }] }]);
    expect(state.subscriptionInvalidationFilters).toEqual([{ filterGroup: [] }]);
    expect(state.invalidations).toEqual([{ subscriptionField: "onTitle", payload: { id: 1 } }]);
    expect(apiCacheEvictionsOf(state)).toEqual([{ typeName: "Query", fieldName: "title", keys: { "context.arguments.id": 1 } }]);
  });

  it("util.http records response headers and reports the ones AppSync refuses", () => {
    const state = newInvocationState(null, "API_KEY");
    run(`util.http.addResponseHeader("itemsCount", 7); util.http.addResponseHeaders({ render: "fast", "x-amzn-trace": "no", Vary: "x" });`, state);
    expect(responseHeadersOf(state)).toEqual({ itemsCount: 7, render: "fast" });
    expect(state.appendedErrors.map((error) => error.errorType)).toEqual(["ResponseHeaderError", "ResponseHeaderError"]);
    expect(responseHeadersOf(newInvocationState(null, "API_KEY"))).toEqual({});
  });

  it("util.http.copyHeaders drops the hop-by-hop headers", () => {
    expect(util.http.copyHeaders({ host: "h", "Content-Length": "3", authorization: "t", "x-custom": "1" })).toEqual({ authorization: "t", "x-custom": "1" });
  });
});

describe("util.authType", () => {
  it("names the invocation's authorization mode as AppSync does", () => {
    for (const [mode, name] of Object.entries(AUTH_TYPE_NAMES)) {
      expect(run("return util.authType()", newInvocationState(null, mode as InvocationState["authType"]))).toBe(name);
    }
  });

  it("needs an invocation, like every util that reads one", () => {
    expect(() => util.authType()).toThrow(/outside a resolver invocation/);
  });
});

describe("the DynamoDB module through the loader", () => {
  it("is what `import * as ddb` gives resolver code", () => {
    expect(run("return ddb.get({ key: { id: ctx.args.id } })", undefined, { args: { id: "t1" } })).toEqual({ operation: "GetItem", key: { id: { S: "t1" } } });
  });
});
