// Marquee's implementation of `@aws-appsync/utils` (whose npm package holds only types): what
// APPSYNC_JS resolver code gets for `util`, `runtime`, `extensions` and `@aws-appsync/utils/dynamodb`
// when the offline runtime (../code.ts) loads it.
export { util } from "./util.ts";
export { runtime, type Runtime } from "./control.ts";
export { extensions } from "./extensions.ts";
export { dynamodbModule, type DynamoDBModule } from "./dynamodb-helpers.ts";
export { aiModule, type AIModule } from "./bedrock-helpers.ts";

// For the executor and tests.
export { authTypeFromIdentity, AUTH_TYPE_NAMES, type AuthorizationMode } from "./auth-type.ts";
export { apiCacheEvictionsOf, responseHeadersOf, type ApiCacheEviction } from "./invocation-records.ts";
export type { AttributeMap, AttributeValue } from "./dynamodb-values.ts";
export type { DynamoDBExpression } from "./dynamodb-expression.ts";
