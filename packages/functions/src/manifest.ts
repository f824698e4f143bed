// How every GraphQL field of schema.graphql is resolved: the one declaration that SST's
// infra/api.ts deploys and packages/local runs. Paths are from the repository root.
import { defineManifest } from "../../local/src/appsync/manifest.ts";

const resolver = (field: string) => `packages/functions/src/resolvers/${field}.ts`;
const handler = (field: string) => `packages/functions/src/lambda/${field}.handler`;

export const manifest = defineManifest({
  dataSources: {
    table: { type: "dynamodb" },
    none: { type: "none" },
    createTitleFunction: { type: "lambda", handler: handler("Mutation.createTitle") },
    updateTitleFunction: { type: "lambda", handler: handler("Mutation.updateTitle") },
  },
  functions: {},
  resolvers: [
    // Catalog reads: APPSYNC_JS straight onto the table.
    { field: "Query.title", kind: "unit", dataSource: "table", code: resolver("Query.title") },
    { field: "Query.titlesByGenre", kind: "unit", dataSource: "table", code: resolver("Query.titlesByGenre") },
    { field: "Query.searchTitles", kind: "unit", dataSource: "table", code: resolver("Query.searchTitles") },
    { field: "Query.genres", kind: "unit", dataSource: "table", code: resolver("Query.genres") },
    // Catalog writes: validation and multi-item transactions live in core, behind a Lambda.
    { field: "Mutation.createTitle", kind: "unit", dataSource: "createTitleFunction", code: resolver("Mutation.createTitle") },
    { field: "Mutation.updateTitle", kind: "unit", dataSource: "updateTitleFunction", code: resolver("Mutation.updateTitle") },
  ],
});
