// `npm start`: the whole of Marquee on this machine, with its data kept under .marquee/.
// It runs in one process (`node --import tsx`), not under tsx's CLI: that runs the script in a child and
// SIGKILLs it when its event loop, busy seeding, takes more than ~60 ms to acknowledge Ctrl-C.
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { EngineStartError } from "@marquee/aws-local/engines/readiness";
import { startStack, type StackPorts } from "../stack.ts";
import { startWebServer } from "@marquee/web/server/web-server";

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../../../..");

function portFromEnv(name: string, fallback: number): number {
  const value = process.env[name];
  if (!value) return fallback;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    console.error(`${name}=${value} is not a port number (1-65535).`);
    process.exit(1);
  }
  return port;
}

const ports: StackPorts = {
  graphql: portFromEnv("MARQUEE_PORT", 4000),
  dynamodb: portFromEnv("MARQUEE_DYNAMODB_PORT", 4001),
  cognito: portFromEnv("MARQUEE_COGNITO_PORT", 4002),
  s3: portFromEnv("MARQUEE_S3_PORT", 4003),
};
const webPort = portFromEnv("MARQUEE_WEB_PORT", 4004);

const started = performance.now();
const log = (line: string) => console.log(`[marquee] ${line}`);
try {
  const stack = await startStack({ repoRoot, persistent: true, ports, watch: true, seedInBackground: true, log });
  // The web client on Vite's dev server: edits to packages/web reload the page, like the API's live reload.
  const web = await startWebServer({ stackInfo: stack.info, port: webPort, mode: "dev", log: (line) => log(`web: ${line}`) }).catch(async (error: unknown) => {
    await stack.stop();
    throw portInUse(error) ? new EngineStartError(`Port ${webPort} (the web client) is in use: stop what holds it, or set MARQUEE_WEB_PORT.`) : error;
  });
  const stackFile = join(repoRoot, ".marquee", "stack.json");
  mkdirSync(dirname(stackFile), { recursive: true });
  writeFileSync(stackFile, `${JSON.stringify({ ...stack.info, webUrl: web.url }, null, 2)}\n`);
  log(`ready in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  log(`Web app  ${web.url}`);
  log(`GraphQL  ${stack.info.graphqlUrl}`);
  log(`IDE      ${stack.info.ideUrl}`);
  log(`settings ${stackFile}`);
  for (const user of stack.info.demoUsers) log(`demo user ${user.email} / ${user.password}${user.groups.length ? ` (${user.groups.join(", ")})` : ""}`);
  log("Ctrl-C stops everything.");
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: stopping`);
    await web.close().catch(() => undefined);
    await stack.stop();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
} catch (error) {
  if (error instanceof EngineStartError) {
    console.error(`[marquee] ${error.message}`);
    process.exit(1);
  }
  throw error;
}

function portInUse(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | undefined)?.code === "EADDRINUSE" || /EADDRINUSE|already in use/i.test(String((error as Error | undefined)?.message));
}
