// The AppSync contract: what a resolver manifest is and the rules it must keep. Deploy (infra/api.ts) and the
// local runtime (@marquee/appsync-local) both depend on it; it depends on neither.
export * from "./manifest.ts";
export * from "./validate.ts";
export { appSyncPrelude, awsScalarNames, type AwsScalarName } from "./prelude.ts";
