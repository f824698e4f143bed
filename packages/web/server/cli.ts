// `npm run serve -w packages/web`: the web client against the stack `npm start` is running
// (its settings in .marquee/stack.json). `--dev` for Vite's dev server, `--port N` to choose the port.
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { startWebServer, webRoot, type WebStackInfo } from "./web-server.ts";

const args = process.argv.slice(2);
const portIndex = args.indexOf("--port");
const port = portIndex >= 0 ? Number(args[portIndex + 1]) : Number(process.env.MARQUEE_WEB_PORT ?? 4004);
const stackFile = join(resolve(webRoot, "../.."), ".marquee", "stack.json");
let stackInfo: WebStackInfo;
try {
  stackInfo = JSON.parse(readFileSync(stackFile, "utf8")) as WebStackInfo;
} catch {
  console.error(`No ${stackFile}: start the stack first with \`npm start\`.`);
  process.exit(1);
}
const server = await startWebServer({ stackInfo, port, mode: args.includes("--dev") ? "dev" : "dist", log: (line) => console.log(`[web] ${line}`) });
console.log(`[web] Marquee ${server.url}`);
const stop = () => void server.close().then(() => process.exit(0));
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
