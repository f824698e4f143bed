// The two servers of the runtime-overhead measure, both executing fixtures/echo.graphql in this process:
// the AppSync-compatible runtime (Cognito token, NONE data source, APPSYNC_JS resolver code) and a bare
// node:http + graphql-js server with a trivial resolver, the floor any Node GraphQL server stands on.
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { buildSchema, graphql } from "graphql";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createAppSyncRuntime } from "@marquee/appsync-local/runtime-server";
import type { StackInfo } from "../src/stack.ts";
import { echoManifest } from "./fixtures/manifest.ts";

export type RunningServer = { url: string; close(): Promise<void> };

const echoSchemaSdl = readFileSync(new URL("./fixtures/echo.graphql", import.meta.url), "utf8");
const echoQuery = "query Echo($message: String!) { echo(message: $message) { message length } }";

/** The same few requests for both servers, taken in turn. */
export const echoRequestBodies: string[] = ["hello", "marquee", "a somewhat longer message to echo back"].map((message) =>
  JSON.stringify({ query: echoQuery, variables: { message } }),
);

/** The AppSync-compatible runtime serving the echo fixture, authorizing against the stack's user pool. */
export async function startEchoRuntime(repoRoot: string, info: StackInfo): Promise<RunningServer> {
  const buildDirectory = mkdtempSync(join(tmpdir(), "marquee-bench-echo-"));
  const dynamodbClient = new DynamoDBClient({
    endpoint: info.dynamodbEndpoint,
    region: info.region,
    credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" },
  });
  const runtime = createAppSyncRuntime({
    schemaSdl: echoSchemaSdl,
    manifest: echoManifest,
    repoRoot,
    buildDirectory,
    cognito: { issuer: `${info.cognitoEndpoint}/${info.userPoolId}`, clientIds: [info.userPoolClientId] },
    dynamodb: { client: dynamodbClient, tableName: info.tableName, nextTokenKey: randomBytes(32) },
    region: info.region,
  });
  const port = await runtime.listen(0);
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    async close() {
      await runtime.close();
      dynamodbClient.destroy();
      rmSync(buildDirectory, { recursive: true, force: true });
    },
  };
}

/** node:http + graphql-js: parse, validate and execute each request, no authorization. */
export async function startBareGraphQLServer(): Promise<RunningServer> {
  const schema = buildSchema(echoSchemaSdl);
  const rootValue = { echo: ({ message }: { message: string }) => ({ message, length: message.length }) };
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const { query, variables } = JSON.parse(Buffer.concat(chunks).toString("utf8")) as { query: string; variables?: Record<string, unknown> };
      graphql({ schema, source: query, variableValues: variables, rootValue }).then((result) => {
        const payload = JSON.stringify(result);
        response.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(payload) });
        response.end(payload);
      });
    });
  });
  const port = await listenOnFreePort(server);
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function listenOnFreePort(server: Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      resolve(typeof address === "object" && address ? address.port : 0);
    });
  });
}
