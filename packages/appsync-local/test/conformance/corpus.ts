// Runs one case of the APPSYNC_JS conformance corpus (shared/conformance/appsync, see its README)
// against this package's runtime, the way localstack's EvaluateCode harness ran it against AWS.
import { readFileSync } from "node:fs";
import { isDeepStrictEqual } from "node:util";
import { loadResolverCode } from "../../src/code.ts";
import { EarlyReturnSignal, newInvocationState, withInvocation } from "../../src/invocation.ts";
import { authTypeFromIdentity, dynamodbModule, extensions, runtime, util } from "../../src/runtime/index.ts";

export type ConformanceCase = {
  id: string;
  call: string;
  expected: unknown;
  compare: "deep-equal" | "json-string" | "regex" | "shape-only";
  source: string;
  verified_by: string;
  kind?: "resolver";
  code?: string;
  function?: "request" | "response";
  context?: Record<string, unknown>;
  notes?: string;
};

export const CORPUS_FILE = new URL("../../../../../shared/conformance/appsync/cases.json", import.meta.url);

export function loadCases(): ConformanceCase[] {
  return JSON.parse(readFileSync(CORPUS_FILE, "utf8")) as ConformanceCase[];
}

/** What a case produced: a value, or the message of what it threw. */
export type Outcome = { value: unknown } | { thrown: string };

export function runCase(testCase: ConformanceCase): Outcome {
  const ctx = testCase.context ?? {};
  const identity = ctx.identity ?? null;
  const state = newInvocationState(identity, authTypeFromIdentity(identity));
  const evaluate = (): unknown => {
    if (testCase.kind === "resolver") {
      const handler = loadResolverCode(testCase.code ?? "", `${testCase.id}.js`)[testCase.function ?? "request"];
      if (!handler) throw new Error(`case ${testCase.id} has no ${testCase.function} handler`);
      return handler(ctx);
    }
    // eslint-disable-next-line @typescript-eslint/no-implied-eval -- the corpus's calls are code by design
    return new Function("util", "runtime", "extensions", "ddb", "ctx", `return (${testCase.call});`)(util, runtime, extensions, dynamodbModule, ctx);
  };
  try {
    return { value: withInvocation(state, evaluate) };
  } catch (error) {
    // an earlyReturn in a resolver's request handler is that resolver's result
    if (error instanceof EarlyReturnSignal) return { value: error.value };
    return { thrown: error instanceof Error ? error.message : String(error) };
  }
}

/** AWS returns JSON: compare what would have been serialised (undefined properties drop out). */
function asJson(value: unknown): unknown {
  return value === undefined ? null : JSON.parse(JSON.stringify(value));
}

function parseOrUndefined(json: string): unknown {
  try {
    return JSON.parse(json);
  } catch {
    return undefined;
  }
}

function typeName(value: unknown): string {
  return value === null ? "null" : Array.isArray(value) ? "array" : typeof value;
}

function sameShape(actual: unknown, expected: unknown): boolean {
  // a documented JSON-string result is compared by the shape of what it encodes
  const parsed = typeof actual === "string" && typeName(expected) === "object" ? parseOrUndefined(actual) : actual;
  if (typeName(parsed) !== typeName(expected)) return false;
  if (typeName(expected) !== "object") return true;
  const [actualObject, expectedObject] = [parsed as Record<string, unknown>, expected as Record<string, unknown>];
  const keys = Object.keys(expectedObject);
  return (
    isDeepStrictEqual(Object.keys(actualObject).sort(), [...keys].sort()) &&
    keys.every((key) => typeName(actualObject[key]) === typeName(expectedObject[key]))
  );
}

/** Whether `outcome` matches the case under its `compare` mode; `detail` says what was seen. */
export function matchesExpectation(testCase: ConformanceCase, outcome: Outcome): { pass: boolean; detail: string } {
  const expected = testCase.expected as { throws?: { message: string } } | null;
  if (expected && typeof expected === "object" && "throws" in expected && expected.throws) {
    const pass = "thrown" in outcome && outcome.thrown === expected.throws.message;
    return { pass, detail: JSON.stringify(outcome) };
  }
  if ("thrown" in outcome) return { pass: false, detail: `threw: ${outcome.thrown}` };
  const actual = outcome.value;
  const detail = typeof actual === "string" ? actual : JSON.stringify(actual);
  switch (testCase.compare) {
    case "deep-equal":
      return { pass: isDeepStrictEqual(asJson(actual), testCase.expected), detail };
    case "json-string":
      return { pass: typeof actual === "string" && isDeepStrictEqual(parseOrUndefined(actual), testCase.expected), detail };
    case "regex":
      return { pass: new RegExp(String(testCase.expected)).test(String(actual)), detail };
    case "shape-only":
      return { pass: sameShape(actual, testCase.expected), detail };
  }
}
