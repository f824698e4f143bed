// Loads APPSYNC_JS code (one bundled ESM file, as AppSync receives it) into this process.
//
// The bundle imports `@aws-appsync/utils` and `@aws-appsync/utils/dynamodb`, which exist only inside
// AppSync; here they resolve to this package's implementation. The ESM text is rewritten to a
// function body by esbuild (no module loader involved), so reloading changed code is just loading it again.
import { transformSync } from "esbuild";
import { dynamodbModule, extensions, runtime, util } from "./runtime/index.ts";

export type ResolverHandler = (ctx: unknown) => unknown;

export type ResolverCode = {
  request?: ResolverHandler;
  response?: ResolverHandler;
};

const appsyncModules: Record<string, unknown> = {
  "@aws-appsync/utils": { util, runtime, extensions },
  "@aws-appsync/utils/dynamodb": dynamodbModule,
};

/** Turns APPSYNC_JS module source into its exported handlers. `filename` names it in stack traces. */
export function loadResolverCode(source: string, filename = "resolver.js"): ResolverCode {
  const { code } = transformSync(source, {
    format: "cjs",
    loader: "js",
    target: "es2022",
    sourcefile: filename,
  });
  const module = { exports: {} as Record<string, unknown> };
  const requireAppSync = (specifier: string) => {
    if (specifier in appsyncModules) return appsyncModules[specifier];
    throw new Error(`APPSYNC_JS code can import only @aws-appsync/utils modules, not "${specifier}" (${filename})`);
  };
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- this is the code evaluator
  // AppSync also has util, runtime and extensions as globals: code may use them without importing.
  new Function("require", "module", "exports", "util", "runtime", "extensions", `${code}\n//# sourceURL=${filename}`)(
    requireAppSync,
    module,
    module.exports,
    util,
    runtime,
    extensions,
  );
  const exported = module.exports;
  const pick = (name: string) => (typeof exported[name] === "function" ? (exported[name] as ResolverHandler) : undefined);
  return { request: pick("request"), response: pick("response") };
}
