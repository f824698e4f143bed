// `util.authType()` and the identity shapes behind it.
import type { InvocationState } from "../invocation.ts";
import { isPlainObject } from "./dynamodb-values.ts";

export type AuthorizationMode = InvocationState["authType"];

/** The strings `util.authType()` returns (EvaluateCode recordings). */
export const AUTH_TYPE_NAMES: Record<AuthorizationMode, string> = {
  API_KEY: "API Key Authorization",
  AWS_IAM: "IAM Authorization",
  AMAZON_COGNITO_USER_POOLS: "User Pool Authorization",
  OPENID_CONNECT: "Open ID Connect Authorization",
  AWS_LAMBDA: "Lambda Authorization",
};

// Each mode fills `ctx.identity` with its own keys. An identity belongs to a mode when it has no key
// foreign to the mode and every required key is present and not null; anything else (no identity
// included) reads as API key. That reproduces every recorded shape, e.g. a user-pool identity
// without `defaultAuthStrategy`, or an OIDC one with an extra `username`, is "API Key Authorization".
const IDENTITY_SHAPES: { mode: AuthorizationMode; keys: string[]; required: string[] }[] = [
  {
    mode: "AWS_IAM",
    keys: ["accountId", "cognitoIdentityPoolId", "cognitoIdentityId", "sourceIp", "username", "userArn", "cognitoIdentityAuthType", "cognitoIdentityAuthProvider"],
    required: ["accountId", "sourceIp", "username", "userArn"],
  },
  {
    mode: "AMAZON_COGNITO_USER_POOLS",
    keys: ["sourceIp", "username", "groups", "sub", "issuer", "claims", "defaultAuthStrategy"],
    required: ["sourceIp", "username", "sub", "issuer", "claims", "defaultAuthStrategy"],
  },
  { mode: "OPENID_CONNECT", keys: ["sub", "issuer", "claims"], required: ["sub", "issuer", "claims"] },
  // an authorizer may return no context at all, so `{}` is a Lambda identity; Event APIs say `handlerContext`
  { mode: "AWS_LAMBDA", keys: ["resolverContext", "handlerContext"], required: [] },
];

/** The authorization mode an identity object was produced by, as AppSync's EvaluateCode infers it. */
export function authTypeFromIdentity(identity: unknown): AuthorizationMode {
  if (!isPlainObject(identity)) return "API_KEY";
  const keys = Object.keys(identity);
  const shape = IDENTITY_SHAPES.find(
    ({ keys: allowed, required }) =>
      keys.every((key) => allowed.includes(key)) && required.every((key) => identity[key] !== null && identity[key] !== undefined),
  );
  return shape?.mode ?? "API_KEY";
}
