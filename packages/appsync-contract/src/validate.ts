// Every rule a resolver manifest must keep, checked in one place: infra/api.ts before it declares anything,
// the local runtime when it starts, and the functions package's test. A problem names the manifest entry.
import { Kind, parse, type DocumentNode, type ObjectTypeDefinitionNode, type ObjectTypeExtensionNode } from "graphql";
import type { ResolverCaching, ResolverManifest } from "./manifest.ts";

export type ManifestProblem = { entry: string; message: string };

/** AppSync's limits on pipelines, batching and caching. */
export const appSyncLimits = { pipelineFunctions: 10, maxBatchSize: { min: 0, max: 2000 }, cacheTtlSeconds: { min: 1, max: 3600 } } as const;

const cachingKeyPattern = /^\$context\.(arguments|source|identity)(\.[A-Za-z_][A-Za-z0-9_]*)+$/;
const rootTypeNames = { query: "Query", mutation: "Mutation", subscription: "Subscription" } as const;

/** The manifest's problems against the schema's SDL (AppSync dialect), in manifest order; empty when it is valid. */
export function validateManifest(manifest: ResolverManifest, schemaSdl: string | DocumentNode): ManifestProblem[] {
  const problems: ManifestProblem[] = [];
  const report = (entry: string, message: string) => problems.push({ entry, message });
  const { fields, roots } = objectFields(typeof schemaSdl === "string" ? parse(schemaSdl) : schemaSdl);

  for (const [name, definition] of Object.entries(manifest.dataSources)) {
    const entry = `dataSources.${name}`;
    if (definition.type === "lambda" && !definition.handler.slice(definition.handler.lastIndexOf("/") + 1).includes("."))
      report(entry, `handler "${definition.handler}" must be a file path followed by ".<export>"`);
    if (definition.type === "dynamodb" && definition.table !== undefined && definition.table.trim() === "")
      report(entry, "names an empty table (leave `table` out for the app's table)");
    if (definition.type === "http" && !isHttpUrl(definition.endpoint))
      report(entry, `endpoint "${definition.endpoint}" must be an http:// or https:// URL`);
  }
  for (const [name, fn] of Object.entries(manifest.functions)) {
    const entry = `functions.${name}`;
    if (!(fn.dataSource in manifest.dataSources)) report(entry, `names unknown data source "${fn.dataSource}"`);
    if (!fn.code) report(entry, "has no code");
    for (const message of batchSizeProblems(fn.maxBatchSize, manifest.dataSources[fn.dataSource]?.type)) report(entry, message);
  }

  const seen = new Set<string>();
  for (const resolver of manifest.resolvers) {
    const entry = `resolvers["${resolver.field}"]`;
    const [typeName, fieldName, extra] = resolver.field.split(".");
    if (!typeName || !fieldName || extra !== undefined) report(entry, `field must be "Type.field", is "${resolver.field}"`);
    else if (!fields.get(typeName)?.has(fieldName)) report(entry, `names a field the schema lacks: ${resolver.field}`);
    if (seen.has(resolver.field)) report(entry, "is declared more than once");
    seen.add(resolver.field);

    if (resolver.kind === "unit") {
      const dataSource = manifest.dataSources[resolver.dataSource];
      if (!dataSource) report(entry, `names unknown data source "${resolver.dataSource}"`);
      else if (!resolver.code && dataSource.type !== "lambda") report(entry, "has no code (only a Lambda data source can be a direct resolver)");
      for (const message of batchSizeProblems(resolver.maxBatchSize, dataSource?.type)) report(entry, message);
    } else {
      if (resolver.functions.length === 0) report(entry, "is a pipeline without functions");
      if (resolver.functions.length > appSyncLimits.pipelineFunctions)
        report(entry, `has ${resolver.functions.length} pipeline functions; AppSync allows at most ${appSyncLimits.pipelineFunctions}`);
      for (const fn of resolver.functions) if (!(fn in manifest.functions)) report(entry, `names unknown function "${fn}"`);
      if (!resolver.code) report(entry, "is a pipeline without before/after code");
    }
    if (resolver.caching) for (const message of cachingProblems(resolver.caching)) report(entry, message);
  }

  for (const root of roots) {
    for (const field of fields.get(root) ?? []) {
      if (!seen.has(`${root}.${field}`)) report(`resolvers["${root}.${field}"]`, "is missing: every field of Query, Mutation and Subscription needs a resolver");
    }
  }
  return problems;
}

/** Throws one error listing every problem, or returns the manifest. */
export function assertValidManifest<M extends ResolverManifest>(manifest: M, schemaSdl: string | DocumentNode): M {
  const problems = validateManifest(manifest, schemaSdl);
  if (problems.length > 0) throw new ManifestError(problems);
  return manifest;
}

export class ManifestError extends Error {
  constructor(readonly problems: ManifestProblem[]) {
    super(`Resolver manifest:\n${problems.map((problem) => `  ${problem.entry} ${problem.message}`).join("\n")}`);
    this.name = "ManifestError";
  }
}

/** Caching settings as AppSync checks them when the resolver is created. */
export function cachingProblems(caching: ResolverCaching): string[] {
  const problems: string[] = [];
  const { min, max } = appSyncLimits.cacheTtlSeconds;
  if (!Number.isInteger(caching.ttlSeconds) || caching.ttlSeconds < min || caching.ttlSeconds > max)
    problems.push(`caching ttlSeconds must be a whole number from ${min} to ${max}, is ${caching.ttlSeconds}`);
  for (const key of caching.keys) {
    if (!cachingKeyPattern.test(key)) problems.push(`caching key "${key}" must be an entry of $context.arguments, $context.source or $context.identity`);
  }
  return problems;
}

/** BatchInvoke exists only for Lambda data sources. */
function batchSizeProblems(maxBatchSize: number | undefined, dataSourceType: string | undefined): string[] {
  if (maxBatchSize === undefined) return [];
  if (dataSourceType !== "lambda") return ["maxBatchSize applies to Lambda data sources only"];
  const { min, max } = appSyncLimits.maxBatchSize;
  return Number.isInteger(maxBatchSize) && maxBatchSize >= min && maxBatchSize <= max ? [] : [`maxBatchSize must be a whole number from ${min} to ${max}, is ${maxBatchSize}`];
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === "http:" || url.protocol === "https:";
  } catch {
    return false;
  }
}

function objectFields(document: DocumentNode): { fields: Map<string, Set<string>>; roots: string[] } {
  const fields = new Map<string, Set<string>>();
  const roots = new Map<string, string>(Object.entries(rootTypeNames));
  for (const definition of document.definitions) {
    if (definition.kind === Kind.OBJECT_TYPE_DEFINITION || definition.kind === Kind.OBJECT_TYPE_EXTENSION) {
      const node = definition as ObjectTypeDefinitionNode | ObjectTypeExtensionNode;
      const names = fields.get(node.name.value) ?? new Set<string>();
      for (const field of node.fields ?? []) names.add(field.name.value);
      fields.set(node.name.value, names);
    } else if (definition.kind === Kind.SCHEMA_DEFINITION || definition.kind === Kind.SCHEMA_EXTENSION) {
      for (const operation of definition.operationTypes ?? []) roots.set(operation.operation, operation.type.name.value);
    }
  }
  return { fields, roots: [...roots.values()].filter((name) => fields.has(name)) };
}
