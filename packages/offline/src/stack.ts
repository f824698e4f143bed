// Marquee's whole local stack: the engines (DynamoDB Local, cognito-local, s3rver, the local Personalize),
// their resources provisioned from the same definitions the infra uses, the table's stream feeding its
// subscribers (the interaction Lambda, the title-summary Lambda), and the AppSync-compatible runtime
// serving schema.graphql with the resolver manifest. `npm start` and the tests both start it with this code.
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
import { localPersonalizeResources, startSeededPersonalize } from "./seed/personalize.ts";
import { seedViewing, type ViewingSeedReport } from "./seed/viewing.ts";
import { startInteractionStream, startTitleSummaryStream, type StreamPoller } from "./stream/index.ts";
import { sdkLogger } from "@marquee/core/util/sdk-logger";

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
  const dataDirectory = join(options.repoRoot, ".marquee");
  const ports: StackPorts = {
    graphql: options.ports?.graphql ?? (await freePort()),
    dynamodb: options.ports?.dynamodb ?? (await freePort()),
    cognito: options.ports?.cognito ?? (await freePort()),
    s3: options.ports?.s3 ?? (await freePort()),
  };
  for (const [name, port] of Object.entries(ports) as Array<[keyof StackPorts, number]>) {
    await assertPortFree(port, name === "graphql" ? "the GraphQL endpoint" : name, portVariables[name]);
  }

  const stops: Array<() => Promise<void>> = [];
  let stopped = false;
  const stopAll = async () => {
    stopped = true;
    for (const stop of stops.reverse()) await stop().catch((error) => console.error(error));
    stops.length = 0;
  };
  try {
    const [dynamodb, cognito, s3] = await Promise.all([
      startDynamoDBLocal({ port: ports.dynamodb, dataDirectory: options.persistent ? join(dataDirectory, "dynamodb") : undefined }),
      startCognitoLocal({ port: ports.cognito, dataDirectory: options.persistent ? join(dataDirectory, "cognito") : undefined, portVariable: portVariables.cognito }),
      startS3rver({ port: ports.s3, dataDirectory: options.persistent ? join(dataDirectory, "s3") : undefined, portVariable: portVariables.s3 }),
    ]);
    stops.push(dynamodb.stop, cognito.stop, s3.stop);
    log(`engines up: DynamoDB Local :${ports.dynamodb}, cognito-local :${ports.cognito}, s3rver :${ports.s3}`);
    // Its port is chosen now: SST's Resource and the SDK clients read the environment once, on first use.
    const personalizePort = await freePort();
    const personalizeEndpoint = `http://127.0.0.1:${personalizePort}`;
    const personalizeResources = localPersonalizeResources(region);

    // Code in core and functions finds the engines the way it finds AWS: through the SDK's endpoint variables.
    Object.assign(process.env, {
      AWS_REGION: region,
      AWS_ACCESS_KEY_ID: "S3RVER",
      AWS_SECRET_ACCESS_KEY: "S3RVER",
      AWS_ENDPOINT_URL_DYNAMODB: dynamodb.endpoint,
      AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: cognito.endpoint,
      AWS_ENDPOINT_URL_S3: s3.endpoint,
      AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE: "1",
      SST_RESOURCE_Table: JSON.stringify({ name: tableName, type: "sst.aws.Dynamo" }),
      SST_RESOURCE_Uploads: JSON.stringify({ name: bucketName, type: "sst.aws.Bucket" }),
      // Recommendations: the links infra/recommendations.ts gives the Lambdas, with the local engine's ARNs.
      AWS_ENDPOINT_URL_PERSONALIZE_RUNTIME: personalizeEndpoint,
      AWS_ENDPOINT_URL_PERSONALIZE_EVENTS: personalizeEndpoint,
      SST_RESOURCE_Recommendations: JSON.stringify({ ...personalizeResources.recommendations, type: "sst.sst.Linkable" }),
      SST_RESOURCE_InteractionEvents: JSON.stringify({ ...personalizeResources.interactionEvents, type: "sst.sst.Linkable" }),
    });

    // The runtime's DynamoDB data source: AppSync's own client logs nothing, so neither does this one.
    const dynamoClient = new DynamoDBClient({ endpoint: dynamodb.endpoint, region, credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" }, logger: sdkLogger });
    const cognitoClient = new CognitoIdentityProviderClient(cognitoLocalClientConfig(cognito.endpoint));
    const s3Client = new S3Client(s3rverClientConfig(s3.endpoint));

    await ensureTable(dynamoClient, tableName, tableDefinition);
    const pool = await ensureUserPool(cognitoClient, userPoolName);
    const { clientId } = await ensureUserPoolClient(cognitoClient, pool.id, userPoolClientName);
    await ensureGroup(cognitoClient, pool.id, contentTeamGroup);
    const demoAccounts = new Map<string, string>();
    for (const user of demoUsers) demoAccounts.set(user.email, (await ensureUser(cognitoClient, pool.id, user)).username);
    await ensureBucket(s3Client, bucketName, { corsAllowedOrigins: ["*"] });

    let seed: SeedReport | null = null;
    let viewing: ViewingSeedReport | null = null;
    let seededSource: CatalogSource | null = null;
    const seedDemoData = async () => {
      if (options.seed === false) return;
      const source = await loadCatalogSource(options.repoRoot, options.seed ?? "full");
      seededSource = source;
      if (source.kind === "fallback") {
        log("MovieLens (Debian package r-cran-dslabs) is not on this machine, so the demo uses the small built-in catalog: run `bash scripts/fetch-movielens.sh` for the full one.");
      }
      seed = await seedCatalog(dynamoClient, tableName, source);
      log(seed.skipped ? `catalog already seeded (${seed.titles} titles from ${seed.source})` : `seeded ${seed.titles} titles (${seed.items} items) from ${seed.source} in ${seed.seconds.toFixed(1)} s`);
      const viewer = demoUsers[0]!;
      viewing = await seedViewing(dynamoClient, tableName, source, titlesFrom(source), { accountId: demoAccounts.get(viewer.email)!, email: viewer.email });
      if (!viewing.skipped) {
        log(`seeded ${viewer.email}'s history from MovieLens user ${viewing.demoUserId} (${viewing.historyEntries} titles) and ${viewing.seededProfiles} MovieLens viewers in ${viewing.seconds.toFixed(1)} s`);
      }
    };
    let titleSummaryStream: StreamPoller | null = null;
    const credentials = { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" };
    // Once the seed is in (it writes entries with current summaries), titles an editor changes reach the
    // progress and My List entries carrying their summary. Started before, and whatever becomes of, the
    // local Personalize: the two mappings are independent, as on AWS.
    const startTitleSummaries = async () => {
      if (stopped) return;
      const poller = await startTitleSummaryStream({ dynamoClient, dynamodbEndpoint: dynamodb.endpoint, tableName, region, credentials, log });
      stops.push(() => poller.stop());
      if (stopped) return void (await poller.stop());
      titleSummaryStream = poller;
    };
    // Recommendations, once the seed is in: until then the API answers with popular titles.
    //  - the local Personalize learns from the seed's bulk export (MovieLens + the demo accounts' table
    //    interactions), as dataset import jobs would, then from the events the stream brings;
    //  - the stream is read from LATEST from then on, so nothing in the bulk export is also sent as an event.
    let personalize: RunningLocalPersonalize | null = null;
    let interactionStream: StreamPoller | null = null;
    const startRecommendations = async () => {
      if (stopped) return;
      const directory = options.persistent ? join(dataDirectory, "personalize") : mkdtempSync(join(tmpdir(), "marquee-personalize-"));
      if (!options.persistent) stops.push(async () => rmSync(directory, { recursive: true, force: true }));
      const source: CatalogSource | null = seededSource;
      const started = await startSeededPersonalize({
        port: personalizePort,
        resources: personalizeResources,
        datasets: source && {
          client: dynamoClient,
          tableName,
          source,
          titles: titlesFrom(source),
          accountIds: [...demoAccounts.values()],
          demoMovieLensUserId: viewing?.demoUserId ?? null,
          directory,
        },
        log,
      });
      stops.push(() => started.running.stop());
      if (stopped) return void (await started.running.stop());
      personalize = started.running;
      const { model } = started.running;
      log(`local Personalize ${personalizeEndpoint}: model v${model.version} on ${model.interactions} interactions, ${model.modelItems} items, trained in ${model.trainingSeconds?.toFixed(1) ?? "-"} s`);
      const poller = await startInteractionStream({ dynamoClient, dynamodbEndpoint: dynamodb.endpoint, tableName, region, credentials, log });
      stops.push(() => poller.stop());
      if (stopped) return void (await poller.stop());
      interactionStream = poller;
    };
    // DynamoDB Local writes to disk slowly (minutes for the whole catalog): `npm start` serves at once and
    // seeds behind; a seed stopped half-way is redone (idempotently) on the next start.
    let seeding: Promise<void> = Promise.resolve();
    if (!options.seedInBackground) {
      await seedDemoData();
      await startTitleSummaries();
      await startRecommendations();
    }
    process.env.SST_RESOURCE_UserPool = JSON.stringify({ id: pool.id, type: "sst.aws.CognitoUserPool" });

    const dynamodbRequests = new Map<string, number>();
    const graphqlUrl = `http://127.0.0.1:${ports.graphql}/graphql`;
    const info: StackInfo = {
      graphqlUrl,
      ideUrl: `http://127.0.0.1:${ports.graphql}/`,
      region,
      cognitoEndpoint: cognito.endpoint,
      userPoolId: pool.id,
      userPoolClientId: clientId,
      dynamodbEndpoint: dynamodb.endpoint,
      s3Endpoint: s3.endpoint,
      personalizeEndpoint,
      tableName,
      bucketName,
      demoUsers,
    };

    const runtime = createAppSyncRuntime({
      schemaSdl: readFileSync(join(options.repoRoot, "schema.graphql"), "utf8"),
      manifest,
      repoRoot: options.repoRoot,
      codeConstants: resolverConstants({ tableName }),
      buildDirectory: join(dataDirectory, "build", options.persistent ? "lambda" : `lambda-${process.pid}-${ports.graphql}`),
      cognito: { issuer: `${cognito.endpoint}/${pool.id}`, clientIds: [clientId] },
      dynamodb: { client: dynamoClient, tableName, nextTokenKey: nextTokenKey(dataDirectory, options.persistent) },
      region,
      onDynamoDBRequest: (operation) => dynamodbRequests.set(operation, (dynamodbRequests.get(operation) ?? 0) + 1),
      route: (request, response) => {
        if (request.method !== "GET" || (request.url ?? "/").split("?")[0] !== "/") return false;
        response.writeHead(200, { "content-type": "text/html; charset=utf-8" });
        response.end(idePage(info));
        return true;
      },
    });
    await runtime.listen(ports.graphql);
    stops.push(() => runtime.close());

    if (options.watch) stops.push(watchSources(options.repoRoot, runtime, log));
    if (options.seedInBackground) {
      log("seeding the demo data in the background if needed (minutes, first start only); the API already answers");
      seeding = seedDemoData()
        // Genre rows cached while the catalog was half seeded would stay short for their TTL.
        .then(() => runtime.apiCache?.flush())
        .then(startTitleSummaries)
        .then(startRecommendations)
        .catch((error: unknown) => log(`seeding stopped: ${error instanceof Error ? error.message : String(error)}`));
    }

    return {
      info,
      runtime,
      dynamodbRequests,
      get seed() {
        return seed;
      },
      get viewing() {
        return viewing;
      },
      seeding,
      get personalize() {
        return personalize;
      },
      get interactionStream() {
        return interactionStream;
      },
      get titleSummaryStream() {
        return titleSummaryStream;
      },
      pids: [dynamodb.pid, cognito.pid].filter((pid): pid is number => typeof pid === "number"),
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
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

/** Live reload: a saved resolver, handler or core file is rebuilt and live for the next request. */
function watchSources(repoRoot: string, runtime: AppSyncRuntime, log: (line: string) => void): () => Promise<void> {
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
          const { resolvers, handlers } = runtime.reload(files);
          const what = [...resolvers, ...handlers];
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
