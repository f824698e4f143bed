// How every GraphQL field of schema.graphql is resolved: the one declaration that SST's
// infra/api.ts deploys and packages/local runs. Paths are from the repository root.
import { defineManifest } from "../../local/src/appsync/manifest.ts";

const resolver = (field: string) => `packages/functions/src/resolvers/${field}.ts`;

export const manifest = defineManifest({
  dataSources: {
    table: { type: "dynamodb" },
    none: { type: "none" },
  },
  functions: {},
  resolvers: [
    { field: "Query.title", kind: "unit", dataSource: "table", code: resolver("Query.title") },
  ],
});
