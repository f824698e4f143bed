// Runs the real `run()` of sst.config.ts, with SST's real components from .sst/platform, under
// Pulumi mocks: no AWS account, no Pulumi engine, no network. It wires what the SST CLI wires
// when it bundles and runs the config (see the CLI's eval code: `$app`/`$cli`/`$dev` defines, the
// shim of `$`-globals, `sst` and the provider globals, `auto/run.ts` around `mod.run`), plus a
// fake of the CLI's JSON-RPC server for the two calls the components make here.
//
// It reaches into SST internals, which is why `sst` is pinned exactly in package.json.
import { mkdtempSync, rmSync, existsSync, mkdirSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { buildSync } from "esbuild";

type Pulumi = typeof import("../../.sst/platform/node_modules/@pulumi/pulumi");
type PulumiAws = typeof import("../../.sst/platform/node_modules/@pulumi/aws");
type Inputs = Record<string, unknown>;

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const platformDir = join(repoRoot, ".sst", "platform");

export const region = "us-east-1";
export const accountId = "123456789012";

/** One resource the program registered, as the mock monitor saw it. */
export type RegisteredResource = {
  type: string;
  name: string;
  /** true for cloud resources, false for components (sst:aws:*) and the stack. */
  custom: boolean;
  inputs: Inputs;
  id: string;
  state: Inputs;
};

/** One `Runtime.Build` request: what the CLI would bundle for a Lambda. */
export type FunctionBuild = {
  functionID: string;
  handler: string;
  /** Names of the linked resources (`link: [...]`), as the function receives them. */
  links: string[];
  /** The files bundled, from the repository root (esbuild's metafile inputs). */
  inputs: string[];
};

/** What sst.config.ts's app() returns, completed as the CLI completes it. */
export type AppInfo = {
  name: string;
  stage: string;
  removal?: "remove" | "retain" | "retain-all";
  home: string;
  protect: boolean;
  providers: Record<string, unknown>;
};

type SstConfig = {
  app: (input: { stage: string }) => Omit<AppInfo, "stage" | "protect" | "providers"> | Promise<Omit<AppInfo, "stage" | "protect" | "providers">>;
  run: () => Promise<Inputs | void>;
};

export type ProgramRun = {
  stage: string;
  app: AppInfo;
  outputs: Inputs;
  resources: RegisteredResource[];
  builds: FunctionBuild[];
};

export type RunOptions = {
  stage: string;
};

/** Physical ids and ARNs shaped like AWS's, so components that parse them (parseDynamoArn...) work. */
function cloudState(type: string, name: string, inputs: Inputs): { id: string; state: Inputs } {
  const physical = typeof inputs.name === "string" ? inputs.name : `${name.toLowerCase()}-abc123`;
  const arn = (service: string, resource: string, regional = true) =>
    `arn:aws:${service}:${regional ? region : ""}:${service === "s3" ? "" : accountId}:${resource}`;
  switch (type) {
    case "aws:dynamodb/table:Table": {
      const tableArn = arn("dynamodb", `table/${physical}`);
      return {
        id: physical,
        state: { name: physical, arn: tableArn, streamArn: inputs.streamEnabled ? `${tableArn}/stream/2025-01-01T00:00:00.000` : undefined },
      };
    }
    case "aws:s3/bucket:Bucket":
    case "aws:s3/bucketV2:BucketV2": {
      const bucket = typeof inputs.bucket === "string" ? inputs.bucket : physical;
      return {
        id: bucket,
        state: {
          bucket,
          arn: `arn:aws:s3:::${bucket}`,
          bucketDomainName: `${bucket}.s3.amazonaws.com`,
          bucketRegionalDomainName: `${bucket}.s3.${region}.amazonaws.com`,
          region,
        },
      };
    }
    case "aws:cognito/userPool:UserPool": {
      const id = `${region}_MockPool1`;
      return { id, state: { arn: arn("cognito-idp", `userpool/${id}`), endpoint: `cognito-idp.${region}.amazonaws.com/${id}` } };
    }
    case "aws:cognito/userPoolClient:UserPoolClient":
      return { id: "mockclient0123456789abcdef", state: { clientSecret: inputs.generateSecret ? "mock-secret" : "" } };
    case "aws:appsync/graphQLApi:GraphQLApi": {
      const id = "mockapi0123456789abcdefghi";
      return {
        id,
        state: { arn: arn("appsync", `apis/${id}`), uris: { GRAPHQL: `https://${id}.appsync-api.${region}.amazonaws.com/graphql` } },
      };
    }
    case "aws:appsync/dataSource:DataSource":
      return { id: `mockapi|${String(inputs.name)}`, state: { arn: arn("appsync", `apis/mockapi/datasources/${String(inputs.name)}`) } };
    case "aws:appsync/function:Function": {
      const functionId = `fn-${String(inputs.name)}`;
      return { id: `mockapi-${functionId}`, state: { functionId, arn: arn("appsync", `apis/mockapi/functions/${functionId}`) } };
    }
    case "aws:appsync/resolver:Resolver":
      return { id: `mockapi-${String(inputs.type)}-${String(inputs.field)}`, state: { arn: arn("appsync", `apis/mockapi/types/${String(inputs.type)}/resolvers/${String(inputs.field)}`) } };
    case "aws:lambda/function:Function": {
      const fnArn = arn("lambda", `function:${physical}`);
      return {
        id: physical,
        state: { name: physical, arn: fnArn, qualifiedArn: `${fnArn}:$LATEST`, invokeArn: `arn:aws:apigateway:${region}:lambda:path/2015-03-31/functions/${fnArn}/invocations` },
      };
    }
    case "aws:iam/role:Role":
      return { id: physical, state: { name: physical, arn: arn("iam", `role/${physical}`, false) } };
    case "aws:cloudfront/distribution:Distribution":
      return { id: "EMOCKDIST0001", state: { arn: arn("cloudfront", "distribution/EMOCKDIST0001", false), domainName: "d111111abcdef8.cloudfront.net", hostedZoneId: "Z2FDTNDATAQYW2" } };
    case "random:index/randomBytes:RandomBytes":
      return { id: name, state: { base64: Buffer.alloc(Number(inputs.length ?? 32), 7).toString("base64"), hex: "07".repeat(Number(inputs.length ?? 32)) } };
    // The site's build command: left unknown, as in `sst diff`, so the check never builds the web app.
    case "command:local:Command":
      return { id: "", state: {} };
    default: {
      const service = type.split(":")[1]?.split("/")[0] ?? "unknown";
      return { id: `${physical}-id`, state: { arn: arn(service, `${name}`) } };
    }
  }
}

type PolicyStatementInput = {
  sid?: string;
  effect?: string;
  actions?: string[];
  resources?: string[];
  principals?: { type: string; identifiers: string[] }[];
  conditions?: { test: string; variable: string; values: string[] }[];
};

/** The IAM JSON that aws.iam.getPolicyDocument would render for these statements. */
function policyDocumentJson(statements: PolicyStatementInput[] | undefined): string {
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: (statements ?? []).map((s) => ({
      ...(s.sid ? { Sid: s.sid } : {}),
      Effect: s.effect ?? "Allow",
      ...(s.actions ? { Action: s.actions } : {}),
      ...(s.resources ? { Resource: s.resources } : {}),
      ...(s.principals
        ? { Principal: Object.fromEntries(s.principals.map((p) => [p.type === "AWS" ? "AWS" : p.type, p.identifiers])) }
        : {}),
      ...(s.conditions
        ? { Condition: Object.fromEntries(s.conditions.map((c) => [c.test, { [c.variable]: c.values }])) }
        : {}),
    })),
  });
}

function invokeResult(token: string, inputs: Inputs): Inputs {
  switch (token) {
    case "aws:index/getRegion:getRegion":
      return { id: region, name: region, region, description: "US East (N. Virginia)", endpoint: `ec2.${region}.amazonaws.com` };
    case "aws:index/getCallerIdentity:getCallerIdentity":
      return { id: accountId, accountId, arn: `arn:aws:iam::${accountId}:user/ci`, userId: "AIDAMOCKUSER" };
    case "aws:index/getPartition:getPartition":
      return { id: "aws", partition: "aws", dnsSuffix: "amazonaws.com", reverseDnsPrefix: "com.amazonaws" };
    case "aws:iam/getPolicyDocument:getPolicyDocument":
      return { ...inputs, id: "policy", json: policyDocumentJson(inputs.statements as PolicyStatementInput[] | undefined) };
    default:
      // Fail loudly: an unanswered lookup means the program does something this check does not model.
      throw new Error(`sst-mocks: no answer for invoke ${token}`);
  }
}

const handlerExtensions = [".ts", ".tsx", ".mts", ".js", ".mjs", ".jsx"];

/** What the CLI's Runtime.Build does for a Node handler, minus the cache: bundle it, check the export. */
function buildFunction(input: { functionID: string; handler: string }, outRoot: string) {
  const lastDot = input.handler.lastIndexOf(".");
  const base = input.handler.slice(0, lastDot);
  const exportName = input.handler.slice(lastDot + 1);
  const entry = handlerExtensions.map((ext) => join(repoRoot, base + ext)).find((file) => existsSync(file));
  if (lastDot < 0 || !entry) return { errors: [`Could not find the file for handler "${input.handler}"`], inputs: [] };
  const out = join(outRoot, input.functionID);
  const result = buildSync({
    entryPoints: [entry],
    outfile: join(out, `${base}.mjs`),
    bundle: true,
    format: "esm",
    platform: "node",
    target: "node20",
    metafile: true,
    logLevel: "silent",
    banner: { js: `import { createRequire as topLevelCreateRequire } from "module"; const require = topLevelCreateRequire(import.meta.url);` },
  });
  const exports = Object.values(result.metafile.outputs).flatMap((o) => o.exports);
  const inputs = Object.keys(result.metafile.inputs);
  if (!exports.includes(exportName)) return { errors: [`Handler "${input.handler}" has no export "${exportName}"`], inputs };
  return { handler: input.handler, out, errors: [], sourcemaps: [], inputs };
}

/** The CLI's JSON-RPC server, reduced to what these components call. */
function startRpcServer(
  onBuild: (build: FunctionBuild, errors: string[]) => void,
  buildRoot: string,
): Promise<Server> {
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString()));
    req.on("end", () => {
      const { method, params } = JSON.parse(body) as { method: string; params: [Record<string, unknown>] };
      const args = params[0];
      const reply = (payload: { result?: unknown; error?: string }) => {
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify({ id: null, result: null, error: null, ...payload }));
      };
      try {
        switch (method) {
          case "Provider.Aws.Bootstrap":
            return reply({
              result: {
                asset: "sst-asset-mock",
                assetEcrRegistryId: accountId,
                assetEcrUrl: `${accountId}.dkr.ecr.${region}.amazonaws.com/sst-asset`,
                state: "sst-state-mock",
                appsyncHttp: "",
                appsyncRealtime: "",
              },
            });
          case "Runtime.Build": {
            const input = args as { functionID: string; handler: string; links?: Record<string, unknown> };
            const { inputs, ...result } = buildFunction(input, buildRoot);
            onBuild({ functionID: input.functionID, handler: input.handler, links: Object.keys(input.links ?? {}).sort(), inputs }, result.errors);
            return reply({ result });
          }
          default:
            return reply({ error: `rpc: can't find method ${method}` });
        }
      } catch (error) {
        return reply({ error: error instanceof Error ? error.message : String(error) });
      }
    });
  });
  return new Promise((resolvePromise) => server.listen(0, "127.0.0.1", () => resolvePromise(server)));
}

/**
 * Runs sst.config.ts's `run()` once in this process (Pulumi's runtime state is global: one run per
 * process, which vitest gives each test file) and returns the resource graph.
 */
const programTimeoutMs = 150_000;

/** A promise that rejects as soon as `failed()` turns true, or when the program runs too long. */
function watchForFailure(failed: () => boolean): { failure: Promise<never>; stop: () => void } {
  const started = Date.now();
  let timer: ReturnType<typeof setInterval> | undefined;
  const failure = new Promise<never>((_, reject) => {
    timer = setInterval(() => {
      if (failed()) reject(new Error("the program failed"));
      else if (Date.now() - started > programTimeoutMs)
        reject(new Error(`The SST program did not finish within ${programTimeoutMs / 1000} s`));
    }, 100);
  });
  return { failure, stop: () => clearInterval(timer) };
}

function programFailure(failures: unknown[]): Error {
  const messages = [...new Set(failures.map((f) => (f instanceof Error ? f.message : String(f))))];
  return new Error(`The SST program failed under mocks:\n${messages.join("\n") || "see the errors logged above"}`);
}

export async function runSstProgram({ stage }: RunOptions): Promise<ProgramRun> {
  if (!existsSync(join(platformDir, "src", "auto", "run.ts")) || !existsSync(join(platformDir, "node_modules", "@pulumi", "pulumi")))
    throw new Error(`${platformDir} is missing or incomplete: run \`npx tsx scripts/infra-check.ts\` (it runs \`sst install\`) first`);

  const platformRequire = createRequire(join(platformDir, "package.json"));
  // The components import "@pulumi/pulumi" from .sst/platform: use that very instance for the mocks.
  const pulumi = platformRequire("@pulumi/pulumi") as Pulumi;
  const aws = platformRequire("@pulumi/aws") as PulumiAws;

  const scratch = mkdtempSync(join(tmpdir(), "marquee-infra-"));
  const workDir = join(scratch, "work");
  const buildRoot = join(scratch, "builds");
  mkdirSync(workDir, { recursive: true });
  const resources: RegisteredResource[] = [];
  const builds: FunctionBuild[] = [];
  // A failure inside an `apply` (a build error, a VisibleError) leaves Pulumi's promises pending
  // rather than rejecting run(): watch for failures and stop at the first one.
  const failures: unknown[] = [];
  const server = await startRpcServer((build, errors) => {
    builds.push(build);
    for (const error of errors) failures.push(new Error(`Runtime.Build of ${build.functionID}: ${error}`));
  }, buildRoot);
  const previousCwd = process.cwd();
  const previousServer = process.env.SST_SERVER;
  process.env.SST_SERVER = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const onRejection = (reason: unknown) => failures.push(reason);
  process.on("unhandledRejection", onRejection);

  try {
    await pulumi.runtime.setMocks(
      {
        newResource(args) {
          const { id, state } = args.custom ? cloudState(args.type, args.name, args.inputs as Inputs) : { id: `${args.name}-component`, state: {} };
          resources.push({ type: args.type, name: args.name, custom: args.custom ?? false, inputs: args.inputs as Inputs, id, state });
          return { id, state: { ...(args.inputs as Inputs), ...state } };
        },
        call(args) {
          return invokeResult(args.token, args.inputs as Inputs);
        },
      },
      "marquee",
      stage,
      false,
    );

    // The CLI's esbuild `define`s and injected globals, as plain globals. `$config` (from the shim)
    // must exist before sst.config.ts loads; `$app` is what its app() returns, as the CLI does.
    const globals = globalThis as Record<string, unknown>;
    const shim = (await import(pathToFileURL(join(platformDir, "src", "shim", "run.js")).href)) as Record<string, unknown>;
    Object.assign(globals, shim);
    const config = (await import(pathToFileURL(join(repoRoot, "sst.config.ts")).href)) as { default: SstConfig };
    const app: AppInfo = { providers: { aws: { region } }, protect: false, ...(await config.default.app({ stage })), stage };
    globals.$app = app;
    globals.$dev = false;
    globals.$cli = {
      command: "deploy",
      dev: false,
      rpc: process.env.SST_SERVER,
      paths: { home: join(scratch, "home"), root: repoRoot, work: workDir, platform: platformDir },
      home: app.home,
      state: { version: {} },
    };
    globals.aws = aws;
    globals.sst = await import(pathToFileURL(join(platformDir, "src", "components", "index.ts")).href);
    const { run } = (await import(pathToFileURL(join(platformDir, "src", "auto", "run.ts")).href)) as {
      run: (program: () => Promise<Inputs | void>) => Promise<Inputs>;
    };

    const program = (async () => {
      // auto/run.ts registers stack transformations, which need the root stack: run it inside one.
      const outputs = (await pulumi.runtime.runInPulumiStack(() => run(config.default.run))) as Inputs;
      // Resources created inside `apply` callbacks register after run() returns: drain them.
      await pulumi.runtime.disconnect();
      return outputs;
    })();
    const watch = watchForFailure(() => failures.length > 0 || pulumi.log.hasErrors());
    const outputs = await Promise.race([program, watch.failure]).finally(watch.stop);
    if (failures.length > 0 || pulumi.log.hasErrors()) throw programFailure(failures);
    return { stage, app, outputs, resources, builds };
  } catch (error) {
    throw failures.length > 0 ? programFailure(failures) : error;
  } finally {
    process.off("unhandledRejection", onRejection);
    process.chdir(previousCwd);
    if (previousServer === undefined) delete process.env.SST_SERVER;
    else process.env.SST_SERVER = previousServer;
    await new Promise((resolveClose) => server.close(resolveClose));
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** Resources of one type (and optionally one logical name). */
export function resourcesOf(run: ProgramRun, type: string, name?: string): RegisteredResource[] {
  return run.resources.filter((r) => r.type === type && (name === undefined || r.name === name));
}

/** Exactly one resource of this type and name, or a failure naming what exists instead. */
export function theResource(run: ProgramRun, type: string, name: string): RegisteredResource {
  const found = resourcesOf(run, type, name);
  if (found.length !== 1) {
    const names = resourcesOf(run, type).map((r) => r.name);
    throw new Error(`expected one ${type} named "${name}", found ${found.length} (this type has: ${names.join(", ") || "none"})`);
  }
  return found[0]!;
}
