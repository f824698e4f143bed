// The runtime running an app unlike Marquee (apps/notes): API key authorization as the default mode, two
// DynamoDB tables, an HTTP data source answered by a local server, a direct Lambda resolver; and request
// shapes other apps send (input objects written inline, a subscription POSTed like a query).
import { CreateTableCommand, DynamoDBClient, ScanCommand } from "@aws-sdk/client-dynamodb";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { codeEntries } from "@marquee/appsync-contract";
import { bundleAppSyncCode } from "@marquee/appsync-contract/bundle";
import { lintAppSyncBundle } from "@marquee/appsync-contract/lint";
import { startDynamoDBLocal, type DynamoDBLocal } from "@marquee/aws-local/engines/dynamodb";
import { freePort } from "@marquee/aws-local/engines/readiness";
import { createAppSyncRuntime, type AppSyncRuntime } from "../../src/index.ts";
import { notesManifest } from "./notes/manifest.ts";

const appDirectory = join(import.meta.dirname, "notes");
const region = "eu-west-1";
const tables = { notes: "notes-app-notes", archive: "notes-app-archive" };
const validKey = "da2-notesvalidkey0000000000";
const expiredKey = "da2-notesexpiredkey00000000";

type SeenRequest = { method: string; url: string; headers: IncomingMessage["headers"]; body: string };
type Answer = { status: number; body: { data?: Record<string, unknown> | null; errors?: Array<Record<string, unknown>> } };

let dynamodb: DynamoDBLocal;
let client: DynamoDBClient;
let weatherService: Server;
let runtime: AppSyncRuntime;
let url: string;
let buildDirectory: string;
const seenByWeatherService: SeenRequest[] = [];

beforeAll(async () => {
  dynamodb = await startDynamoDBLocal({ port: await freePort() });
  client = new DynamoDBClient({ endpoint: dynamodb.endpoint, region, credentials: { accessKeyId: "local", secretAccessKey: "local" } });
  for (const TableName of Object.values(tables)) {
    await client.send(
      new CreateTableCommand({
        TableName,
        AttributeDefinitions: [{ AttributeName: "id", AttributeType: "S" }],
        KeySchema: [{ AttributeName: "id", KeyType: "HASH" }],
        BillingMode: "PAY_PER_REQUEST",
      }),
    );
  }
  weatherService = await startWeatherService();
  buildDirectory = mkdtempSync(join(tmpdir(), "notes-app-build-"));
  const now = Math.floor(Date.now() / 1000);
  runtime = createAppSyncRuntime({
    schemaSdl: readFileSync(join(appDirectory, "schema.graphql"), "utf8"),
    manifest: notesManifest,
    repoRoot: appDirectory,
    buildDirectory,
    authorization: { defaultMode: "API_KEY" },
    apiKeys: [
      { id: validKey, expires: now + 3600 },
      { id: expiredKey, expires: now - 60 },
    ],
    dynamodb: { client, tableName: tables.notes, nextTokenKey: randomBytes(32), tables: { archive: tables.archive } },
    httpEndpoints: {
      weather: `http://127.0.0.1:${(weatherService.address() as AddressInfo).port}`,
      // Nothing listens there: a service that is down.
      statusPage: `http://127.0.0.1:${await freePort()}`,
    },
    region,
  });
  url = `http://127.0.0.1:${await runtime.listen(0)}/graphql`;
}, 120_000);

afterAll(async () => {
  await runtime?.close();
  await new Promise((resolve) => weatherService?.close(resolve));
  client?.destroy();
  await dynamodb?.stop();
  if (buildDirectory) rmSync(buildDirectory, { recursive: true, force: true });
});

/** The weather service: a forecast for Oslo, 404 for other cities, feedback echoed back. */
function startWeatherService(): Promise<Server> {
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      seenByWeatherService.push({ method: request.method ?? "", url: request.url ?? "", headers: request.headers, body });
      if (request.method === "GET" && request.url?.startsWith("/v1/forecast/Oslo?")) {
        response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ summary: "cold and clear" }));
      } else if (request.method === "POST" && request.url === "/v1/feedback") {
        response.writeHead(201, { "content-type": "application/json" }).end(body);
      } else {
        response.writeHead(404, { "content-type": "text/plain" }).end("no such place");
      }
    });
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

async function post(body: unknown, headers: Record<string, string> = { "x-api-key": validKey }): Promise<Answer> {
  const response = await fetch(url, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as Answer["body"] };
}

const graphql = (query: string, variables: Record<string, unknown> = {}) => post({ query, variables });

/** A table's items as DynamoDB holds them. */
async function scan(tableName: string) {
  return (await client.send(new ScanCommand({ TableName: tableName }))).Items ?? [];
}

it("every resolver of the app is code AppSync's runtime would accept", async () => {
  for (const entry of codeEntries(notesManifest)) {
    expect(await lintAppSyncBundle(bundleAppSyncCode(join(appDirectory, entry)), entry)).toEqual([]);
  }
});

describe("API key authorization, the app's default mode", () => {
  it("runs a call with a valid x-api-key, with no identity", async () => {
    const answer = await graphql("{ caller }");
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body.data?.caller as string)).toEqual({ identity: null, authType: "API Key Authorization" });
  });

  it("answers a call without a key with AppSync's 401", async () => {
    expect(await post({ query: "{ caller }" }, {})).toEqual({
      status: 401,
      body: { errors: [{ errorType: "UnauthorizedException", message: "Valid authorization header not provided." }] },
    });
  });

  it.each([
    ["an unknown key", "da2-someoneelseskey00000000"],
    ["an expired key", expiredKey],
  ])("answers %s with AppSync's 401", async (_, key) => {
    expect(await post({ query: "{ caller }" }, { "x-api-key": key })).toEqual({
      status: 401,
      body: { errors: [{ errorType: "UnauthorizedException", message: "You are not authorized to make this call." }] },
    });
  });

  it("does not take a token for a key when the API has no token mode", async () => {
    const answer = await post({ query: "{ caller }" }, { authorization: "eyJhbGciOiJub25lIn0.e30." });
    expect(answer.status).toBe(401);
  });
});

describe("DynamoDB data sources on different tables", () => {
  it("route each data source to its own table", async () => {
    const created = await graphql(`mutation { createNote(id: "n1", input: { title: "Draft" }) { id title } }`);
    expect(created.body).toEqual({ data: { createNote: { id: "n1", title: "Draft" } } });
    const archived = await graphql(`mutation { archiveNote(id: "n1", title: "Archived") { id title } }`);
    expect(archived.body).toEqual({ data: { archiveNote: { id: "n1", title: "Archived" } } });

    const read = await graphql(`{ note(id: "n1") { title } archivedNote(id: "n1") { title } }`);
    expect(read.body).toEqual({ data: { note: { title: "Draft" }, archivedNote: { title: "Archived" } } });
    expect(await scan(tables.notes)).toEqual([{ id: { S: "n1" }, title: { S: "Draft" } }]);
    expect(await scan(tables.archive)).toEqual([{ id: { S: "n1" }, title: { S: "Archived" } }]);
  });
});

describe("HTTP data source", () => {
  it("sends the request's method, path, query and headers, and hands the response to the response handler", async () => {
    seenByWeatherService.length = 0;
    const answer = await graphql(`{ forecast(city: "Oslo") { city summary status contentType } }`);
    expect(answer.body).toEqual({ data: { forecast: { city: "Oslo", summary: "cold and clear", status: 200, contentType: "application/json" } } });
    expect(seenByWeatherService).toHaveLength(1);
    expect(seenByWeatherService[0]).toMatchObject({ method: "GET", url: "/v1/forecast/Oslo?units=metric&days=1", body: "" });
    expect(seenByWeatherService[0]!.headers["x-client"]).toBe("notes-app");
  });

  it("gives a 404 to the response handler as a result, not an error", async () => {
    const answer = await graphql(`{ forecast(city: "Atlantis") { summary status contentType } }`);
    expect(answer.body).toEqual({ data: { forecast: { summary: null, status: 404, contentType: "text/plain" } } });
  });

  it("sends a POST body", async () => {
    seenByWeatherService.length = 0;
    const answer = await graphql(`mutation { sendFeedback(text: "more sun") }`);
    expect(JSON.parse(answer.body.data?.sendFeedback as string)).toEqual({ statusCode: 201, echoed: { text: "more sun" } });
    expect(seenByWeatherService[0]).toMatchObject({ method: "POST", url: "/v1/feedback", body: JSON.stringify({ text: "more sun" }) });
    expect(seenByWeatherService[0]!.headers["content-type"]).toBe("application/json");
  });

  it("makes an endpoint that cannot be reached ctx.error", async () => {
    const answer = await graphql("{ status }");
    expect(answer.body.data).toEqual({ status: null });
    expect(answer.body.errors).toHaveLength(1);
    expect(answer.body.errors![0]).toMatchObject({ path: ["status"], errorType: "HttpException" });
    expect(answer.body.errors![0]!.message).toMatch(/^Unable to execute HTTP request: /);
  });
});

describe("input objects", () => {
  const inspect = async (query: string, variables?: Record<string, unknown>) => {
    const answer = await graphql(query, variables);
    expect(answer.body.errors).toBeUndefined();
    return JSON.parse(answer.body.data?.inspectInput as string) as Record<string, unknown>;
  };

  it("written inline reach resolver code as plain objects, as variables do", async () => {
    const inline = await inspect(`{ inspectInput(input: { title: "Shopping", body: null, style: { color: "red" } }) }`);
    const asVariables = await inspect(`query ($input: NoteInput!) { inspectInput(input: $input) }`, { input: { title: "Shopping", body: null, style: { color: "red" } } });
    expect(inline).toEqual({
      hasBody: true,
      hasStyle: true,
      styleHasColor: true,
      keys: ["title", "body", "style"],
      text: "Shopping",
      json: JSON.stringify({ title: "Shopping", body: null, style: { color: "red" } }),
    });
    expect(asVariables).toEqual(inline);
  });

  it("tell an omitted field from a null one", async () => {
    const answer = await graphql(`mutation { createNote(id: "n2", input: { title: "Short", style: { pinned: true } }) { id body color } }`);
    expect(answer.body).toEqual({ data: { createNote: { id: "n2", body: null, color: null } } });
    expect((await scan(tables.notes)).find((item) => item.id?.S === "n2")).toEqual({ id: { S: "n2" }, title: { S: "Short" } });
  });
});

describe("subscriptions", () => {
  it("are refused over HTTP, as AppSync refuses them", async () => {
    expect(await graphql("subscription { onCreateNote { id } }")).toEqual({
      status: 400,
      body: { errors: [{ errorType: "BadRequestException", message: "Subscriptions over MQTT is not supported." }] },
    });
  });

  it("do not stop the query operation of the same document", async () => {
    const answer = await post({ query: "query Caller { caller } subscription Notes { onCreateNote { id } }", operationName: "Caller" });
    expect(answer.status).toBe(200);
    expect(answer.body.errors).toBeUndefined();
  });
});

it("runs a direct Lambda resolver", async () => {
  expect((await graphql(`{ wordCount(text: "three  small words") }`)).body).toEqual({ data: { wordCount: 3 } });
});
