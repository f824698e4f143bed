// Marquee's whole local stack: the engines (DynamoDB Local, cognito-local, s3rver, the local Personalize),
// their resources provisioned from the same definitions the infra uses, the table's stream feeding its
// subscribers (the interaction Lambda, the title-summary Lambda), and the AppSync-compatible runtime
// serving schema.graphql with the resolver manifest. `npm start` and the tests both start it with this code.
// The Lambdas find the engines as deployed ones find AWS, through their environment (`lambdaEnvironment`):
// each runs in a worker whose process.env is that, so the stack's own process.env is never written.
import { CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { S3Client } from "@aws-sdk/client-s3";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, watch, writeFileSync, type FSWatcher } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { contentTeamGroup } from "@marquee/core/appsync";
import { resolverConstants } from "@marquee/functions/resolvers/constants";
import { manifest } from "@marquee/functions/manifest";
import { apiLimits } from "@marquee/functions/api-limits";
import { lambdaContext } from "@marquee/appsync-local/datasources/lambda";
import { createHandlerRegistry, type HandlerRegistry } from "@marquee/appsync-local/handler-registry";
import { createAppSyncRuntime, type AppSyncRuntime } from "@marquee/appsync-local/runtime-server";
import { cognitoLocalClientConfig, startCognitoLocal } from "@marquee/aws-local/engines/cognito";
import { startDynamoDBLocal } from "@marquee/aws-local/engines/dynamodb";
import { ensureBucket, ensureGroup, ensureTable, ensureUser, ensureUserPool, ensureUserPoolClient, type UserSeed } from "@marquee/aws-local/engines/provision";
import { tableDefinition } from "@marquee/core/table";
import { assertPortFree, freePort } from "@marquee/aws-local/engines/readiness";
import { s3rverClientConfig, startS3rver } from "@marquee/aws-local/engines/s3";
import { idePage } from "./ide.ts";
import type { RunningLocalPersonalize } from "@marquee/aws-local/personalize/index";
import { loadCatalogSource, seedCatalog, titlesFrom, type CatalogSource, type SeedReport } from "./seed/catalog.ts";
import { progressLines } from "./seed/progress.ts";
import { localPersonalizeResources, startSeededPersonalize, type LocalPersonalizeResources } from "./seed/personalize.ts";
import { createRequestLog } from "./request-log.ts";
import { seedViewing, type ViewingSeedReport } from "./seed/viewing.ts";
import { invokeLocalFunction, startInteractionStream, startTitleSummaryStream, type StreamPoller, type TableStreamOptions } from "./stream/index.ts";
import { sdkLogger } from "@marquee/core/util/sdk-logger";
import { powertoolsEnvironment } from "@marquee/functions/lambda/powertools-environment";

export const region = "us-east-1";
export const tableName = "marquee";
export const bucketName = "marquee-uploads";
export const userPoolName = "marquee";
export const userPoolClientName = "marquee-web";

/** Demo accounts created on every start (idempotently). Local only: these passwords are public. */
export const demoUsers: UserSeed[] = [
  { email: "viewer@marquee.local", password: "Marquee-viewer-1", groups: [] },
  { email: "viewer2@marquee.local", password: "Marquee-viewer-2", groups: [] },
  { email: "content@marquee.local", password: "Marquee-content-1", groups: [contentTeamGroup] },
];

export type StackPorts = { graphql: number; dynamodb: number; cognito: number; s3: number };

/** What `.marquee/stack.json` holds: everything a client needs to sign in and call the API. */
export type StackInfo = {
  graphqlUrl: string;
  ideUrl: string;
  region: string;
  cognitoEndpoint: string;
  userPoolId: string;
  userPoolClientId: string;
  dynamodbEndpoint: string;
  s3Endpoint: string;
  /** The local Personalize (Runtime and Events on one endpoint); it listens once the seed is in. */
  personalizeEndpoint: string;
  tableName: string;
  bucketName: string;
  demoUsers: UserSeed[];
  /** The stack's AWS credentials (its Lambdas' too): control-plane calls such as FlushApiCache are signed with them. */
  credentials: { accessKeyId: string; secretAccessKey: string };
};

export type StackOptions = {
  repoRoot: string;
  /** true: data kept under .marquee/ (npm start); false: in memory and temp folders (tests). */
  persistent: boolean;
  /** Fixed ports (npm start); omitted = random free ports (tests). */
  ports?: Partial<StackPorts>;
  /** Rebuild resolvers and handlers when their sources change. */
  watch?: boolean;
  /** Seed the demo catalog (idempotent): all of MovieLens, or a sample for tests. Default "full". */
  seed?: "full" | "sample" | false;
  /** Serve first and seed behind (`npm start`); otherwise ready means seeded (tests, bench). */
  seedInBackground?: boolean;
  log?: (line: string) => void;
};

export type Stack = {
  info: StackInfo;
  runtime: AppSyncRuntime;
  /** DynamoDB requests sent by the runtime's data sources, by operation (the benchmark reads it). */
  dynamodbRequests: Map<string, number>;
  /** The seed reports (null until seeding finished, or when not seeded). */
  seed: SeedReport | null;
  viewing: ViewingSeedReport | null;
  /** Settles when the demo data is seeded (at once unless seedInBackground). */
  seeding: Promise<void>;
  /**
   * Recommendations offline (null until seeding finished): the local Personalize, which a test may stop
   * to see the API fall back to popular titles, and the table's stream read into the interaction Lambda.
   */
  personalize: RunningLocalPersonalize | null;
  interactionStream: StreamPoller | null;
  /**
   * The table's stream read into the title-summary Lambda (infra/history.ts), its own mapping: null until
   * seeding finished (the seed writes entries with current summaries).
   */
  titleSummaryStream: StreamPoller | null;
  pids: number[];
  stop(): Promise<void>;
};

const portVariables: Record<keyof StackPorts, string> = {
  graphql: "MARQUEE_PORT",
  dynamodb: "MARQUEE_DYNAMODB_PORT",
  cognito: "MARQUEE_COGNITO_PORT",
  s3: "MARQUEE_S3_PORT",
};

export async function startStack(options: StackOptions): Promise<Stack> {
  const log = options.log ?? (() => {});
  const ports = await choosePorts(options.ports);
  const lifetime = createLifetime();
  // An ephemeral stack's bundles go with it (removed last, once every worker has stopped).
  if (!options.persistent) lifetime.onStop(async () => rmSync(buildDirectory(options, ports), { recursive: true, force: true }));
  try {
    const engines = await startEngines(options, ports, lifetime);
    log(`engines up: DynamoDB Local :${ports.dynamodb}, cognito-local :${ports.cognito}, s3rver :${ports.s3}`);
    const clients = engineClients(engines, lifetime);
    const resources = await provisionResources(clients);
    const personalize = await choosePersonalize();
    const environment = lambdaEnvironment(engines, resources, personalize);
    const info = stackInfo(ports, engines, resources, personalize.endpoint);

    const { runtime, dynamodbRequests } = await startRuntime(options, ports, { info, clients, resources, environment }, lifetime);
    // The Lambdas outside the API (the stream's subscribers) and the seed's core calls, run like the API's.
    const functions = createHandlerRegistry({ repoRoot: options.repoRoot, outDir: join(buildDirectory(options, ports), "functions"), region, environment, log: options.log });
    lifetime.onStop(() => functions.close());
    if (options.watch) lifetime.onStop(watchSources(options.repoRoot, (files) => reloadChanged(runtime, functions, files), log));

    const demo = startDemoData({ options, log, lifetime, clients, dynamodbEndpoint: engines.dynamodb.endpoint, resources, personalize, functions, runtime });
    if (options.seedInBackground) {
      log("seeding the demo data in the background if needed (minutes, first start only); the API already answers");
      demo.done.catch((error: unknown) => log(`seeding stopped: ${error instanceof Error ? error.message : String(error)}`));
    } else {
      await demo.done;
    }

    return {
      info,
      runtime,
      dynamodbRequests,
      get seed() {
        return demo.state.seed;
      },
      get viewing() {
        return demo.state.viewing;
      },
      seeding: demo.done.catch(() => undefined),
      get personalize() {
        return demo.state.personalize;
      },
      get interactionStream() {
        return demo.state.interactionStream;
      },
      get titleSummaryStream() {
        return demo.state.titleSummaryStream;
      },
      pids: [engines.dynamodb.pid, engines.cognito.pid].filter((pid): pid is number => typeof pid === "number"),
      stop: lifetime.stop,
    };
  } catch (error) {
    await lifetime.stop();
    throw error;
  }
}

/** What the stack started, stopped in reverse order; `stopped` tells steps still running to stop what they start. */
type Lifetime = { readonly stopped: boolean; onStop(stop: () => Promise<void>): void; stop(): Promise<void> };

function createLifetime(): Lifetime {
  const stops: Array<() => Promise<void>> = [];
  let stopped = false;
  return {
    get stopped() {
      return stopped;
    },
    onStop: (stop) => void stops.push(stop),
    async stop() {
      stopped = true;
      for (const stop of stops.reverse()) await stop().catch((error) => console.error(error));
      stops.length = 0;
    },
  };
}

/** The ports asked for, random free ones for the rest; each checked free, so a taken one is named with its setting. */
async function choosePorts(requested: Partial<StackPorts> = {}): Promise<StackPorts> {
  const ports: StackPorts = {
    graphql: requested.graphql ?? (await freePort()),
    dynamodb: requested.dynamodb ?? (await freePort()),
    cognito: requested.cognito ?? (await freePort()),
    s3: requested.s3 ?? (await freePort()),
  };
  for (const [name, port] of Object.entries(ports) as Array<[keyof StackPorts, number]>) {
    await assertPortFree(port, name === "graphql" ? "the GraphQL endpoint" : name, portVariables[name]);
  }
  return ports;
}

type Engines = Awaited<ReturnType<typeof startEngines>>;

async function startEngines(options: StackOptions, ports: StackPorts, lifetime: Lifetime) {
  const keptIn = (engine: string) => (options.persistent ? join(options.repoRoot, ".marquee", engine) : undefined);
  const [dynamodb, cognito, s3] = await Promise.all([
    startDynamoDBLocal({ port: ports.dynamodb, dataDirectory: keptIn("dynamodb") }),
    startCognitoLocal({ port: ports.cognito, dataDirectory: keptIn("cognito"), portVariable: portVariables.cognito }),
    startS3rver({ port: ports.s3, dataDirectory: keptIn("s3"), portVariable: portVariables.s3 }),
  ]);
  lifetime.onStop(dynamodb.stop);
  lifetime.onStop(cognito.stop);
  lifetime.onStop(s3.stop);
  return { dynamodb, cognito, s3 };
}

type EngineClients = ReturnType<typeof engineClients>;

/** The stack's own clients of the engines (provisioning, the seed, the runtime's DynamoDB data source). */
function engineClients(engines: Engines, lifetime: Lifetime) {
  // AppSync's own DynamoDB client logs nothing, so neither does the runtime's.
  const dynamo = new DynamoDBClient({ endpoint: engines.dynamodb.endpoint, region, credentials: localCredentials, logger: sdkLogger });
  const cognito = new CognitoIdentityProviderClient(cognitoLocalClientConfig(engines.cognito.endpoint));
  const s3 = new S3Client(s3rverClientConfig(engines.s3.endpoint));
  lifetime.onStop(async () => [dynamo, cognito, s3].forEach((client) => client.destroy()));
  return { dynamo, cognito, s3 };
}

type Resources = Awaited<ReturnType<typeof provisionResources>>;

type LocalPersonalize = { port: number; endpoint: string; resources: LocalPersonalizeResources };

/** The local Personalize's port is chosen now (the Lambdas' environment names it); it listens once the seed is in. */
async function choosePersonalize(): Promise<LocalPersonalize> {
  const port = await freePort();
  return { port, endpoint: `http://127.0.0.1:${port}`, resources: localPersonalizeResources(region) };
}

/** The table, user pool (app client, group, demo users) and bucket, from the definitions infra/ deploys. */
async function provisionResources(clients: EngineClients) {
  await ensureTable(clients.dynamo, tableName, tableDefinition);
  const pool = await ensureUserPool(clients.cognito, userPoolName);
  const { clientId } = await ensureUserPoolClient(clients.cognito, pool.id, userPoolClientName);
  await ensureGroup(clients.cognito, pool.id, contentTeamGroup);
  const demoAccounts = new Map<string, string>();
  for (const user of demoUsers) demoAccounts.set(user.email, (await ensureUser(clients.cognito, pool.id, user)).username);
  await ensureBucket(clients.s3, bucketName, { corsAllowedOrigins: ["*"] });
  return { userPoolId: pool.id, userPoolClientId: clientId, demoAccounts };
}

/** The engines accept any credentials but s3rver's own pair. */
const localCredentials = { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" };

/**
 * The process.env of every Lambda (and of core code the stack runs), as a deployed Lambda's has it: the
 * SDK's endpoint variables aimed at the engines, SST's links (SST_RESOURCE_<Name>, the JSON SST's
 * `Resource` reads; infra/ links the same names) with the local names and ARNs, region and credentials.
 */
function lambdaEnvironment(engines: Engines, resources: Resources, personalize: LocalPersonalize): Record<string, string> {
  const link = (properties: object, type: string) => JSON.stringify({ ...properties, type });
  return {
    AWS_REGION: region,
    AWS_ACCESS_KEY_ID: localCredentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: localCredentials.secretAccessKey,
    AWS_ENDPOINT_URL_DYNAMODB: engines.dynamodb.endpoint,
    AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: engines.cognito.endpoint,
    AWS_ENDPOINT_URL_S3: engines.s3.endpoint,
    AWS_ENDPOINT_URL_PERSONALIZE_RUNTIME: personalize.endpoint,
    AWS_ENDPOINT_URL_PERSONALIZE_EVENTS: personalize.endpoint,
    SST_RESOURCE_Table: link({ name: tableName }, "sst.aws.Dynamo"),
    SST_RESOURCE_Uploads: link({ name: bucketName }, "sst.aws.Bucket"),
    SST_RESOURCE_UserPool: link({ id: resources.userPoolId }, "sst.aws.CognitoUserPool"),
    // Recommendations: the links infra/recommendations.ts gives the Lambdas, with the local engine's ARNs.
    SST_RESOURCE_Recommendations: link(personalize.resources.recommendations, "sst.sst.Linkable"),
    SST_RESOURCE_InteractionEvents: link(personalize.resources.interactionEvents, "sst.sst.Linkable"),
    // Powertools as infra configures it, at the developer's log level (POWERTOOLS_LOG_LEVEL=DEBUG follows every call).
    ...powertoolsEnvironment({ metrics: false, logLevel: process.env.POWERTOOLS_LOG_LEVEL }),
  };
}

function stackInfo(ports: StackPorts, engines: Engines, resources: Resources, personalizeEndpoint: string): StackInfo {
  return {
    graphqlUrl: `http://127.0.0.1:${ports.graphql}/graphql`,
    ideUrl: `http://127.0.0.1:${ports.graphql}/`,
    region,
    cognitoEndpoint: engines.cognito.endpoint,
    userPoolId: resources.userPoolId,
    userPoolClientId: resources.userPoolClientId,
    dynamodbEndpoint: engines.dynamodb.endpoint,
    s3Endpoint: engines.s3.endpoint,
    personalizeEndpoint,
    tableName,
    bucketName,
    demoUsers,
    credentials: localCredentials,
  };
}

/** Where Lambda bundles are written: one folder per ephemeral stack, so concurrent ones never share files. */
function buildDirectory(options: StackOptions, ports: StackPorts): string {
  return join(options.repoRoot, ".marquee", "build", options.persistent ? "lambda" : `lambda-${process.pid}-${ports.graphql}`);
}

/** The AppSync-compatible runtime serving schema.graphql with the manifest, and the IDE page at `/`. */
async function startRuntime(
  options: StackOptions,
  ports: StackPorts,
  stack: { info: StackInfo; clients: EngineClients; resources: Resources; environment: Record<string, string> },
  lifetime: Lifetime,
): Promise<{ runtime: AppSyncRuntime; dynamodbRequests: Map<string, number> }> {
  const dataDirectory = join(options.repoRoot, ".marquee");
  const dynamodbRequests = new Map<string, number>();
  const requestLog = createRequestLog();
  const runtime = createAppSyncRuntime({
    schemaSdl: readFileSync(join(options.repoRoot, "schema.graphql"), "utf8"),
    manifest,
    repoRoot: options.repoRoot,
    codeConstants: resolverConstants({ tableName }),
    buildDirectory: buildDirectory(options, ports),
    lambdaEnvironment: stack.environment,
    lambdaLog: options.log,
    cognito: { issuer: `${stack.info.cognitoEndpoint}/${stack.resources.userPoolId}`, clientIds: [stack.resources.userPoolClientId] },
    controlPlaneCredentials: localCredentials,
    dynamodb: { client: stack.clients.dynamo, tableName, nextTokenKey: nextTokenKey(dataDirectory, options.persistent) },
    region,
    limits: apiLimits,
    onDynamoDBRequest: (operation, origin) => {
      dynamodbRequests.set(operation, (dynamodbRequests.get(operation) ?? 0) + 1);
      requestLog.record(operation, origin);
    },
    onLambdaInvoke: (dataSource, events, origin) => requestLog.recordInvocation(dataSource, events, origin),
    route: (request, response) => {
      if (requestLog.serve(request, response)) return true;
      if (request.method !== "GET" || (request.url ?? "/").split("?")[0] !== "/") return false;
      response.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      response.end(idePage(stack.info));
      return true;
    },
  });
  await runtime.listen(ports.graphql);
  lifetime.onStop(() => runtime.close());
  return { runtime, dynamodbRequests };
}

type DemoData = {
  options: StackOptions;
  log: (line: string) => void;
  lifetime: Lifetime;
  clients: EngineClients;
  dynamodbEndpoint: string;
  resources: Resources;
  personalize: LocalPersonalize;
  functions: HandlerRegistry;
  runtime: AppSyncRuntime;
};

type DemoState = {
  seed: SeedReport | null;
  viewing: ViewingSeedReport | null;
  personalize: RunningLocalPersonalize | null;
  interactionStream: StreamPoller | null;
  titleSummaryStream: StreamPoller | null;
};

/**
 * The demo data, then what reads it: the seed (a minute or two for the whole catalog on disk, so
 * `npm start` serves meanwhile; a seed stopped half-way is redone, idempotently, on
 * the next start), then the title-summary stream, then the local Personalize and the interaction stream.
 */
function startDemoData(demo: DemoData): { state: DemoState; done: Promise<void> } {
  const state: DemoState = { seed: null, viewing: null, personalize: null, interactionStream: null, titleSummaryStream: null };
  const done = (async () => {
    const source = await seedDemoData(demo, state);
    // Genre rows cached while the catalog was half seeded would stay short for their TTL.
    demo.runtime.apiCache?.flush();
    await startTitleSummaries(demo, state);
    await startRecommendations(demo, state, source);
  })();
  return { state, done };
}

/** The catalog and the demo viewer's history (idempotent): all of MovieLens, or a sample for tests. */
async function seedDemoData(demo: DemoData, state: DemoState): Promise<CatalogSource | null> {
  const { options, log, clients } = demo;
  if (options.seed === false) return null;
  const source = await loadCatalogSource(options.repoRoot, options.seed ?? "full");
  if (source.kind === "fallback") {
    log("MovieLens (Debian package r-cran-dslabs) is not on this machine, so the demo uses the small built-in catalog: run `bash scripts/fetch-movielens.sh` for the full one.");
  }
  const seed = (state.seed = await seedCatalog(clients.dynamo, tableName, source, { progress: progressLines("the catalog", log) }));
  log(seed.skipped ? `catalog already seeded (${seed.titles} titles from ${seed.source})` : `seeded ${seed.titles} titles (${seed.items} items) from ${seed.source} in ${seed.seconds.toFixed(1)} s`);
  const viewer = demoUsers[0]!;
  const accountId = demo.resources.demoAccounts.get(viewer.email)!;
  const viewing = (state.viewing = await seedViewing(clients.dynamo, tableName, source, titlesFrom(source), {
    accountId,
    email: viewer.email,
    ensureDefaultProfile: () => runDemoProfile(demo, { accountId, email: viewer.email }),
  }));
  if (!viewing.skipped) {
    log(`seeded ${viewer.email}'s history from MovieLens user ${viewing.demoUserId} (${viewing.historyEntries} titles) and ${viewing.seededProfiles} MovieLens viewers in ${viewing.seconds.toFixed(1)} s`);
  }
  return source;
}

/** src/demo-profile.ts, run as the Lambdas run: core finds the table through their environment. */
async function runDemoProfile(demo: DemoData, viewer: { accountId: string; email: string }): Promise<{ id: string }> {
  const handler = await demo.functions.get("SeedDemoProfile", "packages/offline/src/demo-profile.handler");
  return (await handler(viewer, lambdaContext({ functionName: "SeedDemoProfile", region, timeoutMs: 60_000 }))) as { id: string };
}

/**
 * Once the seed is in (it writes entries with current summaries), titles an editor changes reach the
 * progress and My List entries carrying their summary. Started before, and whatever becomes of, the local
 * Personalize: the two mappings are independent, as on AWS.
 */
async function startTitleSummaries(demo: DemoData, state: DemoState): Promise<void> {
  if (demo.lifetime.stopped) return;
  const poller = await startTitleSummaryStream(tableStreamOptions(demo));
  demo.lifetime.onStop(() => poller.stop());
  if (demo.lifetime.stopped) return void (await poller.stop());
  state.titleSummaryStream = poller;
}

/**
 * Recommendations, once the seed is in (until then the API answers with popular titles): the local
 * Personalize learns from the seed's bulk export (MovieLens + the demo accounts' table interactions), as
 * dataset import jobs would, then from the events the stream brings; the stream is read from LATEST from
 * then on, so nothing in the bulk export is also sent as an event.
 */
async function startRecommendations(demo: DemoData, state: DemoState, source: CatalogSource | null): Promise<void> {
  const { options, lifetime, log } = demo;
  if (lifetime.stopped) return;
  const directory = options.persistent ? join(options.repoRoot, ".marquee", "personalize") : mkdtempSync(join(tmpdir(), "marquee-personalize-"));
  if (!options.persistent) lifetime.onStop(async () => rmSync(directory, { recursive: true, force: true }));
  const started = await startSeededPersonalize({
    port: demo.personalize.port,
    resources: demo.personalize.resources,
    datasets: source && {
      client: demo.clients.dynamo,
      tableName,
      source,
      titles: titlesFrom(source),
      accountIds: [...demo.resources.demoAccounts.values()],
      demoMovieLensUserId: state.viewing?.demoUserId ?? null,
      directory,
    },
    log,
  });
  lifetime.onStop(() => started.running.stop());
  if (lifetime.stopped) return void (await started.running.stop());
  state.personalize = started.running;
  const { model } = started.running;
  // The engine has logged the training; this says where the trained model is served.
  log(`local Personalize ${demo.personalize.endpoint}: serving model v${model.version}`);
  const poller = await startInteractionStream(tableStreamOptions(demo));
  lifetime.onStop(() => poller.stop());
  if (lifetime.stopped) return void (await poller.stop());
  state.interactionStream = poller;
}

function tableStreamOptions(demo: DemoData): TableStreamOptions {
  return {
    dynamoClient: demo.clients.dynamo,
    dynamodbEndpoint: demo.dynamodbEndpoint,
    tableName,
    region,
    credentials: localCredentials,
    invoke: invokeLocalFunction(demo.functions, region),
    log: demo.log,
  };
}

/** The key that seals pagination tokens: kept across restarts of `npm start` so tokens stay valid. */
function nextTokenKey(dataDirectory: string, persistent: boolean): Uint8Array {
  if (!persistent) return randomBytes(32);
  const file = join(dataDirectory, "next-token.key");
  if (existsSync(file)) return Buffer.from(readFileSync(file, "utf8").trim(), "base64");
  const key = randomBytes(32);
  mkdirSync(dataDirectory, { recursive: true });
  writeFileSync(file, key.toString("base64"), { mode: 0o600 });
  return key;
}

/** What changed files reload: the API's resolvers and Lambdas, and the functions outside the API. */
function reloadChanged(runtime: AppSyncRuntime, functions: HandlerRegistry, changedFiles: readonly string[]): string[] {
  const { resolvers, handlers } = runtime.reload(changedFiles);
  return [...resolvers, ...handlers, ...functions.invalidate(changedFiles)];
}

/** Live reload: a saved resolver, handler or core file is rebuilt and live for the next request or stream batch. */
function watchSources(repoRoot: string, reload: (changedFiles: readonly string[]) => string[], log: (line: string) => void): () => Promise<void> {
  const folders = ["packages/functions/src", "packages/core/src"].map((folder) => resolve(repoRoot, folder));
  const changed = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  const watchers: FSWatcher[] = folders.map((folder) =>
    watch(folder, { recursive: true }, (_event, file) => {
      if (!file || !/\.[cm]?[jt]s$/.test(file)) return;
      changed.add(join(folder, file.toString()));
      clearTimeout(timer);
      timer = setTimeout(() => {
        const files = [...changed];
        changed.clear();
        const started = performance.now();
        try {
          const what = reload(files);
          if (what.length > 0) log(`reloaded ${what.join(", ")} in ${Math.round(performance.now() - started)} ms`);
        } catch (error) {
          log(`reload failed, the previous code keeps serving: ${error instanceof Error ? error.message : String(error)}`);
        }
      }, 30);
    }),
  );
  return async () => {
    clearTimeout(timer);
    watchers.forEach((watcher) => watcher.close());
  };
}
