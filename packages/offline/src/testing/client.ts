// What an API client does in the integration tests: sign in through the Cognito API and POST GraphQL.
import { CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import { decodeJwt } from "jose";
import { randomUUID } from "node:crypto";
import { inject } from "vitest";
import { SignatureV4 } from "@smithy/signature-v4";
import { NodeSha256 } from "@marquee/appsync-local/auth/control-plane";
import { cognitoLocalClientConfig } from "@marquee/aws-local/engines/cognito";
import { ensureUser, signIn } from "@marquee/aws-local/engines/provision";
import type { DynamoDBRequestRecord, RequestRecord } from "../request-log.ts";

export type GraphQLResponse<T = Record<string, unknown>> = {
  status: number;
  /** AppSync's x-amzn-RequestId: what the stack recorded of the request is found by it (dynamodbRequestsOf). */
  requestId: string | null;
  body: { data?: T | null; errors?: Array<Record<string, unknown> & { message: string; errorType?: string; path?: unknown }> };
};

const tokens = new Map<string, Promise<string>>();

export function stack() {
  return inject("stack");
}

/** An id token for a demo user (by email), cached per test file. */
export function idTokenFor(email: string): Promise<string> {
  const info = stack();
  const user = info.demoUsers.find((candidate) => candidate.email === email);
  if (!user) throw new Error(`No demo user ${email}`);
  let token = tokens.get(email);
  if (!token) {
    token = signIn(info.cognitoEndpoint, info.userPoolClientId, user.email, user.password).then((t) => t.idToken);
    tokens.set(email, token);
  }
  return token;
}

export const viewer = "viewer@marquee.local";
export const otherViewer = "viewer2@marquee.local";
export const contentEditor = "content@marquee.local";

export async function graphql<T = Record<string, unknown>>(
  query: string,
  variables: Record<string, unknown> = {},
  options: { as?: string; token?: string | null } = {},
): Promise<GraphQLResponse<T>> {
  const token = options.token !== undefined ? options.token : await idTokenFor(options.as ?? viewer);
  const response = await fetch(stack().graphqlUrl, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { authorization: token } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, requestId: response.headers.get("x-amzn-requestid"), body: (await response.json()) as GraphQLResponse<T>["body"] };
}

/** The DynamoDB requests the runtime made for one GraphQL request, by resolver (the stack's request log). */
export async function dynamodbRequestsOf(response: GraphQLResponse<unknown>): Promise<DynamoDBRequestRecord> {
  return (await requestRecordOf(response)).dynamodb;
}

/** What the stack recorded of a request: its DynamoDB requests and its Lambda invocations. */
export async function requestRecordOf(response: GraphQLResponse<unknown>): Promise<RequestRecord> {
  if (!response.requestId) throw new Error("The response has no x-amzn-RequestId header");
  const answer = await fetch(new URL(`/local/requests/${encodeURIComponent(response.requestId)}`, stack().graphqlUrl));
  if (!answer.ok) throw new Error(`The stack recorded nothing for ${response.requestId} (${answer.status})`);
  return (await answer.json()) as RequestRecord;
}

/** A brand-new Cognito user (no account in the table yet) and its id token. */
export async function freshViewer(label: string): Promise<{ token: string; sub: string; email: string }> {
  const info = stack();
  const email = `${label}+${randomUUID().slice(0, 8)}@marquee.test`;
  const password = "Fresh-viewer-1";
  const cognito = new CognitoIdentityProviderClient(cognitoLocalClientConfig(info.cognitoEndpoint));
  try {
    await ensureUser(cognito, info.userPoolId, { email, password, groups: [] });
  } finally {
    cognito.destroy();
  }
  const { idToken } = await signIn(info.cognitoEndpoint, info.userPoolClientId, email, password);
  return { token: idToken, sub: String(decodeJwt(idToken).sub), email };
}

/**
 * AppSync's FlushApiCache on the stack's API: for fixtures that write catalog items straight into the
 * table, around the mutations that would evict what they change (as a backfill job would flush).
 */
export async function flushApiCache(): Promise<void> {
  const info = stack();
  const url = new URL("/v1/apis/local/FlushCache", info.graphqlUrl);
  // IAM, as AppSync's FlushApiCache: SigV4-signed with the stack's credentials.
  const signer = new SignatureV4({ credentials: info.credentials, region: info.region, service: "appsync", sha256: NodeSha256 });
  const signed = await signer.sign({ method: "DELETE", protocol: url.protocol, hostname: url.hostname, port: Number(url.port), path: url.pathname, query: {}, headers: { host: url.host } });
  const response = await fetch(url, { method: "DELETE", headers: signed.headers });
  if (!response.ok) throw new Error(`FlushApiCache answered ${response.status}: ${await response.text()}`);
}
