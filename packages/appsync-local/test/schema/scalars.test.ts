// Every value of shared/conformance/appsync/scalars.json, as a variable, as a literal and as a resolver's
// result, through a schema built by buildAppSyncSchema. The Amplify `client_approximation` lists are not
// AppSync truth (see that folder's README) and are not used.
import { readFileSync } from "node:fs";
import { execute, parse, validate, type ExecutionResult, type GraphQLError } from "graphql";
import { describe, expect, test } from "vitest";
import { buildAppSyncSchema } from "../../src/schema/build.ts";
import { awsScalarNames, type AwsScalarName } from "@marquee/appsync-contract/prelude";
import { toAppSyncSerializationError, toAppSyncValidationErrors } from "../../src/schema/validation-errors.ts";

type ScalarCorpusEntry = { scalar: AwsScalarName; valid: string[]; invalid: string[]; uncertain?: Array<{ value: string }> };

const corpus = JSON.parse(
  readFileSync(new URL("../../../../../shared/conformance/appsync/scalars.json", import.meta.url), "utf8"),
) as ScalarCorpusEntry[];

const schema = buildAppSyncSchema(`
  type Query {
${awsScalarNames.map((name) => `    echo${name}(v: ${name}): ${name}\n    out${name}: ${name}`).join("\n")}
  }
`);

/** What a client sends for a corpus value: AWSTimestamp values are integers, the rest strings. */
function variableValue(scalar: AwsScalarName, text: string): unknown {
  if (scalar !== "AWSTimestamp") return text;
  const asNumber = Number(text);
  // Past 2^53 a JSON number loses digits; a precision-keeping JSON reader hands over a bigint.
  return Number.isSafeInteger(asNumber) ? asNumber : BigInt(text);
}

function literal(scalar: AwsScalarName, text: string): string {
  return scalar === "AWSTimestamp" ? text : JSON.stringify(text);
}

/** What the resolver should receive for a valid corpus value. */
function internalValue(scalar: AwsScalarName, text: string): unknown {
  if (scalar === "AWSJSON") return JSON.parse(text);
  if (scalar === "AWSTimestamp") return Number(text);
  return text;
}

/** What the client should get back after echoing a valid corpus value. */
function outputValue(scalar: AwsScalarName, text: string): unknown {
  if (scalar === "AWSJSON") return JSON.stringify(JSON.parse(text));
  if (scalar === "AWSTimestamp") return Number(text);
  return text;
}

async function echo(scalar: AwsScalarName, document: string, variables?: Record<string, unknown>) {
  const received: unknown[] = [];
  const rootValue = {
    [`echo${scalar}`]: (args: { v: unknown }) => {
      received.push(args.v);
      return args.v;
    },
  };
  const parsed = parse(document);
  const validationErrors = validate(schema, parsed);
  if (validationErrors.length > 0) return { validationErrors, received, result: undefined };
  const result = (await execute({ schema, document: parsed, rootValue, variableValues: variables })) as ExecutionResult;
  return { validationErrors, received, result };
}

async function output(scalar: AwsScalarName, value: unknown) {
  const rootValue = { [`out${scalar}`]: () => value };
  return (await execute({ schema, document: parse(`{ out${scalar} }`), rootValue })) as ExecutionResult;
}

describe("scalars.json corpus", () => {
  test("covers all nine AWS scalars", () => {
    expect(corpus.map((entry) => entry.scalar).sort()).toEqual([...awsScalarNames].sort());
  });

  for (const { scalar, valid, invalid } of corpus) {
    describe(scalar, () => {
      for (const text of valid) {
        test(`valid ${JSON.stringify(text)} as a variable`, async () => {
          const { validationErrors, received, result } = await echo(scalar, `query($v: ${scalar}) { echo${scalar}(v: $v) }`, {
            v: variableValue(scalar, text),
          });
          expect(validationErrors).toEqual([]);
          expect(result?.errors).toBeUndefined();
          expect(received).toEqual([internalValue(scalar, text)]);
          expect(result?.data).toEqual({ [`echo${scalar}`]: outputValue(scalar, text) });
        });

        test(`valid ${JSON.stringify(text)} as a literal`, async () => {
          const { validationErrors, received, result } = await echo(scalar, `{ echo${scalar}(v: ${literal(scalar, text)}) }`);
          expect(validationErrors).toEqual([]);
          expect(result?.errors).toBeUndefined();
          expect(received).toEqual([internalValue(scalar, text)]);
        });

        test(`valid ${JSON.stringify(text)} as a resolver's result`, async () => {
          const result = await output(scalar, scalar === "AWSJSON" ? text : variableValue(scalar, text));
          expect(result.errors).toBeUndefined();
          // AWSJSON: a string that already holds JSON is sent as is.
          expect(result.data).toEqual({ [`out${scalar}`]: scalar === "AWSJSON" ? text : outputValue(scalar, text) });
        });
      }

      for (const text of invalid) {
        test(`invalid ${JSON.stringify(text)} as a variable`, async () => {
          const { received, result } = await echo(scalar, `query($v: ${scalar}) { echo${scalar}(v: $v) }`, {
            v: variableValue(scalar, text),
          });
          expect(received).toEqual([]);
          expect(result?.data).toBeUndefined();
          const errors = toAppSyncValidationErrors(result?.errors ?? []);
          expect(errors).toHaveLength(1);
          expect(errors[0]!.message).toMatch(new RegExp(`^Variable 'v' has an invalid value\\. Unable to parse \`${escape(text)}\` as a valid .+\\.$`));
          expect(errors[0]!.locations).toEqual([{ line: 1, column: 7, sourceName: null }]);
        });

        test(`invalid ${JSON.stringify(text)} as a literal`, async () => {
          const { validationErrors, received } = await echo(scalar, `{ echo${scalar}(v: ${literal(scalar, text)}) }`);
          expect(received).toEqual([]);
          const errors = toAppSyncValidationErrors(validationErrors);
          const rendered = scalar === "AWSTimestamp" ? `IntValue{value=${text}}` : `StringValue{value='${text}'}`;
          expect(errors).toEqual([
            {
              path: null,
              locations: [{ line: 1, column: 8 + scalar.length, sourceName: null }],
              message: `Validation error of type WrongType: argument 'v' with value '${rendered}' is not a valid '${scalar}' @ 'echo${scalar}'`,
            },
          ]);
        });

        if (scalar === "AWSJSON") {
          // A resolver's string that is not JSON is taken as a JSON string value, not refused.
          test(`invalid ${JSON.stringify(text)} as a resolver's result is sent as a JSON string`, async () => {
            expect((await output(scalar, text)).data).toEqual({ outAWSJSON: JSON.stringify(text) });
          });
          continue;
        }

        test(`invalid ${JSON.stringify(text)} as a resolver's result`, async () => {
          const result = await output(scalar, variableValue(scalar, text));
          expect(result.data).toEqual({ [`out${scalar}`]: null });
          expect(result.errors).toHaveLength(1);
          const error = toAppSyncSerializationError(result.errors![0] as GraphQLError);
          expect(error.path).toEqual([`out${scalar}`]);
          expect(error.locations).toBeNull();
          expect(error.message).toMatch(new RegExp(`^Can't serialize value \\(/out${scalar}\\) : Unable to serialize \`${escape(text)}\` as a valid .+\\.$`));
        });
      }
    });
  }
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

describe("AppSync's recorded scalar messages", () => {
  test("AWSPhone input names a phone number", async () => {
    const { result } = await echo("AWSPhone", `query($v: AWSPhone) { echoAWSPhone(v: $v) }`, { v: "1110004444" });
    expect(toAppSyncValidationErrors(result?.errors ?? [])[0]!.message).toBe(
      "Variable 'v' has an invalid value. Unable to parse `1110004444` as a valid phone number.",
    );
  });

  test("AWSDateTime output names a DateTime Object", async () => {
    const result = await output("AWSDateTime", "2020-05-23T06:4:37.000Z");
    expect(toAppSyncSerializationError(result.errors![0] as GraphQLError).message).toBe(
      "Can't serialize value (/outAWSDateTime) : Unable to serialize `2020-05-23T06:4:37.000Z` as a valid DateTime Object.",
    );
  });
});

describe("scalar behaviour beyond the corpus", () => {
  const accepts = async (scalar: AwsScalarName, value: unknown) => {
    const { result } = await echo(scalar, `query($v: ${scalar}) { echo${scalar}(v: $v) }`, { v: value });
    return result?.errors === undefined;
  };

  test("AWSJSON reaches the resolver parsed and leaves serialised; an object result is serialised too", async () => {
    const { received, result } = await echo("AWSJSON", `query($v: AWSJSON) { echoAWSJSON(v: $v) }`, { v: '{"a": [1, {"b": null}]}' });
    expect(received).toEqual([{ a: [1, { b: null }] }]);
    expect(result?.data).toEqual({ echoAWSJSON: '{"a":[1,{"b":null}]}' });
    expect((await output("AWSJSON", { upvotes: 10 })).data).toEqual({ outAWSJSON: '{"upvotes":10}' });
    expect((await output("AWSJSON", [1, "x"])).data).toEqual({ outAWSJSON: '[1,"x"]' });
  });

  test("AWSJSON refuses a variable that is not a string, and results JSON cannot hold", async () => {
    expect(await accepts("AWSJSON", { a: 1 })).toBe(false);
    expect(await accepts("AWSJSON", 1)).toBe(false);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    for (const value of [cyclic, 10n, () => 1]) {
      const result = await output("AWSJSON", value);
      expect(result.data).toEqual({ outAWSJSON: null });
      expect(result.errors?.[0]?.message).toMatch(/^Unable to serialize `.*` as a valid JSON\.$/s);
    }
  });

  test("AWSJSON sends a result string that is not JSON as a JSON string", async () => {
    expect((await output("AWSJSON", "plain text")).data).toEqual({ outAWSJSON: '"plain text"' });
  });

  test("AWSTimestamp takes whole numbers only on input, and integral numeric strings on output", async () => {
    expect(await accepts("AWSTimestamp", 1700000000)).toBe(true);
    expect(await accepts("AWSTimestamp", 1.5)).toBe(false);
    expect(await accepts("AWSTimestamp", "1700000000")).toBe(false);
    const { validationErrors } = await echo("AWSTimestamp", `{ echoAWSTimestamp(v: 1.5) }`);
    expect(validationErrors).toHaveLength(1);
    expect((await output("AWSTimestamp", "1700000000")).data).toEqual({ outAWSTimestamp: 1700000000 });
    expect((await output("AWSTimestamp", 1.5)).data).toEqual({ outAWSTimestamp: null });
  });

  test("AWSDateTime, AWSDate and AWSTime check the calendar and the clock", async () => {
    expect(await accepts("AWSDateTime", "2024-02-29T00:00Z")).toBe(true);
    expect(await accepts("AWSDateTime", "2023-02-29T00:00Z")).toBe(false);
    expect(await accepts("AWSDateTime", "2023-04-31T00:00Z")).toBe(false);
    expect(await accepts("AWSDateTime", "2023-01-01T24:00Z")).toBe(false);
    expect(await accepts("AWSDateTime", "2023-01-01T10:00+19:00")).toBe(false);
    expect(await accepts("AWSDateTime", "2023-01-01T10:00:00.1234567890Z")).toBe(false);
    expect(await accepts("AWSDate", "2023-13-01")).toBe(false);
    expect(await accepts("AWSDate", "2023-1-01")).toBe(false);
    expect(await accepts("AWSTime", "12:60")).toBe(false);
    expect(await accepts("AWSTime", "1:30")).toBe(false);
  });

  test("AWSTime accepts the docs' own example 12:00:34. (java.time reads a bare dot as an empty fraction)", async () => {
    const uncertain = corpus.find((entry) => entry.scalar === "AWSTime")!.uncertain!.map((u) => u.value);
    expect(uncertain).toContain("12:00:34.");
    expect(await accepts("AWSTime", "12:00:34.")).toBe(true);
  });

  test("AWSURL needs a scheme and an authority after //, and no // inside the path", async () => {
    expect(await accepts("AWSURL", "https://example.com/search?next=https://other.example/")).toBe(true);
    expect(await accepts("AWSURL", "http://")).toBe(false);
    expect(await accepts("AWSURL", "https://example.com/a b")).toBe(false);
  });

  test("AWSIPAddress bounds octets, prefixes and rejects zone ids", async () => {
    expect(await accepts("AWSIPAddress", "::ffff:10.0.0.1")).toBe(true);
    expect(await accepts("AWSIPAddress", "2001:db8::/32")).toBe(true);
    expect(await accepts("AWSIPAddress", "999.1.1.1")).toBe(false);
    expect(await accepts("AWSIPAddress", "1.1.1.1/33")).toBe(false);
    expect(await accepts("AWSIPAddress", "::1/129")).toBe(false);
    expect(await accepts("AWSIPAddress", "fe80::1%eth0")).toBe(false);
    expect(await accepts("AWSIPAddress", "1:2:3:4:5:6:7:8:9")).toBe(false);
  });

  test("AWSEmail wants one local part and one domain", async () => {
    expect(await accepts("AWSEmail", "first.last+tag@example.co.uk")).toBe(true);
    expect(await accepts("AWSEmail", "a @b.c")).toBe(false);
    expect(await accepts("AWSEmail", "a@@b")).toBe(false);
    expect(await accepts("AWSEmail", "@b.c")).toBe(false);
  });

  test("AWSPhone reads numbers without a country code as NANP", async () => {
    expect(await accepts("AWSPhone", "555-764-4377")).toBe(true);
    expect(await accepts("AWSPhone", "1 555 764 4377")).toBe(true);
    expect(await accepts("AWSPhone", "+44 20 7946 0958")).toBe(true);
    expect(await accepts("AWSPhone", "155-764-4377")).toBe(false);
    expect(await accepts("AWSPhone", "+1 155 764 4377")).toBe(false);
    expect(await accepts("AWSPhone", "bad-number")).toBe(false);
  });
});
