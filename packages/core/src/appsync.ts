// What APPSYNC_JS resolvers may import from core: keys, item shapes and rules with no dependencies, in the
// subset of JavaScript AppSync runs (scripts/lint-packages.ts checks that nothing here imports a package).
export * from "./keys.ts";
export * from "./ids.ts";
export * from "./actor/actor.ts";
export * from "./actor/groups.ts";
export * from "./history/home.ts";
export * from "./history/items.ts";
export * from "./history/rules.ts";
export * from "./profile/avatars.ts";
export * from "./profile/maturity.ts";
export * from "./profile/view.ts";
export * from "./recommendation/limits.ts";
export * from "./title/genres.ts";
export * from "./title/maturity.ts";
export * from "./util/normalize.ts";
export * from "./util/visible-errors.ts";
