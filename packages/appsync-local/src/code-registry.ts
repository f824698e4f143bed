// Bundles every APPSYNC_JS entry of a manifest once, loads it, and reloads what a change touched.
import { resolve } from "node:path";
import { bundleAppSyncCodeWithInputs } from "@marquee/appsync-contract/bundle";
import { loadResolverCode, type ResolverCode } from "./code.ts";
import type { CodeRegistry } from "./executor.ts";
import { codeEntries, type ResolverManifest } from "@marquee/appsync-contract";

export type BundledEntry = { entry: string; code: string; inputs: Set<string>; loaded: ResolverCode };

/** `constants`: identifiers replaced at bundle time (esbuild `define`), as the deploy does. */
export function createCodeRegistry(manifest: ResolverManifest, repoRoot: string, constants: Record<string, string> = {}) {
  const bundles = new Map<string, BundledEntry>();

  function build(entry: string): BundledEntry {
    const absolute = resolve(repoRoot, entry);
    const { code, inputs } = bundleAppSyncCodeWithInputs(absolute, constants);
    const bundled = {
      entry,
      code,
      inputs: new Set(inputs.map((input) => resolve(input))),
      loaded: loadResolverCode(code, entry),
    };
    bundles.set(entry, bundled);
    return bundled;
  }

  for (const entry of codeEntries(manifest)) build(entry);

  const registry: CodeRegistry & {
    bundles(): BundledEntry[];
    /** Rebuilds the entries that include any of `changedFiles` (absolute paths); returns their names. */
    reload(changedFiles: readonly string[]): string[];
  } = {
    get(entry) {
      return (bundles.get(entry) ?? build(entry)).loaded;
    },
    bundles: () => [...bundles.values()],
    reload(changedFiles) {
      const changed = new Set(changedFiles.map((file) => resolve(file)));
      const rebuilt: string[] = [];
      for (const bundle of [...bundles.values()]) {
        if ([...bundle.inputs].some((input) => changed.has(input))) {
          build(bundle.entry);
          rebuilt.push(bundle.entry);
        }
      }
      return rebuilt;
    },
  };
  return registry;
}
