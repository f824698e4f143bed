// Finds out which DynamoDB requests a GraphQL operation sends: a second runtime with Marquee's schema and
// manifest, on the stack's engines, whose DynamoDB client records each command's input and when it was
// sent and answered. The direct-SDK baselines are these recorded inputs, so they are the resolvers' own
// requests and cannot drift from them; the timings show which requests the runtime sends together.
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { resolverConstants } from "@marquee/functions/resolvers/constants";
import { manifest } from "@marquee/functions/manifest";
import { createAppSyncRuntime } from "@marquee/appsync-local/runtime-server";
import type { StackInfo } from "../src/stack.ts";
import type { DirectRequest } from "./load-types.ts";
import type { Timing } from "./plans.ts";

export type GraphQLAnswer = { data?: Record<string, unknown> | null; errors?: Array<{ message: string }> };

export type RequestCapture = {
  /** Runs one operation; returns its answer and the DynamoDB requests it sent, in the order sent, with their timings. */
  capture(body: string): Promise<{ answer: GraphQLAnswer; requests: DirectRequest[]; timings: Timing[] }>;
  close(): Promise<void>;
};

/** `apiCache`: give the capture's runtime an API cache, as the stack's (default: none, every resolver runs). */
export async function startRequestCapture(repoRoot: string, info: StackInfo, idToken: string, options: { apiCache?: boolean } = {}): Promise<RequestCapture> {
  const buildDirectory = mkdtempSync(join(tmpdir(), "marquee-bench-capture-"));
  const client = new DynamoDBClient({ endpoint: info.dynamodbEndpoint, region: info.region, credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" } });
  let recorded: DirectRequest[] = [];
  let timings: Timing[] = [];
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const operation = String(context.commandName ?? "").replace(/Command$/, "");
      if (operation !== "GetItem" && operation !== "Query" && operation !== "TransactWriteItems") {
        throw new Error(`The benchmark has no direct baseline for ${operation}.`);
      }
      recorded.push({ operation, input: structuredClone(args.input) } as DirectRequest);
      const timing: Timing = { startedMs: performance.now(), endedMs: Number.NaN };
      timings.push(timing);
      try {
        return await next(args);
      } finally {
        timing.endedMs = performance.now();
      }
    },
    { step: "initialize", name: "marqueeBenchCapture" },
  );
  const runtime = createAppSyncRuntime({
    schemaSdl: readFileSync(join(repoRoot, "schema.graphql"), "utf8"),
    manifest,
    repoRoot,
    codeConstants: resolverConstants({ tableName: info.tableName }),
    buildDirectory,
    cognito: { issuer: `${info.cognitoEndpoint}/${info.userPoolId}`, clientIds: [info.userPoolClientId] },
    dynamodb: { client, tableName: info.tableName, nextTokenKey: randomBytes(32) },
    region: info.region,
    apiCache: options.apiCache ? {} : false,
  });
  const url = `http://127.0.0.1:${await runtime.listen(0)}/graphql`;
  return {
    async capture(body) {
      recorded = [];
      timings = [];
      const answer = await postGraphQL(url, idToken, body);
      return { answer, requests: recorded, timings };
    },
    async close() {
      await runtime.close();
      client.destroy();
      rmSync(buildDirectory, { recursive: true, force: true });
    },
  };
}

/** One GraphQL request; an answer with errors is an error (the benchmark's requests are all valid). */
export async function postGraphQL(url: string, idToken: string, body: string): Promise<GraphQLAnswer> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: idToken },
    body,
    signal: AbortSignal.timeout(30_000),
  });
  const answer = (await response.json()) as GraphQLAnswer;
  if (response.status !== 200 || answer.errors) throw new Error(`GraphQL ${body} answered HTTP ${response.status}: ${JSON.stringify(answer).slice(0, 500)}`);
  return answer;
}
