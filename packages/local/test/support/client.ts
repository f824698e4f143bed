// What an API client does in the integration tests: sign in through the Cognito API and POST GraphQL.
import { inject } from "vitest";
import { signIn } from "../../src/engines/provision.ts";

export type GraphQLResponse<T = Record<string, unknown>> = {
  status: number;
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
  return { status: response.status, body: (await response.json()) as GraphQLResponse<T>["body"] };
}
