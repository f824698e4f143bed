// The resolver manifest against schema.graphql, and every APPSYNC_JS bundle against AppSync's limits.
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { codeEntries, validateManifest } from "@marquee/appsync-contract";
import { bundleAppSyncCode } from "@marquee/appsync-contract/bundle";
import { lintAppSyncBundle } from "@marquee/appsync-contract/lint";
import { manifest } from "../src/manifest.ts";

const repoRoot = resolve(import.meta.dirname, "../../..");
const maxCodeCharacters = 32_000;

describe("the resolver manifest", () => {
  it("keeps every rule of the AppSync contract against schema.graphql", () => {
    expect(validateManifest(manifest, readFileSync(join(repoRoot, "schema.graphql"), "utf8"))).toEqual([]);
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
