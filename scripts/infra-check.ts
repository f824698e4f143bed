// The offline infrastructure check (`npm test` runs it): makes sure SST's platform sources are
// installed in .sst/platform, type-checks sst.config.ts and infra/, then runs infra/test under
// Pulumi mocks. No AWS credentials, no network beyond npm's cache. Exits with the first failure.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const platform = join(root, ".sst", "platform");
const bin = (name: string) => join(root, "node_modules", ".bin", name);

// Without these, every SST command first tries to download Pulumi and bun from the internet.
const sstEnv: NodeJS.ProcessEnv = {
  ...process.env,
  SST_SKIP_DEPENDENCY_CHECK: "1",
  SST_NO_BUN: "1",
  SST_TELEMETRY_DISABLED: "1",
  // The platform's npm install then comes from npm's cache when it can.
  npm_config_prefer_offline: "true",
};

const readJson = (file: string) => JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>;
const bare = (version: string) => version.replace(/^[v^~=]+/, "");

/** Why .sst/platform must be (re)installed, or undefined when it matches the pinned sst. */
function platformStaleness(): string | undefined {
  if (!existsSync(join(platform, "config.d.ts"))) return ".sst/platform is missing";
  const pinned = String(readJson(join(root, "node_modules", "sst", "package.json")).version);
  const versionFile = join(platform, "version");
  const installed = existsSync(versionFile) ? readFileSync(versionFile, "utf8").trim() : "unknown";
  if (installed !== pinned) return `.sst/platform comes from sst ${installed}, the repository pins ${pinned}`;
  const dependencies = (readJson(join(platform, "package.json")).dependencies ?? {}) as Record<string, string>;
  for (const name of ["@pulumi/pulumi", "@pulumi/aws"]) {
    const manifest = join(platform, "node_modules", name, "package.json");
    if (!existsSync(manifest)) return `.sst/platform lacks ${name}`;
    const want = dependencies[name];
    const have = String(readJson(manifest).version);
    if (want !== undefined && bare(want) !== have) return `.sst/platform has ${name} ${have}, it wants ${want}`;
  }
  return undefined;
}

function step(title: string, command: string, args: string[], env: NodeJS.ProcessEnv = process.env): void {
  console.log(`\n▶ ${title}`);
  const started = Date.now();
  const result = spawnSync(command, args, { cwd: root, env, stdio: "inherit" });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (result.error) throw result.error;
  if (result.status !== 0) {
    console.error(`✗ ${title} failed (exit ${result.status ?? result.signal}) after ${seconds} s`);
    process.exit(result.status ?? 1);
  }
  console.log(`✓ ${title} (${seconds} s)`);
}

const staleness = platformStaleness();
if (staleness) step(`sst install (${staleness})`, bin("sst"), ["install", "--stage", "ci"], sstEnv);
else console.log("✓ .sst/platform is current: sst install skipped");

step("tsc -p infra/tsconfig.json", bin("tsc"), ["-p", "infra/tsconfig.json"]);
step("vitest: infra/test under Pulumi mocks", bin("vitest"), ["run", "--config", "infra/vitest.config.ts"]);
