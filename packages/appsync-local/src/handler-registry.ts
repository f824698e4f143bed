// Lambda handlers, bundled with esbuild the way SST bundles them for deploy, then imported into this
// process. A change makes the next call rebuild and import a fresh copy (core code included), so
// live reload needs no restart; inline source maps keep `node --inspect` breakpoints on the .ts files.
import { build, type Plugin } from "esbuild";
import { mkdirSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { LambdaHandler } from "./datasources/lambda.ts";

type Loaded = { version: number; handler: Promise<LambdaHandler>; inputs: Set<string> };

/** Workspace packages are bundled in (they change); everything from node_modules stays external. */
const externalNodeModules: Plugin = {
  name: "external-node-modules",
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.path.startsWith("@marquee/")) return undefined;
      return { path: args.path, external: true };
    });
  },
};

export function createHandlerRegistry(options: { repoRoot: string; outDir: string }) {
  const loaded = new Map<string, Loaded>();
  let version = 0;

  async function load(handlerPath: string, atVersion: number): Promise<{ handler: LambdaHandler; inputs: Set<string> }> {
    const { file, exportName } = splitHandlerPath(handlerPath);
    const entry = resolve(options.repoRoot, file);
    const outFile = join(options.outDir, `${basename(file).replace(/\.[cm]?[jt]s$/, "")}-${atVersion}.mjs`);
    mkdirSync(dirname(outFile), { recursive: true });
    const result = await build({
      entryPoints: [entry],
      outfile: outFile,
      bundle: true,
      format: "esm",
      platform: "node",
      target: "node20",
      sourcemap: "inline",
      metafile: true,
      logLevel: "silent",
      plugins: [externalNodeModules],
      // node_modules imports resolve from the repo root, where the bundle's imports are resolved.
      nodePaths: [join(options.repoRoot, "node_modules")],
      // The metafile's input paths are relative to this folder: `inputs` below resolves them from repoRoot.
      absWorkingDir: options.repoRoot,
    });
    const module = (await import(`${pathToFileURL(outFile).href}`)) as Record<string, unknown>;
    const handler = module[exportName];
    if (typeof handler !== "function") throw new Error(`${file} does not export a function named "${exportName}"`);
    const inputs = new Set(Object.keys(result.metafile.inputs).map((input) => resolve(options.repoRoot, input)));
    return { handler: handler as LambdaHandler, inputs };
  }

  return {
    /** The current handler for "path/to/file.exportName". */
    get(handlerPath: string): Promise<LambdaHandler> {
      const current = loaded.get(handlerPath);
      if (current && current.version === version) return current.handler;
      const atVersion = version;
      const inputs = new Set<string>();
      const handler = load(handlerPath, atVersion).then((result) => {
        result.inputs.forEach((input) => inputs.add(input));
        return result.handler;
      });
      loaded.set(handlerPath, { version: atVersion, handler, inputs });
      handler.catch(() => loaded.delete(handlerPath));
      return handler;
    },
    /** Marks handlers whose bundle includes a changed file as stale; returns their paths. */
    invalidate(changedFiles: readonly string[]): string[] {
      const changed = new Set(changedFiles.map((file) => resolve(file)));
      const stale = [...loaded.entries()].filter(([, entry]) => [...entry.inputs].some((input) => changed.has(input)));
      if (stale.length > 0) version += 1;
      return stale.map(([path]) => path);
    },
  };
}

/** "packages/functions/src/catalog.handler" -> file "packages/functions/src/catalog.ts", export "handler". */
export function splitHandlerPath(handlerPath: string): { file: string; exportName: string } {
  const dot = handlerPath.lastIndexOf(".");
  if (dot <= 0) throw new Error(`Handler "${handlerPath}" must be "<path>.<export>"`);
  const base = handlerPath.slice(0, dot);
  return { file: /\.[cm]?[jt]s$/.test(base) ? base : `${base}.ts`, exportName: handlerPath.slice(dot + 1) };
}
