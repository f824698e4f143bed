// Assertions on the resource graph of one run of sst.config.ts, shared by the test files that run
// it with the real manifest and with a fixture manifest covering every shape.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Kind, parse } from "graphql";
import { beforeAll, describe, expect, it } from "vitest";
import { bundleAppSyncCode } from "@marquee/appsync-contract/bundle";
import { resolverConstants } from "@marquee/functions/resolvers/constants";
import { contentTeamGroup } from "@marquee/core/appsync";
import { apiLimits } from "@marquee/functions/api-limits";
import { titleSummaryStreamBatching, titleSummaryStreamFilters } from "@marquee/core/history/stream";
import { interactionStreamBatching, interactionStreamFilters } from "@marquee/core/recommendation/stream";
import { tableDefinition } from "@marquee/core/table";
import type { ResolverManifest } from "@marquee/appsync-contract";
import { accountId, region, repoRoot, resourcesOf, runSstProgram, theResource, type ProgramRun, type RegisteredResource } from "./sst-mocks.ts";
import { describeObservability } from "./observability-assertions.ts";

const T = {
  table: "aws:dynamodb/table:Table",
  api: "aws:appsync/graphQLApi:GraphQLApi",
  dataSource: "aws:appsync/dataSource:DataSource",
  function: "aws:appsync/function:Function",
  resolver: "aws:appsync/resolver:Resolver",
  apiCache: "aws:appsync/apiCache:ApiCache",
  lambda: "aws:lambda/function:Function",
  role: "aws:iam/role:Role",
  userPool: "aws:cognito/userPool:UserPool",
  client: "aws:cognito/userPoolClient:UserPoolClient",
  group: "aws:cognito/userGroup:UserGroup",
  command: "command:local:Command",
  eventSourceMapping: "aws:lambda/eventSourceMapping:EventSourceMapping",
  secret: "sst:sst:Secret",
  linkable: "sst:sst:Linkable",
} as const;

/** AppSync's limit on one resolver's or function's code. */
const appSyncCodeLimit = 32_000;

type PolicyStatement = { Effect: string; Action: string | string[]; Resource: string | string[] };
type InlinePolicy = { name: string; policy: string };

const list = (value: string | string[]) => (Array.isArray(value) ? value : [value]);

/**
 * Pulumi marks an input secret (in the mocks' view: wrapped under its secret signature) when it comes from
 * one, e.g. a Lambda config whose environment holds linked SST secrets. The value inside is the same.
 */
const secretSignature = "4dabf18193072939515e22adb298388d";
function unsecret<T>(value: T): T {
  const wrapped = value as Record<string, unknown> | null | undefined;
  return wrapped && typeof wrapped === "object" && secretSignature in wrapped ? (wrapped.value as T) : value;
}
const str = (value: unknown) => value as string;

function findOne(run: ProgramRun, type: string, match: (r: RegisteredResource) => boolean, what: string) {
  const found = resourcesOf(run, type).filter(match);
  if (found.length !== 1) throw new Error(`expected exactly one ${type} for ${what}, found ${found.length}`);
  return found[0]!;
}

function roleStatements(run: ProgramRun, roleArn: unknown): PolicyStatement[] {
  const role = findOne(run, T.role, (r) => r.state.arn === roleArn, `role ${String(roleArn)}`);
  const policies = (role.inputs.inlinePolicies ?? []) as InlinePolicy[];
  return policies.flatMap((p) => (JSON.parse(p.policy) as { Statement: PolicyStatement[] }).Statement);
}

function allows(statements: PolicyStatement[], action: string, resource: string) {
  return statements.some(
    (s) =>
      s.Effect === "Allow" &&
      list(s.Action).some((a) => a === action || a === "dynamodb:*") &&
      list(s.Resource).includes(resource),
  );
}

/** Any statement allowing `action`, on whatever resource. */
const allowsAnywhere = (statements: PolicyStatement[], action: string) => statements.some((s) => s.Effect === "Allow" && list(s.Action).includes(action));

/** Object type -> field names declared in schema.graphql (including `extend type`). */
function schemaFields(): Map<string, Set<string>> {
  const document = parse(readFileSync(join(repoRoot, "schema.graphql"), "utf8"));
  const fields = new Map<string, Set<string>>();
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION && definition.kind !== Kind.OBJECT_TYPE_EXTENSION) continue;
    const names = fields.get(definition.name.value) ?? new Set<string>();
    for (const field of definition.fields ?? []) names.add(field.name.value);
    fields.set(definition.name.value, names);
  }
  return fields;
}

/** Personalize's resources of the mocked account and region: what the recommendation permissions name. */
const personalizeResources = `arn:aws:personalize:${region}:${accountId}:*`;

export function describeInfrastructure({
  stage,
  manifest,
  personalizeDataSources,
}: {
  stage: string;
  manifest: ResolverManifest;
  /** The Lambda data sources that call Personalize: they, and only they, get the Recommendations link. */
  personalizeDataSources: readonly string[];
}) {
  let run: ProgramRun;
  const graph = () => run;
  beforeAll(async () => {
    run = await runSstProgram({ stage });
  });

  const tableResource = () => theResource(graph(), T.table, "TableTable");
  const apiResource = () => theResource(graph(), T.api, "ApiApi");
  const userPoolResource = () => theResource(graph(), T.userPool, "UserPoolUserPool");
  const clientResource = () => theResource(graph(), T.client, "WebClientClient");
  const dataSourceNamed = (name: string) => findOne(graph(), T.dataSource, (r) => r.inputs.name === name, `data source "${name}"`);
  const functionNamed = (name: string) => findOne(graph(), T.function, (r) => r.inputs.name === name, `function "${name}"`);
  /** The bundle the deploy must upload: the entry with this stage's table name replaced in. */
  const deployedCode = (entry: string) => bundleAppSyncCode(entry, resolverConstants({ tableName: str(tableResource().state.name ?? tableResource().inputs.name) }));

  describe(`the app (stage ${stage})`, () => {
    it("is marquee, homed in AWS, and keeps its data only in production", () => {
      const { app } = graph();
      expect(app).toMatchObject({ name: "marquee", home: "aws" });
      expect(app.removal).toBe(stage === "production" ? "retain" : "remove");
    });
  });

  describe(`the table (stage ${stage})`, () => {
    it("has the key fields, primary index and GSIs of tableDefinition", () => {
      const table = tableResource().inputs;
      expect(table.hashKey).toBe(tableDefinition.primaryIndex.hashKey);
      expect(table.rangeKey).toBe(tableDefinition.primaryIndex.rangeKey);
      expect(table.attributes).toEqual(Object.keys(tableDefinition.fields).map((name) => ({ name, type: "S" })));
      const indexes = Object.entries(tableDefinition.globalIndexes).map(([name, index]) => ({
        name,
        hashKey: index.hashKey,
        rangeKey: index.rangeKey,
        projectionType: "ALL",
      }));
      expect(table.globalSecondaryIndexes).toEqual(indexes);
    });

    it("streams new and old images and expires items by the TTL attribute", () => {
      const table = tableResource().inputs;
      expect(table.streamEnabled).toBe(true);
      expect(table.streamViewType).toBe(tableDefinition.stream.toUpperCase().replaceAll("-", "_"));
      expect(table.ttl).toEqual({ attributeName: tableDefinition.ttl, enabled: true });
    });
  });

  describe(`auth (stage ${stage})`, () => {
    it("signs users in by email", () => {
      expect(userPoolResource().inputs.usernameAttributes).toEqual(["email"]);
    });

    it("gives the web app a client without secret, with password, SRP and refresh-token flows", () => {
      const client = clientResource().inputs;
      expect(client.userPoolId).toBe(userPoolResource().id);
      expect(client.generateSecret).toBe(false);
      expect([...(client.explicitAuthFlows as string[])].sort()).toEqual(
        ["ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_USER_PASSWORD_AUTH", "ALLOW_USER_SRP_AUTH"],
      );
    });

    it("creates the content team group in the pool", () => {
      const group = findOne(graph(), T.group, (r) => r.inputs.name === contentTeamGroup, `group "${contentTeamGroup}"`);
      expect(group.inputs.userPoolId).toBe(userPoolResource().id);
    });
  });

  describe(`the GraphQL API (stage ${stage})`, () => {
    it("authorizes with the Cognito user pool by default", () => {
      const api = apiResource().inputs;
      expect(api.authenticationType).toBe("AMAZON_COGNITO_USER_POOLS");
      expect(api.userPoolConfig).toMatchObject({ userPoolId: userPoolResource().id, defaultAction: "ALLOW" });
    });

    it("serves schema.graphql", () => {
      expect(apiResource().inputs.schema).toBe(readFileSync(join(repoRoot, "schema.graphql"), "utf8"));
    });

    it("limits query depth and resolver count to the values the local runtime enforces", () => {
      const api = apiResource().inputs;
      expect(api.queryDepthLimit).toBe(apiLimits.queryDepthLimit);
      expect(api.resolverCountLimit).toBe(apiLimits.resolverCountLimit);
      // AppSync's bounds for both settings (0 would mean no limit).
      expect(api.queryDepthLimit).toBeGreaterThanOrEqual(1);
      expect(api.queryDepthLimit).toBeLessThanOrEqual(75);
      expect(api.resolverCountLimit).toBeGreaterThanOrEqual(1);
      expect(api.resolverCountLimit).toBeLessThanOrEqual(10_000);
    });

    it("traces with X-Ray, logs errors, and hides introspection in production", () => {
      const api = apiResource().inputs;
      expect(api.xrayEnabled).toBe(true);
      expect(api.introspectionConfig).toBe(stage === "production" ? "DISABLED" : "ENABLED");
      const logConfig = api.logConfig as { cloudwatchLogsRoleArn: string; fieldLogLevel: string };
      expect(logConfig.fieldLogLevel).toBe("ERROR");
      expect(logConfig.cloudwatchLogsRoleArn).toBe(theResource(graph(), T.role, "ApiLogRole").state.arn);
    });

    it("creates exactly the manifest's data sources, functions and resolvers", () => {
      expect(resourcesOf(graph(), T.dataSource).map((r) => r.inputs.name).sort()).toEqual(Object.keys(manifest.dataSources).sort());
      expect(resourcesOf(graph(), T.function).map((r) => r.inputs.name).sort()).toEqual(Object.keys(manifest.functions).sort());
      expect(resourcesOf(graph(), T.resolver).map((r) => `${str(r.inputs.type)}.${str(r.inputs.field)}`).sort()).toEqual(
        manifest.resolvers.map((r) => r.field).sort(),
      );
    });

    it("caches per resolver, encrypted, in production when the manifest caches a resolver (no cache elsewhere)", () => {
      const caches = resourcesOf(graph(), T.apiCache);
      if (stage !== "production" || !manifest.resolvers.some((r) => r.caching)) return void expect(caches).toEqual([]);
      expect(caches).toHaveLength(1);
      expect(caches[0]!.inputs).toMatchObject({
        apiId: apiResource().id,
        apiCachingBehavior: "PER_RESOLVER_CACHING",
        transitEncryptionEnabled: true,
        atRestEncryptionEnabled: true,
      });
      expect(caches[0]!.inputs.ttl).toBeGreaterThanOrEqual(1);
      expect(caches[0]!.inputs.ttl).toBeLessThanOrEqual(3600);
    });

    it("resolves only fields that schema.graphql declares", () => {
      const fields = schemaFields();
      const missing = manifest.resolvers
        .map((r) => r.field)
        .filter((field) => {
          const [type, name] = field.split(".");
          return !fields.get(type!)?.has(name!);
        });
      expect(missing).toEqual([]);
    });
  });

  describe(`data sources (stage ${stage})`, () => {
    for (const [name, definition] of Object.entries(manifest.dataSources)) {
      it(`${name}: ${definition.type}`, () => {
        const dataSource = dataSourceNamed(name).inputs;
        expect(dataSource.apiId).toBe(apiResource().id);
        if (definition.type === "none") {
          expect(dataSource.type).toBe("NONE");
          return;
        }
        if (definition.type === "dynamodb") {
          expect(dataSource.type).toBe("AMAZON_DYNAMODB");
          expect(dataSource.dynamodbConfig).toMatchObject({ tableName: tableResource().state.name });
          // GSI queries are authorized on <table>/index/<name>, not on the table.
          const statements = roleStatements(graph(), dataSource.serviceRoleArn);
          const tableArn = str(tableResource().state.arn);
          expect(allows(statements, "dynamodb:Query", tableArn)).toBe(true);
          expect(allows(statements, "dynamodb:Query", `${tableArn}/index/*`)).toBe(true);
          return;
        }
        if (definition.type === "http") {
          expect(dataSource.type).toBe("HTTP");
          expect(dataSource.httpConfig).toMatchObject({ endpoint: definition.endpoint });
          return;
        }
        expect(dataSource.type).toBe("AWS_LAMBDA");
        const functionArn = unsecret(dataSource.lambdaConfig as { functionArn: string }).functionArn;
        const lambda = findOne(graph(), T.lambda, (r) => r.state.arn === functionArn, `the Lambda of data source "${name}"`);
        expect(lambda.inputs.timeout).toBe(definition.timeoutSeconds ?? 20);
        expect(lambda.inputs.memorySize).toBe(definition.memoryMb ?? 1024);
        // Linked: the build received the links, and the role may use the table (and its indexes).
        const build = graph().builds.find((b) => b.handler === definition.handler);
        expect(build?.links).toEqual(expect.arrayContaining(["Table", "Uploads"]));
        const tableArn = str(tableResource().state.arn);
        const statements = roleStatements(graph(), lambda.inputs.role);
        expect(allows(statements, "dynamodb:Query", tableArn)).toBe(true);
        expect(allows(statements, "dynamodb:Query", `${tableArn}/*`)).toBe(true);
        // Personalize: its config and permission for the recommendation Lambdas, nothing for the others.
        const callsPersonalize = personalizeDataSources.includes(name);
        expect(build?.links.includes("Recommendations")).toBe(callsPersonalize);
        expect(allows(statements, "personalize:GetRecommendations", personalizeResources)).toBe(callsPersonalize);
        expect(allowsAnywhere(statements, "personalize:PutEvents")).toBe(false);
      });
    }
  });

  describe(`recommendations (stage ${stage})`, () => {
    const streamMapping = () => theResource(graph(), T.eventSourceMapping, "TableSubscriberInteractionStreamEventSourceMapping").inputs;
    const subscriberBuild = () => graph().builds.find((b) => b.handler === "packages/functions/src/lambda/interactionStream.handler");
    const subscriber = () => {
      const functionArn = unsecret(streamMapping().functionName);
      return findOne(graph(), T.lambda, (r) => r.state.arn === functionArn || r.state.name === functionArn, "the stream subscriber's Lambda");
    };

    it("names Personalize's ARNs and tracking id in secrets, linked through two linkables", () => {
      const secrets = resourcesOf(graph(), T.secret).map((r) => r.name).sort();
      expect(secrets).toEqual([
        "PersonalizeBecauseYouWatchedArn",
        "PersonalizeFilterArn",
        "PersonalizeItemsDatasetArn",
        "PersonalizeMoreLikeThisArn",
        "PersonalizeMostPopularArn",
        "PersonalizeRankingCampaignArn",
        "PersonalizeTopPicksArn",
        "PersonalizeTrackingId",
        "PersonalizeTrendingArn",
      ]);
      expect(resourcesOf(graph(), T.linkable).map((r) => r.name).sort()).toEqual(["InteractionEvents", "Recommendations"]);
    });

    it("subscribes the interaction Lambda to the table's stream: new interaction items and titles only", () => {
      const mapping = streamMapping();
      expect(mapping.eventSourceArn).toBe(tableResource().state.streamArn);
      expect(mapping.startingPosition).toBe("LATEST");
      const patterns = (mapping.filterCriteria as { filters: Array<{ pattern: string }> }).filters.map((f) => JSON.parse(f.pattern) as unknown);
      expect(patterns).toEqual(interactionStreamFilters);
      // The mapping invokes the Lambda built from the interaction handler.
      expect(subscriber().name).toBe(`${subscriberBuild()?.functionID}Function`);
    });

    it("retries only what failed, until Personalize is back, and parks what ages out of the stream", () => {
      const mapping = streamMapping();
      expect(mapping.functionResponseTypes).toEqual(["ReportBatchItemFailures"]);
      expect(mapping.batchSize).toBe(interactionStreamBatching.batchSize);
      expect(mapping.maximumBatchingWindowInSeconds).toBe(interactionStreamBatching.maximumBatchingWindowInSeconds);
      expect(mapping.maximumRetryAttempts).toBe(-1);
      expect(mapping.maximumRecordAgeInSeconds).toBe(86_400);
      const queue = findOne(graph(), "aws:sqs/queue:Queue", (r) => r.name.startsWith("InteractionStreamFailures"), "the failure queue");
      expect(mapping.destinationConfig).toEqual({ onFailure: { destinationArn: queue.state.arn } });
      expect(queue.inputs.messageRetentionSeconds).toBe(14 * 24 * 3600);
    });

    it("lets the interaction Lambda read the stream, send events and park failures, and nothing of the API", () => {
      const build = subscriberBuild();
      expect(build?.links).toEqual(["InteractionEvents", "InteractionStreamFailures"]);
      const statements = roleStatements(graph(), subscriber().inputs.role);
      expect(allows(statements, "personalize:PutEvents", personalizeResources)).toBe(true);
      expect(allows(statements, "personalize:PutItems", personalizeResources)).toBe(true);
      expect(allows(statements, "dynamodb:GetRecords", str(tableResource().state.streamArn))).toBe(true);
      expect(allowsAnywhere(statements, "personalize:GetRecommendations")).toBe(false);
    });
  });

  describe(`title summaries (stage ${stage})`, () => {
    const streamMapping = () => theResource(graph(), T.eventSourceMapping, "TableSubscriberTitleSummaryStreamEventSourceMapping").inputs;
    const subscriberBuild = () => graph().builds.find((b) => b.handler === "packages/functions/src/lambda/titleSummaryStream.handler");
    const subscriber = () => {
      const functionArn = unsecret(streamMapping().functionName);
      return findOne(graph(), T.lambda, (r) => r.state.arn === functionArn || r.state.name === functionArn, "the title-summary subscriber's Lambda");
    };

    it("subscribes its own Lambda to the table's stream, with its own mapping: changed titles only", () => {
      const mapping = streamMapping();
      expect(mapping.eventSourceArn).toBe(tableResource().state.streamArn);
      expect(mapping.startingPosition).toBe("LATEST");
      const patterns = (mapping.filterCriteria as { filters: Array<{ pattern: string }> }).filters.map((f) => JSON.parse(f.pattern) as unknown);
      expect(patterns).toEqual(titleSummaryStreamFilters);
      expect(patterns).toEqual([{ eventName: ["MODIFY"], dynamodb: { NewImage: { __edb_e__: { S: ["title"] } } } }]);
      expect(subscriber().name).toBe(`${subscriberBuild()?.functionID}Function`);
      // Two mappings, two Lambdas: one failing cannot hold back the other.
      const interactionMapping = theResource(graph(), T.eventSourceMapping, "TableSubscriberInteractionStreamEventSourceMapping").inputs;
      expect(unsecret(interactionMapping.functionName)).not.toBe(unsecret(mapping.functionName));
    });

    it("retries only what failed, for as long as the stream keeps records, and parks what ages out", () => {
      const mapping = streamMapping();
      expect(mapping.functionResponseTypes).toEqual(["ReportBatchItemFailures"]);
      expect(mapping.batchSize).toBe(titleSummaryStreamBatching.batchSize);
      expect(mapping.maximumBatchingWindowInSeconds).toBe(titleSummaryStreamBatching.maximumBatchingWindowInSeconds);
      expect(mapping.maximumRetryAttempts).toBe(-1);
      expect(mapping.maximumRecordAgeInSeconds).toBe(86_400);
      const queue = findOne(graph(), "aws:sqs/queue:Queue", (r) => r.name.startsWith("TitleSummaryStreamFailures"), "the failure queue");
      expect(mapping.destinationConfig).toEqual({ onFailure: { destinationArn: queue.state.arn } });
      expect(queue.inputs.messageRetentionSeconds).toBe(14 * 24 * 3600);
    });

    it("lets its Lambda read the stream, query the title's entries and update them, and nothing of Personalize", () => {
      const build = subscriberBuild();
      expect(build?.links).toEqual(["Table", "TitleSummaryStreamFailures"]);
      expect(subscriber().inputs.timeout).toBe(300);
      const tableArn = str(tableResource().state.arn);
      const statements = roleStatements(graph(), subscriber().inputs.role);
      expect(allows(statements, "dynamodb:GetRecords", str(tableResource().state.streamArn))).toBe(true);
      expect(allows(statements, "dynamodb:Query", `${tableArn}/*`)).toBe(true);
      expect(allows(statements, "dynamodb:UpdateItem", tableArn)).toBe(true);
      expect(allowsAnywhere(statements, "personalize:PutEvents")).toBe(false);
      expect(allowsAnywhere(statements, "personalize:GetRecommendations")).toBe(false);
    });
  });

  describe(`pipeline functions (stage ${stage})`, () => {
    if (Object.keys(manifest.functions).length === 0)
      it("none in the manifest, none created", () => expect(resourcesOf(graph(), T.function)).toEqual([]));
    for (const [name, definition] of Object.entries(manifest.functions)) {
      it(`${name} on ${definition.dataSource}`, () => {
        const fn = functionNamed(name).inputs;
        expect(fn.dataSource).toBe(definition.dataSource);
        expect(fn.runtime).toEqual({ name: "APPSYNC_JS", runtimeVersion: "1.0.0" });
        expect(fn.code).toBe(deployedCode(definition.code));
        expect(str(fn.code).length).toBeLessThanOrEqual(appSyncCodeLimit);
        expect(fn.maxBatchSize).toBe(definition.maxBatchSize);
      });
    }
  });

  describe(`resolvers (stage ${stage})`, () => {
    for (const definition of manifest.resolvers) {
      it(`${definition.field} (${definition.kind})`, () => {
        const [type, field] = definition.field.split(".");
        const resolver = findOne(
          graph(),
          T.resolver,
          (r) => r.inputs.type === type && r.inputs.field === field,
          `resolver ${definition.field}`,
        ).inputs;
        expect(resolver.apiId).toBe(apiResource().id);
        expect(resolver.kind).toBe(definition.kind.toUpperCase());
        if (definition.code === undefined) {
          // A direct Lambda resolver: no code, no runtime.
          expect(resolver.code).toBeUndefined();
          expect(resolver.runtime).toBeUndefined();
        } else {
          expect(resolver.runtime).toEqual({ name: "APPSYNC_JS", runtimeVersion: "1.0.0" });
          expect(resolver.code).toBe(deployedCode(definition.code));
          expect(str(resolver.code).length).toBeLessThanOrEqual(appSyncCodeLimit);
        }
        expect(resolver.cachingConfig).toEqual(definition.caching ? { ttl: definition.caching.ttlSeconds, cachingKeys: definition.caching.keys } : undefined);
        if (definition.kind === "pipeline") {
          expect(resolver.dataSource).toBeUndefined();
          const functionIds = definition.functions.map((name) => functionNamed(name).state.functionId);
          expect(resolver.pipelineConfig).toEqual({ functions: functionIds });
        } else {
          expect(resolver.dataSource).toBe(definition.dataSource);
          expect(resolver.maxBatchSize).toBe(definition.maxBatchSize);
        }
      });
    }
  });

  describe(`the web app (stage ${stage})`, () => {
    it("is a StaticSite built from packages/web with the API and pool coordinates", () => {
      theResource(graph(), "sst:aws:StaticSite", "Web");
      const builder = theResource(graph(), T.command, "WebBuilder").inputs;
      expect(builder.create).toBe("npm run build");
      expect(builder.dir).toBe(join(repoRoot, "packages/web"));
      expect(builder.environment).toEqual({
        VITE_GRAPHQL_URL: graph().outputs.graphqlUrl,
        VITE_USER_POOL_ID: userPoolResource().id,
        VITE_USER_POOL_CLIENT_ID: clientResource().id,
        VITE_REGION: "us-east-1",
      });
    });
  });

  describe(`outputs (stage ${stage})`, () => {
    it("name the API URL, the pool, the web client and the site URL", () => {
      const { outputs } = graph();
      expect(outputs.graphqlUrl).toBe((apiResource().state.uris as { GRAPHQL: string }).GRAPHQL);
      expect(outputs.userPoolId).toBe(userPoolResource().id);
      expect(outputs.userPoolClientId).toBe(clientResource().id);
      expect(outputs.web).toMatch(/^https:\/\/.+\.cloudfront\.net$/);
    });
  });

  describeObservability({ stage, manifest, graph });

  describe(`sst-env.d.ts (stage ${stage})`, () => {
    // The Lambdas behind data sources are linkable too, but no code links to them: left out.
    it("types every linkable resource the program creates, except data source Lambdas", () => {
      const typings = readFileSync(join(repoRoot, "sst-env.d.ts"), "utf8");
      const declared = new Map([...typings.matchAll(/"(\w+)": \{[^}]*?"type": "([\w.]+)"/g)].map((m) => [m[1]!, m[2]!]));
      const linkables = resourcesOf(graph(), "sst:sst:LinkRef")
        .map((r) => r.name.replace(/LinkRef$/, ""))
        .filter((name) => !resourcesOf(graph(), "sst:aws:Function", name).length);
      const expected = new Map(
        linkables.map((name) => {
          // sst:aws:* components, and SST's own linkables (sst:sst:Linkable, sst:sst:Secret).
          const component = graph().resources.find((r) => !r.custom && r.name === name && r.type.startsWith("sst:") && r.type !== "sst:sst:LinkRef");
          return [name, component ? component.type.replaceAll(":", ".") : "unknown"];
        }),
      );
      expect(Object.fromEntries(declared)).toEqual(Object.fromEntries(expected));
    });
  });
}
