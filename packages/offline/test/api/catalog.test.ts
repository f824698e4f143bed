// Who may call the catalog at all: AppSync's 401s before any resolver runs.
import { CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import { describe, expect, it } from "vitest";
import { contentTeamGroup } from "@marquee/core/appsync";
import { cognitoLocalClientConfig } from "@marquee/aws-local/engines/cognito";
import { ensureGroup, ensureUser, ensureUserPool, ensureUserPoolClient, signIn } from "@marquee/aws-local/engines/provision";
import { graphql, stack } from "../../src/testing/client.ts";
import { createTitleMutation, storedItemsOf, uniqueWord } from "./catalog-support.ts";

describe("Query.title", () => {
  it("is null for an unknown id", async () => {
    const { status, body } = await graphql(`query { title(id: "no-such-title") { id name } }`);
    expect(status).toBe(200);
    expect(body).toEqual({ data: { title: null } });
  });

  it("refuses a request without a token with AppSync's 401", async () => {
    const response = await fetch(stack().graphqlUrl, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: `{ title(id: "x") { id } }` }),
    });
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ errors: [{ errorType: "UnauthorizedException", message: "Valid authorization header not provided." }] });
  });
});

describe("a token from another user pool", () => {
  it("is refused with a 401, even from a content-team member there, and writes nothing", async () => {
    // cognito-local signs every pool's tokens with one key: only the issuer tells this pool from the API's.
    const word = uniqueWord();
    const cognito = new CognitoIdentityProviderClient(cognitoLocalClientConfig(stack().cognitoEndpoint));
    const user = { email: `${word}@elsewhere.local`, password: "Elsewhere-pass-1", groups: [contentTeamGroup] };
    try {
      const pool = await ensureUserPool(cognito, `elsewhere-${word}`);
      expect(pool.id).not.toBe(stack().userPoolId);
      const { clientId } = await ensureUserPoolClient(cognito, pool.id, "elsewhere-web");
      await ensureGroup(cognito, pool.id, contentTeamGroup);
      await ensureUser(cognito, pool.id, user);
      const { idToken } = await signIn(stack().cognitoEndpoint, clientId, user.email, user.password);

      const titleId = `${word}-foreign`;
      const input = { id: titleId, name: `Foreign ${word}`, genres: ["Documentary"] };
      const response = await graphql(createTitleMutation, { input }, { token: idToken });
      expect({ status: response.status, body: response.body }).toEqual({
        status: 401,
        body: { errors: [{ errorType: "UnauthorizedException", message: "You are not authorized to make this call." }] },
      });
      const read = await graphql(`{ title(id: "ml-260") { id } }`, {}, { token: idToken });
      expect(read.status).toBe(401);
      expect(await storedItemsOf(titleId)).toEqual([]);
    } finally {
      cognito.destroy();
    }
  });
});
