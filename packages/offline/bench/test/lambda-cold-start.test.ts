import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { Metafile } from "esbuild";
import { describe, expect, it } from "vitest";
import { manifest } from "@marquee/functions/manifest";
import {
  bundleHandler,
  bundleShares,
  bytesLoadedAtInit,
  coldLoad,
  deployedHandlers,
  formatLambdaTable,
  lambdaRows,
  ownerOf,
  resolveHandler,
  stderrLines,
  type HandlerFigures,
  type LoadSample,
} from "../lambda-cold-start.ts";

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../../../..");

describe("which handlers deploy", () => {
  it("takes the manifest's Lambda data sources and the handlers infra names itself, once each", () => {
    const handlers = deployedHandlers(
      {
        table: { type: "dynamodb" },
        topPicks: { type: "lambda", handler: "packages/functions/src/lambda/Query.topPicks.handler" },
        again: { type: "lambda", handler: "packages/functions/src/lambda/Query.topPicks.handler" },
      },
      [
        `export const streamHandler = "packages/functions/src/lambda/interactionStream.handler";`,
        `const schema = "packages/functions/src/resolvers/Query.title.ts"; // resolver code, not a Lambda`,
      ],
    );
    expect(handlers).toEqual(["packages/functions/src/lambda/Query.topPicks.handler", "packages/functions/src/lambda/interactionStream.handler"]);
  });

  it("finds every real handler's file, the table's stream subscribers included", () => {
    const infraSources = readdirSync(join(repoRoot, "infra"))
      .filter((name) => name.endsWith(".ts"))
      .map((name) => readFileSync(join(repoRoot, "infra", name), "utf8"));
    const handlers = deployedHandlers(manifest.dataSources, infraSources).map((handler) => resolveHandler(handler, (file) => existsSync(join(repoRoot, file))));
    const files = handlers.map((handler) => handler.file);
    expect(files).toContain("packages/functions/src/lambda/interactionStream.ts");
    expect(files).toContain("packages/functions/src/lambda/titleSummaryStream.ts");
    expect(files).toContain("packages/functions/src/lambda/Mutation.createProfile.ts");
    expect(handlers.every((handler) => handler.exportName === "handler")).toBe(true);
  });

  it("resolves a handler as SST does: the first extension that exists, the export after the last dot", () => {
    const existing = new Set(["lambda/Query.topPicks.js", "lambda/Query.topPicks.mjs"]);
    expect(resolveHandler("lambda/Query.topPicks.main", (file) => existing.has(file))).toEqual({
      handler: "lambda/Query.topPicks.main",
      file: "lambda/Query.topPicks.js",
      exportName: "main",
    });
    expect(() => resolveHandler("lambda/missing.handler", () => false)).toThrow(/lambda\/missing\.handler/);
  });
});

describe("what a bundle holds", () => {
  it("names the package of each input", () => {
    expect(ownerOf("node_modules/@smithy/core/dist-es/submodules/protocols/json/x.js")).toBe("@smithy/core");
    expect(ownerOf("node_modules/electrodb/src/entity.js")).toBe("electrodb");
    expect(ownerOf("node_modules/@aws-sdk/lib-dynamodb/node_modules/@aws-sdk/core/dist-es/index.js")).toBe("@aws-sdk/core");
    expect(ownerOf("packages/core/src/profile/index.ts")).toBe("@marquee/core");
  });

  it("adds up each package's bytes in an output, largest first", () => {
    const metafile = {
      inputs: {},
      outputs: {
        "out/h.mjs": {
          bytes: 1000,
          imports: [],
          exports: ["handler"],
          inputs: {
            "node_modules/zod/v3/types.js": { bytesInOutput: 300 },
            "node_modules/zod/v3/errors.js": { bytesInOutput: 50 },
            "node_modules/electrodb/src/entity.js": { bytesInOutput: 500 },
            "packages/core/src/dynamo.ts": { bytesInOutput: 20 },
          },
        },
      },
    } as unknown as Metafile;
    expect(bundleShares(metafile, "out/h.mjs")).toEqual([
      { owner: "electrodb", bytes: 500 },
      { owner: "zod", bytes: 350 },
      { owner: "@marquee/core", bytes: 20 },
    ]);
  });

  it("counts the chunks a cold start imports, not those imported later", () => {
    const output = (bytes: number, imports: Array<{ path: string; kind: string }>) => ({ bytes, imports, exports: [], inputs: {} });
    const metafile = {
      inputs: {},
      outputs: {
        "h.mjs": output(100, [
          { path: "chunk-shared.mjs", kind: "import-statement" },
          { path: "chunk-lazy.mjs", kind: "dynamic-import" },
          { path: "node:http", kind: "import-statement" },
        ]),
        "chunk-shared.mjs": output(40, [{ path: "chunk-deeper.mjs", kind: "import-statement" }]),
        "chunk-deeper.mjs": output(5, []),
        "chunk-lazy.mjs": output(1000, [{ path: "chunk-shared.mjs", kind: "import-statement" }]),
      },
    } as unknown as Metafile;
    expect(bytesLoadedAtInit(metafile, "h.mjs")).toBe(145);
  });
});

describe("bundling and loading", () => {
  const fixture = () => {
    const dir = mkdtempSync(join(tmpdir(), "lambda-cold-start-"));
    writeFileSync(join(dir, "later.ts"), `export const later = ${JSON.stringify("x".repeat(5000))};\n`);
    writeFileSync(
      join(dir, "handler.ts"),
      `console.warn("work at import");\nexport const handler = async () => (await import("./later.ts")).later.length;\n`,
    );
    return dir;
  };

  it("bundles one ESM file as SST does, or an entry and the chunks it loads later with splitting", async () => {
    const dir = fixture();
    const single = await bundleHandler(repoRoot, join(dir, "handler.ts"), join(dir, "single", "handler.mjs"));
    expect(single.bytes).toBe(single.totalBytes);
    expect(single.bytes).toBeGreaterThan(5000);
    expect(readFileSync(single.file, "utf8")).toContain("topLevelCreateRequire");

    const split = await bundleHandler(repoRoot, join(dir, "handler.ts"), join(dir, "split", "handler.mjs"), { splitting: true });
    expect(split.bytes).toBeLessThan(5000);
    expect(split.totalBytes).toBeGreaterThan(5000);
  });

  it("loads a bundle in a fresh process and keeps what it wrote to stderr", async () => {
    const dir = fixture();
    const bundle = await bundleHandler(repoRoot, join(dir, "handler.ts"), join(dir, "out", "handler.mjs"));
    const sample = await coldLoad(bundle.file, "handler");
    expect(sample.wallMs).toBeGreaterThan(0);
    expect(sample.cpuMs).toBeGreaterThan(0);
    expect(stderrLines([sample, sample])).toEqual(["work at import"]);
    await expect(coldLoad(bundle.file, "main")).rejects.toThrow(/exports no function main/);
  });
});

describe("the figures", () => {
  const load = (wallMs: number, cpuMs = wallMs): LoadSample => ({ wallMs, cpuMs, stderr: "" });
  const figures: HandlerFigures[] = [
    {
      handler: "packages/functions/src/lambda/Query.topPicks.handler",
      bytes: 450 * 1024,
      loads: [load(90, 60), load(30, 20), load(50, 40)],
      baselineLoads: [load(2), load(4), load(9)],
      largest: [],
    },
  ];

  it("judge the median load and the size against the budgets", () => {
    const [size, coldLoadRow] = lambdaRows(figures);
    expect(size!.measure).toMatchObject({ name: "lambda Query.topPicks: bundle, minified", value: 450, unit: "KB" });
    expect(size!.target!.met(size!.measure)).toBe(false);
    expect(coldLoadRow!.measure).toMatchObject({ value: 50, baseline: 4, ratio: 12.5 });
    expect(coldLoadRow!.target!.met(coldLoadRow!.measure)).toBe(true);
  });

  it("print one line per handler with the ratio of the medians", () => {
    const [header, row] = formatLambdaTable(figures);
    expect(header!.split(/\s{2,}/)).toEqual(["handler", "bytes", "load ms", "empty ms", "ratio", "CPU ms", "empty CPU ms"]);
    expect(row!.split(/\s+/)).toEqual(["Query.topPicks", String(450 * 1024), "50.0", "4.0", "12.5", "40.0", "4.0"]);
  });
});
