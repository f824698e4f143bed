// Serves the web client against a local stack: the built dist/ (tests, bench) or Vite's dev server with
// live reload (`npm start`), with the stack's settings injected into index.html instead of the VITE_*
// build settings AWS uses. Local only: it also confirms new accounts at once (cognito-local sends no
// emails), through a route the client uses only when the injected settings name it.
import { createReadStream, existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

export const webRoot = resolve(fileURLToPath(new URL("..", import.meta.url)));
export const defaultDistDirectory = join(webRoot, "dist");
export const localConfirmPath = "/__marquee/confirm-sign-up";

/** What the client needs from the stack (a subset of the offline stack's StackInfo). */
export type WebStackInfo = {
  graphqlUrl: string;
  region: string;
  cognitoEndpoint: string;
  userPoolId: string;
  userPoolClientId: string;
  demoUsers?: ReadonlyArray<{ email: string; password: string; groups: readonly string[] }>;
};

export type WebServerOptions = {
  stackInfo: WebStackInfo;
  /** 0 or omitted: a free port. */
  port?: number;
  host?: string;
  /** "dist": the production build (built first when missing or older than the sources); "dev": Vite's dev server. */
  mode?: "dist" | "dev";
  distDirectory?: string;
  log?: (line: string) => void;
};

export type WebServer = { url: string; port: number; close(): Promise<void> };

export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  return options.mode === "dev" ? startDevServer(options) : startDistServer(options);
}

/** The `<script>` that hands the stack's settings to the client (see src/config.ts). */
export function configScript(info: WebStackInfo): string {
  const config = {
    graphqlUrl: info.graphqlUrl,
    region: info.region,
    cognitoEndpoint: info.cognitoEndpoint,
    userPoolId: info.userPoolId,
    userPoolClientId: info.userPoolClientId,
    localConfirmUrl: localConfirmPath,
    demoUsers: info.demoUsers,
  };
  return `<script>window.__MARQUEE_CONFIG__ = ${JSON.stringify(config).replace(/</g, "\\u003c")};</script>`;
}

export function injectConfig(html: string, info: WebStackInfo): string {
  return html.includes("<!--marquee-config-->") ? html.replace("<!--marquee-config-->", configScript(info)) : html.replace("</head>", `${configScript(info)}</head>`);
}

/** Builds the client with Vite into `outDir` (default dist/). */
export async function buildWeb(options: { outDir?: string; log?: (line: string) => void } = {}): Promise<string> {
  const { build } = await import("vite");
  const outDir = options.outDir ?? defaultDistDirectory;
  const started = performance.now();
  await build({ root: webRoot, configFile: join(webRoot, "vite.config.ts"), logLevel: "warn", build: { outDir, emptyOutDir: true } });
  options.log?.(`built the web client in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return outDir;
}

/** Whether dist/ is missing or older than a source file, the schema or the Vite config. */
export function buildIsStale(distDirectory = defaultDistDirectory): boolean {
  const index = join(distDirectory, "index.html");
  if (!existsSync(index)) return true;
  const builtAt = statSync(index).mtimeMs;
  const newest = (path: string): number => {
    const stats = statSync(path);
    if (!stats.isDirectory()) return stats.mtimeMs;
    let latest = stats.mtimeMs;
    for (const entry of readdirSync(path)) latest = Math.max(latest, newest(join(path, entry)));
    return latest;
  };
  const sources = [join(webRoot, "src"), join(webRoot, "index.html"), join(webRoot, "vite.config.ts"), resolve(webRoot, "../../schema.graphql")];
  return sources.filter((path) => existsSync(path)).some((path) => newest(path) > builtAt);
}

// ---------------------------------------------------------------- dist

const contentTypes: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".json": "application/json",
  ".mp4": "video/mp4",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".txt": "text/plain; charset=utf-8",
};

async function startDistServer(options: WebServerOptions): Promise<WebServer> {
  const distDirectory = resolve(options.distDirectory ?? defaultDistDirectory);
  if (!options.distDirectory && buildIsStale(distDirectory)) {
    options.log?.("building the web client (dist/ is missing or older than its sources)…");
    await buildWeb({ outDir: distDirectory, log: options.log });
  }
  if (!existsSync(join(distDirectory, "index.html"))) throw new Error(`No web build in ${distDirectory}: run \`npm run build -w packages/web\`.`);
  const indexHtml = injectConfig(readFileSync(join(distDirectory, "index.html"), "utf8"), options.stackInfo);

  const server = createServer((request, response) => {
    handleDist(request, response, distDirectory, indexHtml, options.stackInfo).catch((error: unknown) => {
      options.log?.(`web server error: ${error instanceof Error ? error.message : String(error)}`);
      if (!response.headersSent) response.writeHead(500).end();
    });
  });
  return listen(server, options);
}

async function handleDist(request: IncomingMessage, response: ServerResponse, root: string, indexHtml: string, info: WebStackInfo) {
  const url = new URL(request.url ?? "/", "http://localhost");
  if (url.pathname === localConfirmPath) return confirmSignUp(request, response, info);
  if (request.method !== "GET" && request.method !== "HEAD") return void response.writeHead(405, { allow: "GET, HEAD" }).end();

  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return void response.writeHead(400).end();
  }
  const file = normalize(join(root, pathname));
  const inside = file.startsWith(root + sep);
  if (inside && existsSync(file) && statSync(file).isFile() && !file.endsWith(`${sep}index.html`)) return sendFile(request, response, file);
  // A path with an extension that is not there is a missing file; anything else is a page of the app.
  if (extname(pathname)) return void response.writeHead(404, { "content-type": "text/plain" }).end("Not found");
  response.writeHead(200, { "content-type": contentTypes[".html"], "cache-control": "no-cache" });
  response.end(request.method === "HEAD" ? undefined : indexHtml);
}

/** A static file, with byte ranges (the browser seeks in the video with them). */
function sendFile(request: IncomingMessage, response: ServerResponse, file: string) {
  const size = statSync(file).size;
  const headers: Record<string, string> = {
    "content-type": contentTypes[extname(file)] ?? "application/octet-stream",
    "accept-ranges": "bytes",
    // Hashed names under assets/ never change.
    "cache-control": file.includes(`${sep}assets${sep}`) ? "public, max-age=31536000, immutable" : "no-cache",
  };
  const range = /^bytes=(\d*)-(\d*)$/.exec(request.headers.range ?? "");
  if (range && (range[1] || range[2])) {
    let start = range[1] ? Number(range[1]) : Math.max(0, size - Number(range[2]));
    let end = range[1] && range[2] ? Number(range[2]) : size - 1;
    end = Math.min(end, size - 1);
    if (start > end || start >= size) {
      response.writeHead(416, { "content-range": `bytes */${size}` }).end();
      return;
    }
    start = Math.max(0, start);
    response.writeHead(206, { ...headers, "content-range": `bytes ${start}-${end}/${size}`, "content-length": String(end - start + 1) });
    if (request.method === "HEAD") return void response.end();
    createReadStream(file, { start, end }).pipe(response);
    return;
  }
  response.writeHead(200, { ...headers, "content-length": String(size) });
  if (request.method === "HEAD") return void response.end();
  createReadStream(file).pipe(response);
}

/** cognito-local's AdminConfirmSignUp for a just-signed-up account (it checks no credentials). */
async function confirmSignUp(request: IncomingMessage, response: ServerResponse, info: WebStackInfo) {
  if (request.method !== "POST") return void response.writeHead(405, { allow: "POST" }).end();
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  let email = "";
  try {
    email = String((JSON.parse(Buffer.concat(chunks).toString("utf8")) as { email?: unknown }).email ?? "");
  } catch {
    email = "";
  }
  if (!email) return void response.writeHead(400, { "content-type": "application/json" }).end(JSON.stringify({ message: "email is required" }));
  const answer = await fetch(info.cognitoEndpoint, {
    method: "POST",
    headers: { "content-type": "application/x-amz-json-1.1", "x-amz-target": "AWSCognitoIdentityProviderService.AdminConfirmSignUp" },
    body: JSON.stringify({ UserPoolId: info.userPoolId, Username: email }),
  });
  const body = await answer.text();
  response.writeHead(answer.ok ? 200 : 502, { "content-type": "application/json" }).end(answer.ok ? "{}" : body);
}

// ---------------------------------------------------------------- dev

async function startDevServer(options: WebServerOptions): Promise<WebServer> {
  const { createServer: createViteServer } = await import("vite");
  const info = options.stackInfo;
  const vite = await createViteServer({
    root: webRoot,
    configFile: join(webRoot, "vite.config.ts"),
    logLevel: "warn",
    server: { port: options.port || (await freePort()), host: options.host ?? "127.0.0.1", strictPort: true },
    plugins: [
      {
        name: "marquee-local-stack",
        transformIndexHtml: (html) => injectConfig(html, info),
        configureServer(server) {
          server.middlewares.use((request, response, next) => {
            if ((request.url ?? "").split("?")[0] === localConfirmPath) void confirmSignUp(request, response, info).catch(next);
            else next();
          });
        },
      },
    ],
  });
  // The dev server does not run the build hooks: make the generated files and the clip first.
  const { writeGeneratedFiles } = await import("../scripts/generate.ts");
  const { ensureSampleClip } = await import("../scripts/sample-clip.ts");
  writeGeneratedFiles();
  await ensureSampleClip(join(webRoot, "public"), options.log);
  await vite.listen();
  const address = vite.httpServer?.address() as AddressInfo | null;
  if (!address) throw new Error("Vite's dev server did not start.");
  const host = options.host ?? "127.0.0.1";
  return { url: `http://${host}:${address.port}/`, port: address.port, close: () => vite.close() };
}

/** Vite reads port 0 as "its default, 5173": ask the system for a free one instead. */
function freePort(): Promise<number> {
  return new Promise((resolvePromise, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolvePromise(port));
    });
  });
}

function listen(server: Server, options: WebServerOptions): Promise<WebServer> {
  const host = options.host ?? "127.0.0.1";
  return new Promise((resolvePromise, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => {
      const { port } = server.address() as AddressInfo;
      resolvePromise({
        url: `http://${host}:${port}/`,
        port,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}
