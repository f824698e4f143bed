// Lambda functions, run the way Lambda runs them: each handler bundled with esbuild as SST bundles it for
// deploy, then loaded in a worker thread of its own, whose process.env is the function's environment and
// whose module state is its own (as a Lambda sandbox's). A change to a file a bundle includes retires the
// function's worker: the next call builds the new code into a new worker, so live reload needs no
// restart. Inline source maps keep breakpoints on the .ts files (`node --inspect` debugs worker threads too).
import { build, type Plugin } from "esbuild";
import { existsSync, mkdirSync } from "node:fs";
import { join, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { LambdaContext, LambdaHandler } from "./datasources/lambda.ts";
import { createFunctionLog } from "./function-log.ts";
import type { FromFunction, ToFunction } from "./lambda-worker.ts";

export type HandlerRegistryOptions = {
  /** Handler paths are relative to this folder. */
  repoRoot: string;
  /** Where the bundles are written. */
  outDir: string;
  region: string;
  /** Every function's environment variables (its configuration's Environment.Variables). */
  environment?: Record<string, string>;
  /** Where what functions write goes, a line per record, named after the function (default: the console). */
  log?: (line: string) => void;
};

export type HandlerRegistry = {
  /** The current handler of function `functionName`, whose code is "path/to/file.export". */
  get(functionName: string, handlerPath: string): Promise<LambdaHandler>;
  /** Retires the functions whose bundle includes a changed file (absolute paths); returns their handler paths. */
  invalidate(changedFiles: readonly string[]): string[];
  /** Stops every function's worker. */
  close(): Promise<void>;
};

/** The files a handler path may name, in the order SST looks for them. */
const handlerExtensions = [".ts", ".tsx", ".mts", ".cts", ".js", ".jsx", ".mjs", ".cjs"];

/** What receives invocations inside each function's worker, bundled in front of the handler. */
const workerEntry = fileURLToPath(new URL("./lambda-worker.ts", import.meta.url));

/**
 * Installed packages stay external (the worker loads them from node_modules); workspace packages, which
 * resolve to their sources outside node_modules, are bundled in like the app's own code (they change).
 */
const externalInstalledPackages: Plugin = {
  name: "external-installed-packages",
  setup(pluginBuild) {
    const resolving = Symbol("resolving");
    pluginBuild.onResolve({ filter: /^[^./]/ }, async (args) => {
      if (args.pluginData === resolving) return undefined;
      const resolved = await pluginBuild.resolve(args.path, { kind: args.kind, importer: args.importer, resolveDir: args.resolveDir, pluginData: resolving });
      if (resolved.errors.length > 0 || !resolved.path.includes(`${sep}node_modules${sep}`)) return undefined;
      return { path: args.path, external: true };
    });
  },
};

type Invocation = { resolve: (answer: unknown) => void; reject: (error: Error) => void };

/** One function's worker: the code it runs, and the calls it has not answered yet. */
type FunctionInstance = {
  functionName: string;
  handlerPath: string;
  /** The files its bundle includes (absolute paths), once built. */
  inputs: Set<string>;
  worker?: Worker;
  pending: Map<number, Invocation>;
  /** Replaced by newer code: stops once its calls are answered. */
  retired: boolean;
  exited: boolean;
};

export function createHandlerRegistry(options: HandlerRegistryOptions): HandlerRegistry {
  /** The current instance of each function, and the handler that invokes it once it is loaded. */
  const current = new Map<string, { instance: FunctionInstance; handler: Promise<LambdaHandler> }>();
  /** Every instance whose worker may still run (retired ones finishing their calls included). */
  const live = new Set<FunctionInstance>();
  let bundles = 0;
  let invocations = 0;
  const functionLog = createFunctionLog({ write: options.log ?? ((line) => console.log(line)) });

  /** Bundles the worker entry with the handler module, so the bundle itself is the worker's script. */
  async function bundle(functionName: string, handlerPath: string): Promise<{ file: string; inputs: Set<string> }> {
    const { file, exportName } = resolveHandler(options.repoRoot, handlerPath);
    const outFile = join(options.outDir, `${functionName}-${bundles++}.mjs`);
    mkdirSync(options.outDir, { recursive: true });
    const result = await build({
      stdin: {
        // `import *` finds a CommonJS module's `module.exports.handler` as well as an ES module's export.
        contents: [
          `import * as handlerModule from ${JSON.stringify(file)};`,
          `import { serveInvocations } from ${JSON.stringify(workerEntry)};`,
          `serveInvocations(handlerModule[${JSON.stringify(exportName)}], ${JSON.stringify(`${handlerPath}: ${file} does not export a function named "${exportName}"`)});`,
        ].join("\n"),
        resolveDir: options.repoRoot,
        sourcefile: `${functionName}-entry.js`,
      },
      outfile: outFile,
      bundle: true,
      format: "esm",
      platform: "node",
      target: "node24",
      sourcemap: "inline",
      metafile: true,
      logLevel: "silent",
      plugins: [externalInstalledPackages],
      // node_modules imports resolve from the repo root, where the bundle's imports are resolved.
      nodePaths: [join(options.repoRoot, "node_modules")],
      // The metafile's input paths are relative to this folder: `inputs` below resolves them from repoRoot.
      absWorkingDir: options.repoRoot,
    });
    const inputs = new Set(Object.keys(result.metafile.inputs).map((input) => resolve(options.repoRoot, input)));
    return { file: outFile, inputs };
  }

  /** Lambda's own variables for the function, then the configured ones. */
  function environmentOf(functionName: string): Record<string, string> {
    return {
      AWS_REGION: options.region,
      AWS_DEFAULT_REGION: options.region,
      AWS_LAMBDA_FUNCTION_NAME: functionName,
      AWS_LAMBDA_FUNCTION_VERSION: "$LATEST",
      ...options.environment,
    };
  }

  /** Builds the function's bundle and starts its worker; settles once the handler module has loaded. */
  async function start(instance: FunctionInstance): Promise<LambdaHandler> {
    const built = await bundle(instance.functionName, instance.handlerPath);
    built.inputs.forEach((input) => instance.inputs.add(input));
    // Plain Node runs the bundle (the parent's loaders, tsx's say, would only slow every import down), with
    // source maps on: stack traces name the .ts lines, as NODE_OPTIONS=--enable-source-maps does on Lambda.
    const worker = new Worker(built.file, { env: environmentOf(instance.functionName), execArgv: ["--enable-source-maps"], stdout: true, stderr: true });
    instance.worker = worker;
    for (const output of [worker.stdout, worker.stderr]) output.on("data", (chunk: Buffer) => functionLog.append(instance.functionName, chunk.toString("utf8")));
    worker.once("exit", () => functionLog.flush(instance.functionName));
    live.add(instance);
    // An idle function must not keep the process alive (the runtime's server does, while it serves).
    worker.unref();
    await new Promise<void>((resolveLoaded, rejectLoaded) => {
      worker.on("message", (message: FromFunction) => {
        if (message.kind === "loaded") return resolveLoaded();
        if (message.kind === "load-failed") return rejectLoaded(new Error(message.message));
        const invocation = instance.pending.get(message.id);
        if (!invocation) return;
        instance.pending.delete(message.id);
        if (message.kind === "result") invocation.resolve(message.result === undefined ? undefined : JSON.parse(message.result));
        else invocation.reject(Object.assign(new Error(message.error.message), { name: message.error.name, stack: message.error.stack }));
        if (instance.retired && instance.pending.size === 0) void worker.terminate();
      });
      // The handler's module threw while loading, or code it left running crashed the worker: like a
      // Lambda sandbox that died, the function starts afresh on its next call.
      const exited = (error: Error) => {
        rejectLoaded(error);
        instance.exited = true;
        live.delete(instance);
        if (current.get(instance.functionName)?.instance === instance) current.delete(instance.functionName);
        for (const invocation of instance.pending.values()) invocation.reject(error);
        instance.pending.clear();
      };
      worker.on("error", exited);
      worker.on("exit", (code) => exited(new Error(`${instance.functionName}'s worker exited (code ${code})`)));
    });
    return (event, context) => invoke(instance, event, context);
  }

  function invoke(instance: FunctionInstance, event: unknown, context: LambdaContext): Promise<unknown> {
    const worker = instance.worker;
    if (!worker || instance.exited) return Promise.reject(new Error(`${instance.functionName}'s worker has stopped`));
    const id = ++invocations;
    const { getRemainingTimeInMillis, ...fields } = context;
    const message: ToFunction = { id, event: JSON.stringify(event ?? null), context: { ...fields, remainingMs: getRemainingTimeInMillis() } };
    return new Promise((resolveAnswer, reject) => {
      instance.pending.set(id, { resolve: resolveAnswer, reject });
      worker.postMessage(message);
    });
  }

  /** A retired function answers the calls it has (an `Event` invocation may still run), then stops. */
  function retire(instance: FunctionInstance) {
    instance.retired = true;
    if (instance.pending.size === 0) void instance.worker?.terminate();
  }

  return {
    get(functionName, handlerPath) {
      const running = current.get(functionName);
      if (running && running.instance.handlerPath === handlerPath) return running.handler;
      if (running) retire(running.instance);
      const instance: FunctionInstance = { functionName, handlerPath, inputs: new Set(), pending: new Map(), retired: false, exited: false };
      const handler = start(instance);
      current.set(functionName, { instance, handler });
      handler.catch(() => {
        if (current.get(functionName)?.instance === instance) current.delete(functionName);
        retire(instance);
      });
      return handler;
    },
    invalidate(changedFiles) {
      const changed = new Set(changedFiles.map((file) => resolve(file)));
      const stale = [...current.values()].filter(({ instance }) => [...instance.inputs].some((input) => changed.has(input)));
      for (const { instance } of stale) {
        current.delete(instance.functionName);
        retire(instance);
      }
      return [...new Set(stale.map(({ instance }) => instance.handlerPath))];
    },
    async close() {
      current.clear();
      // Calls still running (`Event` invocations) are abandoned with their workers, not failed: nothing waits for them.
      for (const instance of live) instance.pending.clear();
      await Promise.all([...live].map((instance) => instance.worker?.terminate()));
    },
  };
}

/**
 * "packages/functions/src/catalog.handler" -> file "<repoRoot>/packages/functions/src/catalog.ts", export
 * "handler". A path without an extension (as SAM and serverless write it: "lambda/index.handler") names the
 * first of lambda/index.ts, .tsx, .mts, .cts, .js, .jsx, .mjs, .cjs that exists.
 */
export function resolveHandler(repoRoot: string, handlerPath: string): { file: string; exportName: string } {
  const dot = handlerPath.lastIndexOf(".");
  if (dot <= 0 || dot === handlerPath.length - 1) throw new Error(`Handler "${handlerPath}" must be "<path>.<export>"`);
  const base = resolve(repoRoot, handlerPath.slice(0, dot));
  const exportName = handlerPath.slice(dot + 1);
  const candidates = handlerExtensions.some((extension) => base.endsWith(extension)) ? [base] : handlerExtensions.map((extension) => `${base}${extension}`);
  const file = candidates.find((candidate) => existsSync(candidate));
  if (!file) throw new Error(`Handler "${handlerPath}": no file ${handlerPath.slice(0, dot)}${candidates.length > 1 ? ` (${handlerExtensions.join(", ")})` : ""}`);
  return { file, exportName };
}
