// Lambda cold start: every handler bundled as SST bundles it for deployment, its size, and the time a
// fresh Node process takes to import the bundle and get its handler (what Lambda's init phase spends on
// our code), beside an empty handler bundled the same way and loaded in the same rounds.
// `npm run bench` runs it as a section; run it alone with `npx tsx packages/offline/bench/lambda-cold-start.ts`.
import { build, type BuildOptions, type Metafile } from "esbuild";
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { manifest } from "@marquee/functions/manifest";
import { median, measure, printTable, targets, type Row } from "./report.ts";

export const lambdaBudgets = { bundleBytes: 400 * 1024, coldLoadMs: 60 };

export type LambdaHandler = {
  /** The handler string as infra gives it to SST: "packages/functions/src/lambda/Query.topPicks.handler". */
  handler: string;
  /** The source file SST resolves it to, from the repository root. */
  file: string;
  exportName: string;
};

/** SST's lookup order for a handler's file (pkg/runtime/node/node.go, NODE_EXTENSIONS). */
const handlerExtensions = [".ts", ".tsx", ".mts", ".cts", ".js", ".jsx", ".mjs", ".cjs"];

/** "dir/file.name.handler" -> dir/file.name.<ext> (the first that exists) and the export "handler". */
export function resolveHandler(handler: string, exists: (file: string) => boolean): LambdaHandler {
  const dot = handler.lastIndexOf(".");
  const base = handler.slice(0, dot);
  const file = handlerExtensions.map((extension) => base + extension).find(exists);
  if (dot <= 0 || !file) throw new Error(`Lambda handler ${handler}: no file ${base}{${handlerExtensions.join(",")}}`);
  return { handler, file, exportName: handler.slice(dot + 1) };
}

/**
 * Every handler that deploys: the manifest's Lambda data sources and the handlers infra/ names itself
 * (the table's stream subscribers), found as the string literals SST is given.
 */
export function deployedHandlers(dataSources: Record<string, { type: string; handler?: string }>, infraSources: string[]): string[] {
  const fromManifest = Object.values(dataSources).flatMap((source) => (source.type === "lambda" && source.handler ? [source.handler] : []));
  const fromInfra = infraSources.flatMap((text) => [...text.matchAll(/["'`](packages\/[\w./-]+\.\w+)["'`]/g)].map((match) => match[1]!));
  return [...new Set([...fromManifest, ...fromInfra.filter((handler) => /\/lambda\//.test(handler))])].sort();
}

/** The `nodejs` settings of SST's Function that change the bundle (infra/ sets none today). */
export type NodejsSettings = { splitting?: boolean };

/**
 * SST's deploy build of a Node function (sst 4.17, pkg/runtime/node/build.go, with infra's defaults:
 * format esm, minify on, no source map): esbuild, platform node, target esnext, module before main,
 * keepNames, only sharp and pg-native external. The AWS SDK is bundled like any other package.
 * With `splitting`, dynamically imported modules go to chunks of their own, loaded when first imported.
 */
export function sstBuildOptions(entry: string, outfile: string, settings: NodejsSettings = {}): BuildOptions {
  const output: BuildOptions = settings.splitting
    ? { splitting: true, outdir: dirname(outfile), outExtension: { ".js": ".mjs" }, entryNames: basename(outfile).replace(/\.mjs$/, "") }
    : { outfile };
  return {
    entryPoints: [entry],
    ...output,
    platform: "node",
    format: "esm",
    target: "esnext",
    mainFields: ["module", "main"],
    external: ["sharp", "pg-native"],
    bundle: true,
    keepNames: true,
    minify: true,
    sourcemap: false,
    metafile: true,
    write: true,
    logLevel: "silent",
    banner: {
      js: [
        `import { createRequire as topLevelCreateRequire } from 'module';`,
        `const require = topLevelCreateRequire(import.meta.url);`,
        `import { fileURLToPath as topLevelFileUrlToPath, URL as topLevelURL } from "url"`,
        `const __filename = topLevelFileUrlToPath(import.meta.url)`,
        `const __dirname = topLevelFileUrlToPath(new topLevelURL(".", import.meta.url))`,
        "",
      ].join("\n"),
    },
  };
}

/** Bytes a cold start loads: the output and every chunk it imports statically (not the `import()`ed ones). */
export function bytesLoadedAtInit(metafile: Metafile, output: string): number {
  const loaded = new Set<string>();
  const pending = [output];
  while (pending.length > 0) {
    const file = pending.pop()!;
    if (loaded.has(file)) continue;
    loaded.add(file);
    for (const imported of metafile.outputs[file]?.imports ?? []) if (imported.kind === "import-statement" && imported.path in metafile.outputs) pending.push(imported.path);
  }
  return [...loaded].reduce((sum, file) => sum + (metafile.outputs[file]?.bytes ?? 0), 0);
}

export type BundleShare = { owner: string; bytes: number };

/** "node_modules/@smithy/core/dist-es/x.js" -> "@smithy/core"; "packages/core/src/x.ts" -> "@marquee/core". */
export function ownerOf(input: string): string {
  const parts = input.split("/");
  const modules = parts.lastIndexOf("node_modules");
  if (modules >= 0) {
    const name = parts[modules + 1] ?? input;
    return name.startsWith("@") ? `${name}/${parts[modules + 2]}` : name;
  }
  const workspace = parts.indexOf("packages");
  if (workspace >= 0 && parts[workspace + 1]) return `@marquee/${parts[workspace + 1]}`;
  return input;
}

/** What each package contributes to an output file, largest first (bytes after minification). */
export function bundleShares(metafile: Metafile, output: string): BundleShare[] {
  const inputs = metafile.outputs[output]?.inputs;
  if (!inputs) throw new Error(`The metafile has no output ${output}`);
  const byOwner = new Map<string, number>();
  for (const [input, { bytesInOutput }] of Object.entries(inputs)) byOwner.set(ownerOf(input), (byOwner.get(ownerOf(input)) ?? 0) + bytesInOutput);
  return [...byOwner].map(([owner, bytes]) => ({ owner, bytes })).sort((a, b) => b.bytes - a.bytes);
}

export type Bundle = {
  /** The entry's output, absolute. */
  file: string;
  /** Loaded at a cold start (see bytesLoadedAtInit); without splitting, the one file's size. */
  bytes: number;
  /** Every file written, lazily loaded chunks included. */
  totalBytes: number;
  metafile: Metafile;
  /** The entry's output as the metafile names it. */
  output: string;
};

/** Bundles SST's way from the repository root. */
export async function bundleHandler(repoRoot: string, entry: string, outfile: string, settings: NodejsSettings = {}): Promise<Bundle> {
  const result = await build({ ...sstBuildOptions(entry, outfile, settings), absWorkingDir: repoRoot });
  const metafile = result.metafile!;
  const output = Object.keys(metafile.outputs).find((file) => resolve(repoRoot, file) === resolve(repoRoot, outfile));
  if (!output) throw new Error(`esbuild wrote no ${outfile}`);
  const totalBytes = Object.values(metafile.outputs).reduce((sum, written) => sum + written.bytes, 0);
  return { file: resolve(repoRoot, output), bytes: bytesLoadedAtInit(metafile, output), totalBytes, metafile, output };
}

/**
 * Run by a fresh Node process: the time to import the bundle and reach its handler, on stdout as
 * `{ wallMs, cpuMs }`. CPU time (every thread of the process, V8's compiler threads included) moves less
 * than wall time when other work shares the cores.
 */
const loadScript = `
const [file, exportName] = process.argv.slice(1);
const cpu = process.cpuUsage();
const started = performance.now();
const module = await import(file);
if (typeof module[exportName] !== "function") throw new Error(file + " exports no function " + exportName);
const wallMs = performance.now() - started;
const { user, system } = process.cpuUsage(cpu);
process.stdout.write(JSON.stringify({ wallMs, cpuMs: (user + system) / 1000 }));
`;

/** One load, and what the process wrote to stderr (nothing, for a handler that does no work at import). */
export type LoadSample = { wallMs: number; cpuMs: number; stderr: string };

/** One cold load: a new process (nothing cached, no compile cache), as a Lambda sandbox's first init. */
export function coldLoad(file: string, exportName: string): Promise<LoadSample> {
  const env: NodeJS.ProcessEnv = { ...process.env, AWS_REGION: process.env.AWS_REGION ?? "us-east-1" };
  delete env.NODE_COMPILE_CACHE;
  delete env.NODE_OPTIONS;
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, ["--input-type=module", "--eval", loadScript, pathToFileURL(file).href, exportName], {
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => {
      if (code === 0) resolvePromise({ ...(JSON.parse(stdout) as { wallMs: number; cpuMs: number }), stderr });
      else reject(new Error(`Loading ${basename(file)} failed (exit ${code}): ${stderr.trim().slice(0, 500)}`));
    });
  });
}

export type HandlerFigures = {
  handler: string;
  bytes: number;
  /** Cold loads of this bundle, each beside one of the empty bundle in the same round. */
  loads: LoadSample[];
  baselineLoads: LoadSample[];
  largest: BundleShare[];
};

/** The distinct lines the loads wrote to stderr (an SDK warning, say). */
export function stderrLines(loads: LoadSample[]): string[] {
  return [...new Set(loads.flatMap((load) => load.stderr.split("\n").map((line) => line.trim())))].filter((line) => line.length > 0);
}

export const wallMs = (loads: LoadSample[]) => median(loads.map((load) => load.wallMs));
export const cpuMs = (loads: LoadSample[]) => median(loads.map((load) => load.cpuMs));

export type LambdaColdStartOptions = { repoRoot: string; samples?: number; outDir?: string; nodejs?: NodejsSettings; log?: (line: string) => void };

export async function measureLambdaColdStart(options: LambdaColdStartOptions): Promise<HandlerFigures[]> {
  const { repoRoot } = options;
  const log = options.log ?? (() => undefined);
  const samples = options.samples ?? 7;
  const outDir = options.outDir ?? join(repoRoot, ".marquee", "lambda-bundles");
  const major = Number(process.versions.node.split(".")[0]);
  if (major < 24) throw new Error(`Lambda runs nodejs24.x; this is Node ${process.versions.node}: run through npm (node@24 is first on its PATH).`);
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });

  const infraDir = join(repoRoot, "infra");
  const infraSources = readdirSync(infraDir)
    .filter((name) => name.endsWith(".ts"))
    .map((name) => readFileSync(join(infraDir, name), "utf8"));
  const handlers = deployedHandlers(manifest.dataSources, infraSources).map((handler) => resolveHandler(handler, (file) => existsSync(join(repoRoot, file))));

  const emptyEntry = join(outDir, "empty-handler.ts");
  writeFileSync(emptyEntry, "export const handler = async () => ({});\n");
  const empty = await bundleHandler(repoRoot, emptyEntry, join(outDir, "empty-handler.mjs"));
  log(`empty handler bundle: ${empty.bytes} bytes (the baseline's)`);

  const figures: HandlerFigures[] = [];
  for (const handler of handlers) {
    // SST's file name: dots before the extension become dashes (Lambda allows one dot in a handler).
    const name = basename(handler.file).replace(/\.[^.]+$/, "").replaceAll(".", "-");
    // Chunks are per handler, as each Lambda gets its own bundle.
    const outfile = options.nodejs?.splitting ? join(outDir, name, `${name}.mjs`) : join(outDir, `${name}.mjs`);
    const bundle = await bundleHandler(repoRoot, handler.file, outfile, options.nodejs);
    writeFileSync(join(outDir, `${name}.meta.json`), JSON.stringify(bundle.metafile));
    const loads: LoadSample[] = [];
    const baselineLoads: LoadSample[] = [];
    // Alternating, so a change in the machine's load falls on both sides.
    for (let round = 0; round < samples; round++) {
      baselineLoads.push(await coldLoad(join(outDir, "empty-handler.mjs"), "handler"));
      loads.push(await coldLoad(bundle.file, handler.exportName));
    }
    const largest = bundleShares(bundle.metafile, bundle.output).slice(0, 4);
    const chunks = bundle.totalBytes > bundle.bytes ? ` (${bundle.totalBytes} with the chunks loaded later)` : "";
    log(
      `${name}: ${bundle.bytes} bytes${chunks}; cold load median ${wallMs(loads).toFixed(1)} ms, CPU ${cpuMs(loads).toFixed(1)} ms ` +
        `(empty handler ${wallMs(baselineLoads).toFixed(1)} ms, CPU ${cpuMs(baselineLoads).toFixed(1)} ms); ` +
        `largest: ${largest.map((share) => `${share.owner} ${(share.bytes / 1024).toFixed(0)} KB`).join(", ")}`,
    );
    for (const line of stderrLines(loads)) log(`  ${name} wrote to stderr on load: ${line}`);
    figures.push({ handler: handler.handler, bytes: bundle.bytes, loads, baselineLoads, largest });
  }
  return figures;
}

/** The name a handler goes by in the tables: "Query.topPicks". */
export const handlerName = (handler: string) => handler.replace(/^.*\/lambda\//, "").replace(/\.\w+$/, "");

/** The rows `npm run bench` prints: each handler's size and median cold load, with the budgets. */
export function lambdaRows(figures: HandlerFigures[]): Row[] {
  return figures.flatMap((figure) => {
    const name = `lambda ${handlerName(figure.handler)}`;
    return [
      { measure: measure(`${name}: bundle, minified`, figure.bytes / 1024, "KB"), target: targets.atMost(lambdaBudgets.bundleBytes / 1024, "KB") },
      {
        measure: measure(`${name}: cold module load vs an empty handler (median of ${figure.loads.length})`, wallMs(figure.loads), "ms", wallMs(figure.baselineLoads)),
        target: targets.atMost(lambdaBudgets.coldLoadMs, "ms"),
      },
    ];
  });
}

/** One line per handler: bytes, median cold load beside the empty handler's, their ratio, and CPU time. */
export function formatLambdaTable(figures: HandlerFigures[]): string[] {
  const header = ["handler", "bytes", "load ms", "empty ms", "ratio", "CPU ms", "empty CPU ms"];
  const cells = figures.map((figure) => [
    handlerName(figure.handler),
    String(figure.bytes),
    wallMs(figure.loads).toFixed(1),
    wallMs(figure.baselineLoads).toFixed(1),
    (wallMs(figure.loads) / wallMs(figure.baselineLoads)).toFixed(1),
    cpuMs(figure.loads).toFixed(1),
    cpuMs(figure.baselineLoads).toFixed(1),
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...cells.map((row) => row[column]!.length)));
  const line = (row: string[]) => row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join("  ");
  return [line(header), ...cells.map(line)];
}

// Alone: `npx tsx packages/offline/bench/lambda-cold-start.ts [--samples N] [--splitting]`; --splitting
// shows what `nodejs: { splitting: true }` in infra would load at a cold start.
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
  const args = process.argv.slice(2);
  const samples = args.includes("--samples") ? Number(args[args.indexOf("--samples") + 1]) : undefined;
  const nodejs = { splitting: args.includes("--splitting") };
  const figures = await measureLambdaColdStart({ repoRoot, samples, nodejs, log: (line) => console.log(`[lambda] ${line}`) });
  console.log("");
  for (const line of formatLambdaTable(figures)) console.log(line);
  console.log("");
  printTable(lambdaRows(figures));
}
