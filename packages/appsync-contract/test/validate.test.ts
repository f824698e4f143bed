// validateManifest against a small schema: each rule on its own, named by the manifest entry it concerns.
import { describe, expect, it } from "vitest";
import { assertValidManifest, cachingProblems, ManifestError, validateManifest, type ResolverDefinition, type ResolverManifest } from "../src/index.ts";

const schema = /* GraphQL */ `
  type Query {
    note(id: ID!): Note
    notes: [Note]
  }
  type Mutation {
    saveNote(text: String!): Note
  }
  type Note {
    id: ID!
    text: String
    author: String
  }
`;

/** A manifest that is valid against `schema`; each test breaks one thing. */
function validManifest(): ResolverManifest {
  return {
    dataSources: {
      notes: { type: "dynamodb" },
      archive: { type: "dynamodb", table: "archive" },
      authors: { type: "lambda", handler: "handlers/authors.handler" },
      weather: { type: "http", endpoint: "https://weather.example.com" },
      none: { type: "none" },
    },
    functions: {
      readNote: { dataSource: "notes", code: "functions/readNote.ts" },
    },
    resolvers: [
      { field: "Query.note", kind: "pipeline", functions: ["readNote"], code: "resolvers/pipeline.ts" },
      { field: "Query.notes", kind: "unit", dataSource: "archive", code: "resolvers/Query.notes.ts", caching: { ttlSeconds: 60, keys: ["$context.identity.sub"] } },
      { field: "Mutation.saveNote", kind: "unit", dataSource: "notes", code: "resolvers/Mutation.saveNote.ts" },
      { field: "Note.author", kind: "unit", dataSource: "authors", maxBatchSize: 10 },
    ],
  };
}

const withResolver = (resolver: ResolverDefinition): ResolverManifest => {
  const manifest = validManifest();
  return { ...manifest, resolvers: [...manifest.resolvers.filter((r) => r.field !== resolver.field), resolver] };
};

describe("validateManifest", () => {
  it("accepts a manifest that keeps every rule", () => {
    expect(validateManifest(validManifest(), schema)).toEqual([]);
  });

  it("rejects a resolver for a field the schema lacks", () => {
    const manifest = validManifest();
    manifest.resolvers.push({ field: "Query.notez", kind: "unit", dataSource: "none", code: "resolvers/Query.notez.ts" });
    expect(validateManifest(manifest, schema)).toEqual([{ entry: 'resolvers["Query.notez"]', message: "names a field the schema lacks: Query.notez" }]);
  });

  it("rejects a resolver on a type the schema lacks, and a field that is not Type.field", () => {
    const manifest = validManifest();
    manifest.resolvers.push(
      { field: "Author.name", kind: "unit", dataSource: "none", code: "x.ts" },
      { field: "Query", kind: "unit", dataSource: "none", code: "x.ts" },
    );
    expect(validateManifest(manifest, schema)).toEqual([
      { entry: 'resolvers["Author.name"]', message: "names a field the schema lacks: Author.name" },
      { entry: 'resolvers["Query"]', message: 'field must be "Type.field", is "Query"' },
    ]);
  });

  it("rejects a root field without a resolver", () => {
    const manifest = validManifest();
    manifest.resolvers = manifest.resolvers.filter((r) => r.field !== "Mutation.saveNote");
    expect(validateManifest(manifest, schema)).toEqual([
      { entry: 'resolvers["Mutation.saveNote"]', message: "is missing: every field of Query, Mutation and Subscription needs a resolver" },
    ]);
  });

  it("finds the root types a schema definition renames", () => {
    const renamed = `schema { query: Reads } type Reads { one: String two: String }`;
    const manifest: ResolverManifest = { dataSources: { none: { type: "none" } }, functions: {}, resolvers: [{ field: "Reads.one", kind: "unit", dataSource: "none", code: "x.ts" }] };
    expect(validateManifest(manifest, renamed)).toEqual([{ entry: 'resolvers["Reads.two"]', message: "is missing: every field of Query, Mutation and Subscription needs a resolver" }]);
  });

  it("rejects a field declared twice", () => {
    const manifest = validManifest();
    manifest.resolvers.push({ field: "Query.notes", kind: "unit", dataSource: "none", code: "x.ts" });
    expect(validateManifest(manifest, schema)).toEqual([{ entry: 'resolvers["Query.notes"]', message: "is declared more than once" }]);
  });

  it("rejects unknown data sources and functions", () => {
    const manifest = withResolver({ field: "Query.note", kind: "pipeline", functions: ["readNote", "checkOwner"], code: "resolvers/pipeline.ts" });
    manifest.resolvers.push({ field: "Note.text", kind: "unit", dataSource: "cache", code: "x.ts" });
    manifest.functions.audit = { dataSource: "auditLog", code: "functions/audit.ts" };
    expect(validateManifest(manifest, schema)).toEqual([
      { entry: "functions.audit", message: 'names unknown data source "auditLog"' },
      { entry: 'resolvers["Query.note"]', message: 'names unknown function "checkOwner"' },
      { entry: 'resolvers["Note.text"]', message: 'names unknown data source "cache"' },
    ]);
  });

  it("keeps pipelines within AppSync's 10 functions, and not empty", () => {
    const eleven = Array.from({ length: 11 }, () => "readNote");
    expect(validateManifest(withResolver({ field: "Query.note", kind: "pipeline", functions: eleven, code: "p.ts" }), schema)).toEqual([
      { entry: 'resolvers["Query.note"]', message: "has 11 pipeline functions; AppSync allows at most 10" },
    ]);
    expect(validateManifest(withResolver({ field: "Query.note", kind: "pipeline", functions: eleven.slice(1), code: "p.ts" }), schema)).toEqual([]);
    expect(validateManifest(withResolver({ field: "Query.note", kind: "pipeline", functions: [], code: "p.ts" }), schema)).toEqual([
      { entry: 'resolvers["Query.note"]', message: "is a pipeline without functions" },
    ]);
  });

  it("allows a resolver without code only on a Lambda data source", () => {
    expect(validateManifest(withResolver({ field: "Query.notes", kind: "unit", dataSource: "notes" }), schema)).toEqual([
      { entry: 'resolvers["Query.notes"]', message: "has no code (only a Lambda data source can be a direct resolver)" },
    ]);
  });

  it("allows maxBatchSize on Lambda data sources only, from 0 to 2000", () => {
    const manifest = withResolver({ field: "Query.notes", kind: "unit", dataSource: "notes", code: "x.ts", maxBatchSize: 5 });
    manifest.functions.readNote!.maxBatchSize = 5;
    manifest.resolvers.push({ field: "Note.text", kind: "unit", dataSource: "authors", maxBatchSize: 2001 });
    expect(validateManifest(manifest, schema)).toEqual([
      { entry: "functions.readNote", message: "maxBatchSize applies to Lambda data sources only" },
      { entry: 'resolvers["Query.notes"]', message: "maxBatchSize applies to Lambda data sources only" },
      { entry: 'resolvers["Note.text"]', message: "maxBatchSize must be a whole number from 0 to 2000, is 2001" },
    ]);
  });

  it("rejects bad caching: a TTL outside 1-3600 s, keys outside $context.arguments, source and identity", () => {
    const cached = (ttlSeconds: number, keys: string[]) =>
      validateManifest(withResolver({ field: "Query.notes", kind: "unit", dataSource: "archive", code: "x.ts", caching: { ttlSeconds, keys } }), schema);
    expect(cached(0, [])).toEqual([{ entry: 'resolvers["Query.notes"]', message: "caching ttlSeconds must be a whole number from 1 to 3600, is 0" }]);
    expect(cached(3601, [])).toEqual([{ entry: 'resolvers["Query.notes"]', message: "caching ttlSeconds must be a whole number from 1 to 3600, is 3601" }]);
    expect(cached(1.5, [])).toHaveLength(1);
    expect(cached(3600, ["$context.arguments.id", "$context.source.genre", "$context.identity.sub"])).toEqual([]);
    expect(cached(60, ["$ctx.args.id", "$context.stash.id", "$context.arguments"])).toEqual([
      { entry: 'resolvers["Query.notes"]', message: 'caching key "$ctx.args.id" must be an entry of $context.arguments, $context.source or $context.identity' },
      { entry: 'resolvers["Query.notes"]', message: 'caching key "$context.stash.id" must be an entry of $context.arguments, $context.source or $context.identity' },
      { entry: 'resolvers["Query.notes"]', message: 'caching key "$context.arguments" must be an entry of $context.arguments, $context.source or $context.identity' },
    ]);
    expect(cachingProblems({ ttlSeconds: 60, keys: ["$context.source.id"] })).toEqual([]);
  });

  it("checks data sources: a Lambda handler names its export, a table is not empty, an HTTP endpoint is a URL", () => {
    const manifest = validManifest();
    manifest.dataSources.authors = { type: "lambda", handler: "handlers/authors" };
    manifest.dataSources.archive = { type: "dynamodb", table: " " };
    manifest.dataSources.weather = { type: "http", endpoint: "weather.example.com" };
    expect(validateManifest(manifest, schema)).toEqual([
      { entry: "dataSources.archive", message: "names an empty table (leave `table` out for the app's table)" },
      { entry: "dataSources.authors", message: 'handler "handlers/authors" must be a file path followed by ".<export>"' },
      { entry: "dataSources.weather", message: 'endpoint "weather.example.com" must be an http:// or https:// URL' },
    ]);
  });
});

describe("assertValidManifest", () => {
  it("returns a valid manifest as it is", () => {
    const manifest = validManifest();
    expect(assertValidManifest(manifest, schema)).toBe(manifest);
  });

  it("throws one error listing every problem by entry", () => {
    const manifest = validManifest();
    manifest.resolvers.push({ field: "Query.notez", kind: "unit", dataSource: "cache", code: "x.ts" });
    const error = (() => {
      try {
        assertValidManifest(manifest, schema);
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(ManifestError);
    expect((error as ManifestError).message).toBe(
      'Resolver manifest:\n  resolvers["Query.notez"] names a field the schema lacks: Query.notez\n  resolvers["Query.notez"] names unknown data source "cache"',
    );
    expect((error as ManifestError).problems).toHaveLength(2);
  });
});
