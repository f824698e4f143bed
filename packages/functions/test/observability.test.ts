// Powertools around every Lambda handler: JSON records keyed by the request's correlation id, one
// embedded-metric record per invocation, and core's SDK clients traced on Lambda. The settings are those
// infra and the offline stack give the functions (powertoolsEnvironment), set before the modules load.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

vi.hoisted(() => {
  Object.assign(process.env, {
    POWERTOOLS_SERVICE_NAME: "marquee",
    POWERTOOLS_METRICS_NAMESPACE: "Marquee",
    POWERTOOLS_LOG_LEVEL: "DEBUG",
  });
});

import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { sdkClient } from "@marquee/core/util/sdk-clients";
import { VisibleError } from "@marquee/core/util/error";
import { resolverHandler, type ResolverEvent } from "../src/lambda/handler.ts";
import { handler as titleSummaryStream } from "../src/lambda/titleSummaryStream.ts";
import { observed, outcomeOfBatch } from "../src/lambda/observability.ts";
import { powertoolsEnvironment } from "../src/lambda/powertools-environment.ts";

const context = {
  awsRequestId: "lambda-request-1",
  functionName: "marquee-ci-ProfilesFunction",
  functionVersion: "$LATEST",
  invokedFunctionArn: "arn:aws:lambda:us-east-1:000000000000:function:marquee-ci-ProfilesFunction",
  memoryLimitInMB: "1024",
};
const caller = { sub: "sub-1", groups: null };
/** A direct Lambda resolver's event carries the GraphQL request's headers. */
const withRequestId = (requestId: string) => ({ arguments: {}, identity: caller, request: { headers: { "x-amzn-requestid": requestId } } });

let records: Array<Record<string, unknown>>;
beforeEach(() => {
  records = [];
  // Powertools writes through its own Console (warnings and errors to stderr): one JSON record per line.
  for (const stream of [process.stdout, process.stderr])
    vi.spyOn(stream, "write").mockImplementation((chunk) => {
      for (const line of String(chunk).split("\n")) if (line.trim()) records.push(JSON.parse(line) as Record<string, unknown>);
      return true;
    });
});
afterEach(() => vi.restoreAllMocks());

const logRecords = () => records.filter((record) => !("_aws" in record));
const metricRecords = () => records.filter((record) => "_aws" in record);

describe("Lambda handlers' logs", () => {
  it("carry AppSync's request id as the correlation id, with the invocation's context", async () => {
    const handler = resolverHandler<Record<string, never>, string, ResolverEvent<Record<string, never>>>(async () => "ok");
    await handler(withRequestId("appsync-request-1") as ResolverEvent<Record<string, never>>, context);
    expect(logRecords()).toEqual([
      expect.objectContaining({
        level: "DEBUG",
        message: "Served",
        service: "marquee",
        correlation_id: "appsync-request-1",
        function_request_id: "lambda-request-1",
        function_name: context.functionName,
      }),
    ]);
  });

  it("fall back to Lambda's request id, and log an unexpected failure with its cause", async () => {
    const handler = resolverHandler(async () => {
      throw new Error("ValidationException: One or more parameter values were invalid");
    });
    await expect(handler({ arguments: {}, identity: caller }, context)).rejects.toThrow(/ValidationException/);
    const [failure] = logRecords();
    expect(failure).toMatchObject({ level: "ERROR", message: "Unexpected failure", correlation_id: "lambda-request-1" });
    expect(failure!.error).toMatchObject({ name: "Error", message: "ValidationException: One or more parameter values were invalid" });
  });

  it("do not keep one request's correlation id for the next", async () => {
    const handler = resolverHandler<Record<string, never>, string, ResolverEvent<Record<string, never>>>(async () => "ok");
    await handler(withRequestId("appsync-request-2") as ResolverEvent<Record<string, never>>, context);
    await handler({ arguments: {}, identity: caller }, { ...context, awsRequestId: "lambda-request-3" });
    expect(logRecords().map((record) => record.correlation_id)).toEqual(["appsync-request-2", "lambda-request-3"]);
  });
});

describe("Lambda handlers' metrics", () => {
  const metricOf = (record: Record<string, unknown>) => {
    const [directive] = (record._aws as { CloudWatchMetrics: Array<{ Namespace: string; Dimensions: string[][]; Metrics: Array<{ Name: string }> }> }).CloudWatchMetrics;
    return { namespace: directive!.Namespace, dimensions: directive!.Dimensions, names: directive!.Metrics.map((metric) => metric.Name) };
  };

  const bodies: Array<[string, () => Promise<string>]> = [
    ["Served", async () => "ok"],
    ["Refused", async () => Promise.reject(new VisibleError("NotFound", "No such profile."))],
    ["Failed", async () => Promise.reject(new Error("socket hang up"))],
  ];
  it.each(bodies)("count one %s per invocation, in embedded metric format, by service and function", async (outcome, body) => {
    const handler = resolverHandler(body);
    await handler({ arguments: {}, identity: caller }, context).catch(() => undefined);
    expect(metricRecords()).toHaveLength(1);
    const [record] = metricRecords();
    expect(metricOf(record!)).toEqual({ namespace: "Marquee", dimensions: [["service", "function"]], names: [outcome] });
    expect(record).toMatchObject({ service: "marquee", function: context.functionName, [outcome]: 1 });
  });

  it("count an unauthorized event as refused", async () => {
    await resolverHandler(async () => "ok")({ arguments: {}, identity: null }, context);
    expect(metricOf(metricRecords()[0]!).names).toEqual(["Refused"]);
    expect(logRecords()[0]).toMatchObject({ message: "Refused", errorType: "Unauthorized" });
  });

  it("count a stream batch with records reported back as retried, with a warning", async () => {
    const handler = observed(async (_event: unknown) => ({ batchItemFailures: [{ itemIdentifier: "100" }] }), outcomeOfBatch);
    await handler({ Records: [] }, context);
    expect(metricOf(metricRecords()[0]!).names).toEqual(["Retried"]);
    expect(logRecords()).toEqual([expect.objectContaining({ level: "WARN", message: "Retried", failedRecords: 1 })]);
  });

  it("count a stream batch that went through as served", async () => {
    await titleSummaryStream({ Records: [] }, context);
    expect(metricOf(metricRecords()[0]!).names).toEqual(["Served"]);
  });
});

describe("SDK clients", () => {
  const middlewareNames = (client: DynamoDBClient) => client.middlewareStack.identify().join("\n");

  it("are left alone off Lambda: the tracer is never loaded there", async () => {
    await resolverHandler(async () => "ok")({ arguments: {}, identity: caller }, context);
    expect(middlewareNames(sdkClient(new DynamoDBClient({ region: "us-east-1" })))).not.toMatch(/X-Ray/i);
  });
});

describe("powertoolsEnvironment", () => {
  it("names the service and namespace, and turns metrics off where nothing collects them", () => {
    expect(powertoolsEnvironment({ metrics: true })).toEqual({ POWERTOOLS_SERVICE_NAME: "marquee", POWERTOOLS_METRICS_NAMESPACE: "Marquee", POWERTOOLS_LOG_LEVEL: "INFO" });
    expect(powertoolsEnvironment({ metrics: false, logLevel: "DEBUG" })).toMatchObject({ POWERTOOLS_METRICS_DISABLED: "true", POWERTOOLS_LOG_LEVEL: "DEBUG" });
  });
});
