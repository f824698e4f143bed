import { describe, expect, it, vi } from "vitest";
import { createApiClient } from "../src/api/client.ts";
import { ProfilesQuery } from "../src/api/documents.ts";
import { fakeGraphQL } from "./support/fake-api.ts";

describe("API client", () => {
  it("sends the session's id token, and after a 401 refreshes once and retries", async () => {
    const api = fakeGraphQL({
      Profiles: (_variables, { authorization }) =>
        authorization === "token-2" ? { data: { profiles: [] } } : { status: 401, body: { errors: [{ errorType: "UnauthorizedException", message: "Token has expired." }] } },
    });
    const session = { idToken: vi.fn(async () => "token-1"), recoverFromUnauthorized: vi.fn(async () => "token-2") };
    const client = createApiClient({ url: "http://api.test/graphql", session, fetch: api.fetch });

    const result = await client.query(ProfilesQuery, {}).toPromise();

    expect(result.error).toBeUndefined();
    expect(result.data).toEqual({ profiles: [] });
    expect(api.calls.map((call) => call.authorization)).toEqual(["token-1", "token-2"]);
    expect(session.recoverFromUnauthorized).toHaveBeenCalledWith("token-1");
  });

  it("gives the 401 back when the session cannot be renewed (the app then asks to sign in)", async () => {
    const api = fakeGraphQL({ Profiles: () => ({ status: 401, body: { errors: [{ errorType: "UnauthorizedException", message: "Token has expired." }] } }) });
    const session = { idToken: vi.fn(async () => "token-1"), recoverFromUnauthorized: vi.fn(async () => null) };
    const client = createApiClient({ url: "http://api.test/graphql", session, fetch: api.fetch });

    const result = await client.query(ProfilesQuery, {}).toPromise();

    expect(result.error?.response?.status).toBe(401);
    expect(api.calls).toHaveLength(1);
  });
});
