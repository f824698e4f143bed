// The notes app's resolver manifest. Paths are relative to this folder (the runtime's repoRoot).
import { defineManifest } from "@marquee/appsync-contract";

const code = (field: string) => `resolvers/${field}.ts`;

export const notesManifest = defineManifest({
  dataSources: {
    // No table named: the app's table.
    notes: { type: "dynamodb" },
    archive: { type: "dynamodb", table: "archive" },
    weather: { type: "http", endpoint: "https://weather.example.com" },
    statusPage: { type: "http", endpoint: "https://status.example.com" },
    words: { type: "lambda", handler: "handlers/words.handler" },
    none: { type: "none" },
  },
  functions: {},
  resolvers: [
    { field: "Query.note", kind: "unit", dataSource: "notes", code: code("Query.note") },
    { field: "Query.archivedNote", kind: "unit", dataSource: "archive", code: code("Query.note") },
    { field: "Query.inspectInput", kind: "unit", dataSource: "none", code: code("Query.inspectInput") },
    { field: "Query.caller", kind: "unit", dataSource: "none", code: code("Query.caller") },
    { field: "Query.forecast", kind: "unit", dataSource: "weather", code: code("Query.forecast") },
    { field: "Query.status", kind: "unit", dataSource: "statusPage", code: code("Query.status") },
    { field: "Query.wordCount", kind: "unit", dataSource: "words" },
    { field: "Mutation.createNote", kind: "unit", dataSource: "notes", code: code("Mutation.createNote") },
    { field: "Mutation.archiveNote", kind: "unit", dataSource: "archive", code: code("Mutation.archiveNote") },
    { field: "Mutation.sendFeedback", kind: "unit", dataSource: "weather", code: code("Mutation.sendFeedback") },
    { field: "Subscription.onCreateNote", kind: "unit", dataSource: "none", code: code("Subscription.onCreateNote") },
  ],
});
