import { describe, expect, it } from "vitest";
import { graphql, stack } from "../../../local/test/support/client.ts";

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
