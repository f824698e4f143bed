// What createAppSyncRuntime refuses before it serves anything: a manifest that breaks the contract's rules,
// a data source it cannot place, an authorization mode it does not have. Each error names what is wrong.
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ManifestError, type ResolverManifest } from "@marquee/appsync-contract";
import { createAppSyncRuntime, type AppSyncRuntimeOptions } from "../../src/index.ts";
import { notesManifest } from "../apps/notes/manifest.ts";

const appDirectory = join(import.meta.dirname, "..", "apps", "notes");
const buildDirectory = mkdtempSync(join(tmpdir(), "runtime-creation-"));
// Never contacted: every refusal comes before a request.
const client = new DynamoDBClient({ endpoint: "http://127.0.0.1:9", region: "eu-west-1", credentials: { accessKeyId: "local", secretAccessKey: "local" } });

afterAll(() => {
  client.destroy();
  rmSync(buildDirectory, { recursive: true, force: true });
});

function create(changes: Partial<AppSyncRuntimeOptions> = {}) {
  return createAppSyncRuntime({
    schemaSdl: readFileSync(join(appDirectory, "schema.graphql"), "utf8"),
    manifest: notesManifest,
    repoRoot: appDirectory,
    buildDirectory,
    authorization: { defaultMode: "API_KEY" },
    dynamodb: { client, tableName: "notes", nextTokenKey: randomBytes(32), tables: { archive: "archive" } },
    region: "eu-west-1",
    ...changes,
  });
}

const manifestWith = (change: (manifest: ResolverManifest) => void): ResolverManifest => {
  const manifest = structuredClone(notesManifest) as ResolverManifest;
  change(manifest);
  return manifest;
};

describe("createAppSyncRuntime", () => {
  it("serves the app's manifest as it is", async () => {
    await create().close();
  });

  it("refuses a manifest entry for a field the schema lacks, naming the entry", () => {
    const manifest = manifestWith((m) => m.resolvers.push({ field: "Query.notez", kind: "unit", dataSource: "none", code: "resolvers/Query.caller.ts" }));
    expect(() => create({ manifest })).toThrow(ManifestError);
    expect(() => create({ manifest })).toThrow('Resolver manifest:\n  resolvers["Query.notez"] names a field the schema lacks: Query.notez');
  });

  it("refuses a manifest that leaves a root field unresolved or names an unknown data source", () => {
    const manifest = manifestWith((m) => {
      m.resolvers = m.resolvers.filter((r) => r.field !== "Query.status");
      const forecast = m.resolvers.find((r) => r.field === "Query.forecast");
      if (forecast?.kind === "unit") forecast.dataSource = "forecasts";
    });
    expect(() => create({ manifest })).toThrow(
      'Resolver manifest:\n  resolvers["Query.forecast"] names unknown data source "forecasts"\n  resolvers["Query.status"] is missing: every field of Query, Mutation and Subscription needs a resolver',
    );
  });

  it("refuses a DynamoDB data source whose table it was not given", () => {
    expect(() => create({ dynamodb: { client, tableName: "notes", nextTokenKey: randomBytes(32) } })).toThrow(
      'Resolver manifest: dataSources.archive names table "archive", which options.dynamodb.tables does not map',
    );
    expect(() => create({ dynamodb: undefined })).toThrow("Resolver manifest: dataSources.notes is a DynamoDB data source, and the runtime was given no DynamoDB (options.dynamodb)");
  });

  it("refuses an authorization mode it does not have, and Cognito without a pool", () => {
    expect(() => create({ authorization: { defaultMode: "API_KEY", additionalModes: ["AWS_IAM"] } })).toThrow(
      "Authorization mode AWS_IAM is not supported by the local runtime (it has AMAZON_COGNITO_USER_POOLS and API_KEY)",
    );
    expect(() => create({ authorization: { defaultMode: "AMAZON_COGNITO_USER_POOLS" } })).toThrow(
      "Authorization mode AMAZON_COGNITO_USER_POOLS needs a Cognito pool (options.cognito)",
    );
  });
});
