// The resolver manifest against schema.graphql, and every APPSYNC_JS bundle against AppSync's limits.
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { GraphQLObjectType } from "graphql";
import { describe, expect, it } from "vitest";
import { codeEntries } from "@marquee/appsync-local/code-registry";
import { buildAppSyncSchema } from "@marquee/appsync-local/schema/build";
import { bundleAppSyncCode } from "@marquee/appsync-contract/bundle";
import { manifest } from "../src/manifest.ts";
import { lintAppSyncBundle } from "@marquee/appsync-contract/lint";

const repoRoot = resolve(import.meta.dirname, "../../..");
const schema = buildAppSyncSchema(readFileSync(join(repoRoot, "schema.graphql"), "utf8"));
const maxCodeCharacters = 32_000;

describe("the resolver manifest", () => {
  it("names only fields the schema has", () => {
    const unknown = manifest.resolvers
      .map((r) => r.field)
      .filter((field) => {
        const [typeName, fieldName] = field.split(".");
        const type = schema.getType(typeName!);
        return !(type instanceof GraphQLObjectType) || !type.getFields()[fieldName!];
      });
    expect(unknown).toEqual([]);
  });

  it("resolves every Query, Mutation and Subscription field", () => {
    const resolved = new Set(manifest.resolvers.map((r) => r.field));
    const missing = [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()]
      .flatMap((type) => (type ? Object.keys(type.getFields()).map((field) => `${type.name}.${field}`) : []))
      .filter((field) => !resolved.has(field));
    expect(missing).toEqual([]);
  });

  it("declares each field once, and only data sources and functions it defines", () => {
    const fields = manifest.resolvers.map((r) => r.field);
    expect(fields.length).toBe(new Set(fields).size);
    for (const resolver of manifest.resolvers) {
      if (resolver.kind === "unit") expect(manifest.dataSources).toHaveProperty(resolver.dataSource);
      else for (const fn of resolver.functions) expect(manifest.functions).toHaveProperty(fn);
    }
  });

  it("keeps every pipeline within AppSync's 10 functions", () => {
    for (const resolver of manifest.resolvers) if (resolver.kind === "pipeline") expect(resolver.functions.length, resolver.field).toBeLessThanOrEqual(10);
  });
});

describe("APPSYNC_JS bundles", () => {
  for (const entry of codeEntries(manifest)) {
    it(`${entry} bundles within 32,000 characters and passes the AppSync lint`, async () => {
      const code = bundleAppSyncCode(join(repoRoot, entry));
      expect(code.length).toBeLessThanOrEqual(maxCodeCharacters);
      expect(code).not.toMatch(/from\s+["'](?!@aws-appsync\/utils)/);
      expect(await lintAppSyncBundle(code, entry)).toEqual([]);
    });
  }

  it("the lint catches what the AppSync runtime refuses", async () => {
    const problems = await lintAppSyncBundle(
      `export function request(ctx) { const s = new Set(); let i = 0; i++; if (!ctx) throw new Error("x"); return Array.from(s); }`,
      "bad",
    );
    expect(problems.join("\n")).toMatch(/throw/);
    expect(problems.join("\n")).toMatch(/Set/);
    expect(problems.join("\n")).toMatch(/Array.from/);
    expect(problems.join("\n")).toMatch(/\+\+/);
  });
});
