// Bundles one APPSYNC_JS resolver or pipeline function entry into the single ESM file AppSync
// accepts. infra/api.ts (deploy) and @marquee/appsync-local (offline) both call this, so the code
// that deploys is the code that runs locally. `constants` replace `declare const` names at bundle time.
import { buildSync, type Metafile } from "esbuild";

export type AppSyncBundle = { code: string; inputs: string[] };

/** `entryPath`: absolute, or relative to the current directory (the repo root when run by SST or npm). */
export function bundleAppSyncCodeWithInputs(entryPath: string, constants: Record<string, string> = {}): AppSyncBundle {
  const result = buildSync({
    define: constants,
    entryPoints: [entryPath],
    bundle: true,
    write: false,
    format: "esm",
    target: "esnext",
    platform: "node",
    external: ["@aws-appsync/utils", "@aws-appsync/utils/*"],
    sourcemap: false,
    minify: false,
    legalComments: "none",
    metafile: true,
    logLevel: "silent",
  });
  const output = result.outputFiles[0];
  if (!output) throw new Error(`esbuild produced no output for ${entryPath}`);
  return { code: output.text, inputs: Object.keys((result.metafile as Metafile).inputs) };
}

export function bundleAppSyncCode(entryPath: string, constants: Record<string, string> = {}): string {
  return bundleAppSyncCodeWithInputs(entryPath, constants).code;
}
