// The package boundaries, checked over every TypeScript file in git (`npm test` runs it):
// - no relative import leaves its package (packages/<name>/, infra/, the root);
// - every package another imports is declared in the importer's package.json;
// - no import cycle between workspace packages;
// - nothing deployable (infra, core, functions) imports an offline package outside its tests;
// - the AppSync runtime imports nothing of Marquee;
// - APPSYNC_JS resolvers import only @aws-appsync/utils, their own folder and @marquee/core/appsync, whose
//   modules import no package at all.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { builtinModules } from "node:module";
import { dirname, join, normalize, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export type SourceFile = { path: string; text: string };
export type PackageJson = { name: string; dependencies?: Record<string, string>; devDependencies?: Record<string, string>; peerDependencies?: Record<string, string> };
export type Workspace = { files: SourceFile[]; packages: Record<string, PackageJson> };

const offlinePackages = new Set(["@marquee/appsync-local", "@marquee/aws-local", "@marquee/offline"]);
const deployable = new Set(["#infra", "core", "functions"]);
/** The runtime is generic: it may use the contract, and in its tests the local engines. */
const runtimeAllowed = new Set(["@marquee/appsync-contract"]);
const runtimeTestAllowed = new Set(["@marquee/appsync-contract", "@marquee/aws-local"]);
const builtins = new Set(builtinModules);

/** "packages/core/src/x.ts" -> "core"; infra/ and the root are boundaries of their own. */
export function packageDirOf(path: string): string {
  const match = /^packages\/([^/]+)\//.exec(path);
  if (match) return match[1]!;
  return path.startsWith("infra/") ? "#infra" : "#root";
}

const isTestFile = (path: string) => /\/(test|bench|harness|testing)\//.test(path) || /\.test\.tsx?$/.test(path) || path.startsWith("infra/test/");

export type ImportOf = { specifier: string; typeOnly: boolean };

/** Static imports and re-exports, `import("x")`, and whether each is type-only (erased from the bundle). */
export function importsOf(text: string): ImportOf[] {
  const found: ImportOf[] = [];
  const code = text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/^\s*\/\/.*$/gm, "");
  for (const match of code.matchAll(/(?:^|[\s;])(?:import|export)\s+(type\s+)?(?:[^'"`;]*?\sfrom\s+)?["']([^"']+)["']|\bimport\(\s*["']([^"']+)["']\s*\)/gm)) {
    found.push({ specifier: (match[2] ?? match[3])!, typeOnly: Boolean(match[1]) });
  }
  return found;
}

const packageNameOf = (specifier: string) =>
  specifier.startsWith("@") ? specifier.split("/").slice(0, 2).join("/") : specifier.split("/")[0]!;

export function lintPackages(workspace: Workspace): string[] {
  const problems: string[] = [];
  const dirOfName = new Map(Object.entries(workspace.packages).map(([dir, json]) => [json.name, dir]));
  const edges = new Map<string, Set<string>>();
  const appsyncEntry = "packages/core/src/appsync.ts";
  const appsyncModules = new Set<string>();

  for (const file of workspace.files) {
    const from = packageDirOf(file.path);
    const declared = workspace.packages[from];
    for (const { specifier } of importsOf(file.text)) {
      if (specifier.startsWith(".")) {
        const target = normalize(join(dirname(file.path), specifier));
        // The root's sst.config.ts is the app around infra/: it imports infra's files.
        const crossing = packageDirOf(target) !== from && !(from === "#root" && packageDirOf(target) === "#infra");
        if (crossing && !target.startsWith(".sst/")) problems.push(`${file.path}: relative import "${specifier}" leaves its package; import it by package name`);
        if (file.path === appsyncEntry) appsyncModules.add(target);
        continue;
      }
      if (specifier.startsWith("node:") || builtins.has(specifier)) continue;
      const name = packageNameOf(specifier);
      const targetDir = dirOfName.get(name);
      if (declared && name !== declared.name) {
        const all = { ...declared.dependencies, ...declared.devDependencies, ...declared.peerDependencies };
        if (!(name in all)) problems.push(`${file.path}: imports ${name}, which packages/${from}/package.json does not declare`);
      }
      if (targetDir && targetDir !== from) (edges.get(from) ?? edges.set(from, new Set()).get(from)!).add(targetDir);
      if (deployable.has(from) && offlinePackages.has(name) && !isTestFile(file.path)) problems.push(`${file.path}: deployable code imports the offline package ${name}`);
      if (from === "appsync-local" && name.startsWith("@marquee/") && !(isTestFile(file.path) ? runtimeTestAllowed : runtimeAllowed).has(name))
        problems.push(`${file.path}: the AppSync runtime imports ${name}; it must know nothing of Marquee`);
      if (file.path.startsWith("packages/functions/src/resolvers/") && !/^@aws-appsync\/utils(\/dynamodb)?$/.test(specifier) && specifier !== "@marquee/core/appsync")
        problems.push(`${file.path}: an APPSYNC_JS resolver imports "${specifier}"; only @aws-appsync/utils and @marquee/core/appsync can run there`);
    }
  }

  // What @marquee/core/appsync re-exports is bundled into APPSYNC_JS: it may import nothing but its siblings.
  const pending = [...appsyncModules];
  const visited = new Set<string>();
  const byPath = new Map(workspace.files.map((file) => [file.path, file]));
  while (pending.length > 0) {
    const path = pending.pop()!;
    if (visited.has(path)) continue;
    visited.add(path);
    const file = byPath.get(path) ?? byPath.get(`${path}.ts`);
    if (!file) continue;
    for (const { specifier, typeOnly } of importsOf(file.text)) {
      if (typeOnly) continue;
      if (specifier.startsWith(".")) pending.push(normalize(join(dirname(file.path), specifier)));
      else problems.push(`${file.path}: reached from @marquee/core/appsync, imports "${specifier}"; resolver modules must be dependency-free`);
    }
  }

  for (const cycle of cyclesOf(edges)) problems.push(`package import cycle: ${cycle.join(" -> ")}`);
  return problems;
}

function cyclesOf(edges: Map<string, Set<string>>): string[][] {
  const cycles: string[][] = [];
  const state = new Map<string, "visiting" | "done">();
  const stack: string[] = [];
  const visit = (node: string) => {
    state.set(node, "visiting");
    stack.push(node);
    for (const next of edges.get(node) ?? []) {
      if (state.get(next) === "visiting") cycles.push([...stack.slice(stack.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(node, "done");
  };
  for (const node of edges.keys()) if (!state.has(node)) visit(node);
  return cycles;
}

export function readWorkspace(root: string): Workspace {
  const paths = execFileSync("git", ["ls-files", "--cached", "--others", "--exclude-standard", "*.ts", "*.tsx", "*.mts"], { cwd: root, encoding: "utf8" })
    .split("\n")
    .filter((path) => path && existsSync(join(root, path)));
  const files = paths.map((path) => ({ path, text: readFileSync(join(root, path), "utf8") }));
  const packages: Record<string, PackageJson> = {};
  for (const path of new Set(paths.map(packageDirOf))) {
    if (path.startsWith("#")) continue;
    const file = join(root, "packages", path, "package.json");
    if (existsSync(file)) packages[path] = JSON.parse(readFileSync(file, "utf8")) as PackageJson;
  }
  return { files, packages };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
  const problems = lintPackages(readWorkspace(root));
  for (const problem of problems) console.error(problem);
  if (problems.length > 0) {
    console.error(`lint-packages: ${problems.length} problem(s)`);
    process.exit(1);
  }
  console.log("lint-packages: package boundaries hold");
}
