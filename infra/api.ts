// The GraphQL API. Every data source, pipeline function and resolver comes from the resolver
// manifest (packages/functions/src/manifest.ts), the same declaration the local runtime executes,
// so what deploys is what runs offline.
import { readFileSync } from "node:fs";
import {
  assertValidManifest,
  type DataSourceDefinition,
  type FunctionDefinition,
  type ResolverDefinition,
  type ResolverManifest,
} from "@marquee/appsync-contract";
import { manifest, personalizeDataSources } from "@marquee/functions/manifest";
import { apiLimits } from "@marquee/functions/api-limits";
import { bundleAppSyncCode } from "@marquee/appsync-contract/bundle";
import { resolverConstants } from "@marquee/functions/resolvers/constants";
import { userPool } from "./auth.ts";
import { alarmOnLambdaErrors, logRetention } from "./monitoring.ts";
import { recommendations } from "./recommendations.ts";
import { table, uploads } from "./storage.ts";

/**
 * The manifest with its literal names widened, so lookups by any string type-check. validateManifest
 * (the AppSync contract) checks every rule before anything is declared, so the code below trusts it.
 */
const resolverManifest: ResolverManifest = assertValidManifest(manifest, readFileSync("schema.graphql", "utf8"));
const isProduction = $app.stage === "production";
const partition = aws.getPartitionOutput().partition;

/** AppSync needs a role to write resolver logs to CloudWatch. */
const logRole = new aws.iam.Role("ApiLogRole", {
  assumeRolePolicy: aws.iam.assumeRolePolicyForPrincipal({ Service: "appsync.amazonaws.com" }),
});
new aws.iam.RolePolicyAttachment("ApiLogRolePolicy", {
  role: logRole.name,
  policyArn: $interpolate`arn:${partition}:iam::aws:policy/service-role/AWSAppSyncPushToCloudWatchLogs`,
});

// sst.aws.AppSync has no auth prop (it hard-codes API_KEY), so auth and hardening go through transform.api.
export const api = new sst.aws.AppSync("Api", {
  schema: "schema.graphql",
  transform: {
    api: (args) => {
      args.authenticationType = "AMAZON_COGNITO_USER_POOLS";
      args.userPoolConfig = { userPoolId: userPool.id, defaultAction: "ALLOW" };
      // The limits the local runtime enforces too (packages/functions/src/api-limits.ts).
      args.queryDepthLimit = apiLimits.queryDepthLimit;
      args.resolverCountLimit = apiLimits.resolverCountLimit;
      args.introspectionConfig = isProduction ? "DISABLED" : "ENABLED";
      args.xrayEnabled = true;
      // ERROR level without verbose content: failures are visible, request bodies and tokens are not logged.
      args.logConfig = { cloudwatchLogsRoleArn: logRole.arn, fieldLogLevel: "ERROR", excludeVerboseContent: true };
    },
  },
});

// AppSync creates this group on first use with no expiry; owning it bounds retention.
new aws.cloudwatch.LogGroup("ApiLogs", {
  name: $interpolate`/aws/appsync/apis/${api.id}`,
  retentionInDays: logRetention.days,
});

/** What resolvers may do to the table, including its indexes (transactions need the per-item actions). */
const tableAccessPolicy = aws.iam.getPolicyDocumentOutput({
  statements: [
    {
      actions: [
        "dynamodb:GetItem",
        "dynamodb:BatchGetItem",
        "dynamodb:Query",
        "dynamodb:Scan",
        "dynamodb:PutItem",
        "dynamodb:UpdateItem",
        "dynamodb:DeleteItem",
        "dynamodb:BatchWriteItem",
        "dynamodb:ConditionCheckItem",
      ],
      resources: [table.arn, $interpolate`${table.arn}/index/*`],
    },
  ],
}).json;

type DataSource = ReturnType<typeof api.addDataSource>;
type PipelineFunction = ReturnType<typeof api.addFunction>;

/**
 * One bundle per entry file, however many resolvers share it, with the deployment's constants (the table
 * name) replaced in, as the local runtime does. `where` names the manifest entry in errors.
 */
const bundledCode = new Map<string, $util.Output<string>>();
function appSyncCode(entryPath: string, where: string): $util.Output<string> {
  let code = bundledCode.get(entryPath);
  if (code === undefined) {
    try {
      bundleAppSyncCode(entryPath, resolverConstants({ tableName: "check" }));
    } catch (error) {
      throw new Error(`Resolver manifest: ${where}: cannot bundle ${entryPath}: ${error instanceof Error ? error.message : String(error)}`);
    }
    code = table.name.apply((tableName) => bundleAppSyncCode(entryPath, resolverConstants({ tableName })));
    bundledCode.set(entryPath, code);
  }
  return code;
}

function addDataSource(name: string, definition: DataSourceDefinition): DataSource {
  switch (definition.type) {
    case "dynamodb":
      // The app deploys one table (infra/storage.ts); a logical table of its own would need one too.
      if (definition.table !== undefined)
        throw new Error(`Resolver manifest: dataSources.${name} names table "${definition.table}"; this app deploys one table, which data sources reach by naming none`);
      return api.addDataSource({
        name,
        dynamodb: table.arn,
        // SST grants its service role the table ARN only, so Query on a GSI would be denied
        // (sst issue #1400): grant the data-plane actions on the table and its indexes.
        transform: {
          serviceRole: (args) => {
            args.inlinePolicies = [{ name: "inline", policy: tableAccessPolicy }];
          },
        },
      });
    case "lambda": {
      const dataSource = api.addDataSource({
        name,
        lambda: {
          handler: definition.handler,
          // The recommendation Lambdas also get Personalize's ARNs and the permission to call it.
          link: personalizeDataSources.includes(name) ? [table, uploads, recommendations] : [table, uploads],
          timeout: definition.timeoutSeconds === undefined ? undefined : `${definition.timeoutSeconds} seconds`,
          memory: definition.memoryMb === undefined ? undefined : `${definition.memoryMb} MB`,
        },
      });
      alarmOnLambdaErrors(name, dataSource.nodes.function);
      return dataSource;
    }
    case "http":
      return api.addDataSource({ name, http: definition.endpoint });
    case "none":
      return api.addDataSource({ name });
  }
}

function addFunction(name: string, definition: FunctionDefinition, dataSources: Record<string, DataSource>) {
  return api.addFunction({
    name,
    dataSource: dataSources[definition.dataSource]!.name,
    code: appSyncCode(definition.code, `function "${name}"`),
    // SST's AppSyncFunctionArgs has no maxBatchSize; the underlying aws.appsync.Function does.
    transform: definition.maxBatchSize === undefined ? undefined : { function: { maxBatchSize: definition.maxBatchSize } },
  });
}

function addResolver(
  definition: ResolverDefinition,
  dataSources: Record<string, DataSource>,
  functions: Record<string, PipelineFunction>,
) {
  const where = `resolver "${definition.field}"`;
  const operation = definition.field.replace(".", " ");

  // SST's AppSyncResolverArgs has no maxBatchSize or cachingConfig; the underlying aws.appsync.Resolver does.
  const resolverArgs = (maxBatchSize: number | undefined) =>
    maxBatchSize === undefined && !definition.caching
      ? undefined
      : {
          resolver: {
            ...(maxBatchSize === undefined ? {} : { maxBatchSize }),
            ...(definition.caching ? { cachingConfig: { ttl: definition.caching.ttlSeconds, cachingKeys: definition.caching.keys } } : {}),
          },
        };

  if (definition.kind === "pipeline") {
    return api.addResolver(operation, {
      kind: "pipeline",
      code: appSyncCode(definition.code, where),
      functions: definition.functions.map((name) => functions[name]!.nodes.function.functionId),
      transform: resolverArgs(undefined),
    });
  }

  // Without code, AppSync calls a Lambda data source directly with the whole context ("direct Lambda resolver").
  return api.addResolver(operation, {
    kind: "unit",
    dataSource: dataSources[definition.dataSource]!.name,
    code: definition.code === undefined ? undefined : appSyncCode(definition.code, where),
    transform: resolverArgs(definition.maxBatchSize),
  });
}

export const dataSources: Record<string, DataSource> = Object.fromEntries(
  Object.entries(resolverManifest.dataSources).map(([name, definition]) => [name, addDataSource(name, definition)]),
);
export const functions: Record<string, PipelineFunction> = Object.fromEntries(
  Object.entries(resolverManifest.functions).map(([name, definition]) => [name, addFunction(name, definition, dataSources)]),
);
/**
 * The API cache behind resolvers with a caching config (PER_RESOLVER_CACHING: only those are cached).
 * Its TTL is the default; each cached resolver sets its own. Encrypted in transit and at rest. Production
 * only: a cache instance bills by the hour, and a developer's stage answers the same without one (its
 * resolvers run every time; the local stack runs the cache, evictions included).
 */
export const apiCache =
  isProduction && resolverManifest.resolvers.some((definition) => definition.caching)
    ? new aws.appsync.ApiCache("ApiCache", {
        apiId: api.id,
        apiCachingBehavior: "PER_RESOLVER_CACHING",
        type: "LARGE",
        ttl: 300,
        transitEncryptionEnabled: true,
        atRestEncryptionEnabled: true,
      })
    : undefined;

export const resolvers = resolverManifest.resolvers.map((definition) => addResolver(definition, dataSources, functions));
