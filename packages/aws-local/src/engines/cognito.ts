// cognito-local (npm `cognito-local`), a Cognito user pool API, run as a child process and stopped by code.
import { spawn } from "node:child_process";
import { generateKeyPairSync } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { assertPortFree, waitUntilReady } from "./readiness.ts";

export type CognitoLocal = {
  endpoint: string;
  port: number;
  pid: number | undefined;
  /** cognito-local's working folder (its data is in `.cognito` there). */
  directory: string;
  stop(): Promise<void>;
};

export type CognitoLocalOptions = {
  port: number;
  /** Working folder (cognito-local keeps its pools in `./.cognito` there); omitted = a temp folder removed on stop. */
  dataDirectory?: string;
  /** The setting that chose `port`, named in the message when the port is taken. */
  portVariable?: string;
};

/** Region and credentials for SDK clients aimed at cognito-local: it checks neither. */
export function cognitoLocalClientConfig(endpoint: string) {
  return { endpoint, region: "us-east-1", credentials: { accessKeyId: "local", secretAccessKey: "local" } };
}

const outputLimit = 64 * 1024;

function cognitoLocalBin(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve("cognito-local/package.json")), "lib/bin/start.js");
}

// Loaded into the child before cognito-local: the IPC channel closes when the parent dies, however it dies,
// so a crashed `npm start` does not leave cognito-local holding its port (nor a test's temp folder behind).
const exitWithParent =
  `data:text/javascript,import{rmSync}from"node:fs";process.on("disconnect",()=>{` +
  `if(process.env.MARQUEE_REMOVE_CWD_ON_EXIT)rmSync(process.cwd(),{recursive:true,force:true});process.exit(0)})`;

// cognito-local signs with the key pair published in its npm package (lib/keys/cognitoLocal.*.json), so
// anyone could forge its tokens. This preload puts a key pair of the data directory's own in those two
// modules' places in require's cache before cognito-local loads them: tokenGenerator.js signs with it,
// the JWKS route serves its public half. The kid stays "CognitoLocal" (tokenGenerator.js sets it).
const signWithOwnKey =
  `data:text/javascript,import{createPrivateKey,createPublicKey}from"node:crypto";import{readFileSync}from"node:fs";` +
  `import{createRequire,Module}from"node:module";import{dirname,join}from"node:path";` +
  `const keys=join(dirname(createRequire(process.argv[1]).resolve("cognito-local/package.json")),"lib/keys");` +
  `const privateKey=createPrivateKey(readFileSync(process.env.MARQUEE_COGNITO_SIGNING_KEY));const publicKey=createPublicKey(privateKey);` +
  `const header={kid:"CognitoLocal",alg:"RS256",use:"sig"};` +
  `const provide=(file,exports)=>{const module=new Module(file);module.filename=file;module.loaded=true;module.exports=exports;Module._cache[file]=module};` +
  `provide(join(keys,"cognitoLocal.private.json"),{jwk:{...privateKey.export({format:"jwk"}),...header},pem:privateKey.export({format:"pem",type:"pkcs8"})});` +
  `provide(join(keys,"cognitoLocal.public.json"),{jwk:{...publicKey.export({format:"jwk"}),...header},pem:publicKey.export({format:"pem",type:"spki"})});`;

/** The key pair cognito-local's npm package publishes (and this engine replaces): tests prove its tokens are refused. */
export function publishedKeyPair(): { publicJwk: JsonWebKey; privateJwk: JsonWebKey } {
  const keys = join(dirname(createRequire(import.meta.url).resolve("cognito-local/package.json")), "lib/keys");
  const read = (file: string) => (JSON.parse(readFileSync(join(keys, file), "utf8")) as { jwk: JsonWebKey }).jwk;
  return { publicJwk: read("cognitoLocal.public.json"), privateJwk: read("cognitoLocal.private.json") };
}

/** The data directory's signing key (PKCS#8 PEM), made on its first start; never the package's. */
function signingKeyOf(workingDirectory: string): string {
  const file = join(workingDirectory, "signing-key.pem");
  if (existsSync(file)) return file;
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  try {
    writeFileSync(file, privateKey.export({ format: "pem", type: "pkcs8" }), { mode: 0o600, flag: "wx" });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  return file;
}

export async function startCognitoLocal(options: CognitoLocalOptions): Promise<CognitoLocal> {
  await assertPortFree(options.port, "cognito-local", options.portVariable);
  const workingDirectory = options.dataDirectory ?? mkdtempSync(join(tmpdir(), "marquee-cognito-"));
  mkdirSync(workingDirectory, { recursive: true });

  // Started with node directly (not npx or a shell), so the pid is cognito-local itself; it spawns no
  // children of its own (checked with `ps --ppid`), so signalling that pid stops everything.
  const signingKey = signingKeyOf(workingDirectory);
  const child = spawn(process.execPath, ["--import", exitWithParent, "--import", signWithOwnKey, cognitoLocalBin()], {
    cwd: workingDirectory,
    env: {
      ...process.env,
      MARQUEE_COGNITO_SIGNING_KEY: signingKey,
      PORT: String(options.port),
      HOST: "127.0.0.1",
      AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE: "1",
      ...(options.dataDirectory ? {} : { MARQUEE_REMOVE_CWD_ON_EXIT: "1" }),
    },
    stdio: ["ignore", "pipe", "pipe", "ipc"],
  });
  let output = "";
  const collect = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-outputLimit));
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);
  // The channel exists only for the child to notice the parent's death; it must not keep the parent alive.
  child.channel?.unref();
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const endpoint = `http://127.0.0.1:${options.port}`;

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 3000);
      await exited;
      clearTimeout(timer);
    }
    if (!options.dataDirectory) rmSync(workingDirectory, { recursive: true, force: true });
  };

  try {
    await waitUntilReady({
      name: "cognito-local",
      port: options.port,
      probe: async (signal) => {
        const response = await fetch(`${endpoint}/health`, { signal });
        await response.arrayBuffer();
        return response.ok;
      },
      exited,
      output: () => output,
      timeoutMs: 30_000,
    });
  } catch (error) {
    await stop();
    throw error;
  }
  return { endpoint, port: options.port, pid: child.pid, directory: workingDirectory, stop };
}
