// Watch history, continue watching and My List: the progress rules, the items they write and how the
// home screen's rows are chosen. Every file here is dependency-free and in the APPSYNC_JS subset,
// because the resolvers (packages/functions/src/resolvers) import it directly.
export * as History from "./index.ts";

export * from "./rules.ts";
export * from "./items.ts";
export * from "./home.ts";
