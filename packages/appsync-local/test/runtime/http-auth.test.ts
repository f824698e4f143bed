// The runtime's HTTP surface, token checks, document validation and auth directives, over HTTP with
// real cognito-local tokens, against the bodies AppSync answers with (PLATFORM.md, conformance/errors.json).
import { readFileSync } from "node:fs";
import { base64url, decodeJwt, generateKeyPair, importJWK, SignJWT, type JWK } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { publishedKeyPair } from "@marquee/aws-local/engines/cognito";
import { signIn } from "@marquee/aws-local/engines/provision";
import { maxRequestBodyBytes } from "../../src/server.ts";
import { at, fixtureApiKey, fixtureUsers, idTokenFromAnotherPool, signedByThePool, sleep, startRuntimeHarness, type HttpAnswer, type RuntimeHarness } from "./harness.ts";

let harness: RuntimeHarness;

beforeAll(async () => {
  harness = await startRuntimeHarness();
}, 120_000);

afterAll(async () => {
  await harness?.stop();
});

/** After a refused request the server must still answer a good one. */
async function expectStillServing() {
  const answer = await harness.graphql("{ hello }");
  expect(answer).toMatchObject({ status: 200, body: { data: { hello: "world" } } });
}

type RecordedError = { id: string; body?: unknown };
const recorded = new Map(
  (JSON.parse(readFileSync(new URL("../../../../../shared/conformance/appsync/errors.json", import.meta.url), "utf8")) as RecordedError[]).map((entry) => [
    entry.id,
    entry,
  ]),
);

const malformed = (message: string) => ({ errors: [{ errorType: "MalformedHttpRequestException", message }] });
const unauthorized = (message: string) => ({ errors: [{ errorType: "UnauthorizedException", message }] });

describe("HTTP", () => {
  it("answers POST with AppSync's JSON envelope", async () => {
    const answer = await harness.graphql("query Echo($text: String) { echo(text: $text, count: 2) }", { text: "hi" });
    expect(answer.status).toBe(200);
    expect(answer.headers.get("content-type")).toMatch(/^application\/json/);
    expect(answer.body).toStrictEqual({ data: { echo: "hi x2" } });
  });

  it("answers GET with query, variables and operationName in the query string", async () => {
    const search = new URLSearchParams({
      query: "query A { hello } query B($text: String) { echo(text: $text) }",
      variables: JSON.stringify({ text: "from GET" }),
      operationName: "B",
    });
    const answer = await harness.http({ method: "GET", search: `?${search}` });
    expect(answer).toMatchObject({ status: 200, body: { data: { echo: "from GET x1" } } });
  });

  it('answers an empty body with 400 "Request body is empty."', async () => {
    for (const body of ["", "   "]) {
      const answer = await harness.http({ method: "POST", headers: { "content-type": "application/json" }, body });
      expect(answer.status).toBe(400);
      expect(answer.body).toStrictEqual(malformed("Request body is empty."));
    }
    await expectStillServing();
  });

  it.each(["meow", "{}", "[]", '{"query": 42}', '{"query": "{ hello }", "variables": [1]}'])(
    'answers %s with 400 "Unable to parse GraphQL query."',
    async (body) => {
      const answer = await harness.http({ method: "POST", headers: { "content-type": "application/json" }, body });
      expect(answer.status).toBe(400);
      expect(answer.body).toStrictEqual(malformed("Unable to parse GraphQL query."));
      await expectStillServing();
    },
  );

  it("answers a GET without a query like an unparseable body", async () => {
    const answer = await harness.http({ method: "GET", search: "?operationName=A" });
    expect(answer.status).toBe(400);
    expect(answer.body).toStrictEqual(malformed("Unable to parse GraphQL query."));
  });

  it("refuses an oversized body, declared or streamed, with 413 and keeps serving", async () => {
    const oversized = JSON.stringify({ query: `{ hello } # ${"x".repeat(maxRequestBodyBytes)}` });
    const expected = {
      errors: [{ errorType: "PayloadTooLargeException", message: `Request body exceeds the maximum size of ${maxRequestBodyBytes} bytes.` }],
    };
    const declared = await harness.http({ method: "POST", headers: { "content-type": "application/json" }, body: oversized });
    expect(declared.status).toBe(413);
    expect(declared.body).toStrictEqual(expected);
    await expectStillServing();

    // Without a content-length (chunked), the limit is found while reading.
    const chunks = new Blob([oversized]).stream();
    const streamed = await harness.http({ method: "POST", headers: { "content-type": "application/json" }, body: chunks, duplex: "half" } as RequestInit);
    expect(streamed.status).toBe(413);
    expect(streamed.body).toStrictEqual(expected);
    await expectStillServing();
  });

  it("sends the response headers resolvers set with util.http.addResponseHeader", async () => {
    const answer = await harness.graphql("{ withHeader }");
    expect(answer.body).toStrictEqual({ data: { withHeader: "header set" } });
    expect(answer.headers.get("x-fixture")).toBe("set by a resolver");
    expect(answer.headers.get("content-type")).toMatch(/^application\/json/);
    expect((await harness.graphql("{ hello }")).headers.get("x-fixture")).toBeNull();
  });

  it("answers introspection (on by default in AppSync), AWS scalars included", async () => {
    const answer = await harness.graphql('{ __schema { queryType { name } } __type(name: "AWSDateTime") { kind } }');
    expect(answer.body).toStrictEqual({ data: { __schema: { queryType: { name: "Query" } }, __type: { kind: "SCALAR" } } });
  });
});

describe("401: requests AppSync refuses before running anything", () => {
  async function expectRefused(answer: HttpAnswer, message: string) {
    expect(answer.status).toBe(401);
    expect(answer.body).toStrictEqual(unauthorized(message));
    await expectStillServing();
  }

  it("no Authorization header", async () => {
    await expectRefused(await harness.graphql("{ hello }", {}, { authorization: null }), "Valid authorization header not provided.");
  });

  it("a header that is not a JWT", async () => {
    await expectRefused(await harness.graphql("{ hello }", {}, { authorization: "meow" }), "Unable to parse JWT token.");
  });

  it("a token from another user pool (same signing key, other issuer)", async () => {
    const stranger = await idTokenFromAnotherPool(harness);
    await expectRefused(await harness.graphql("{ hello }", {}, { authorization: stranger }), "You are not authorized to make this call.");
  });

  it("a token whose audience is an app client the API does not accept", async () => {
    const { idToken } = await signIn(harness.cognitoEndpoint, harness.otherClientId, fixtureUsers.viewer.email, fixtureUsers.viewer.password);
    expect(decodeJwt(idToken).aud).toBe(harness.otherClientId);
    await expectRefused(await harness.graphql("{ hello }", {}, { authorization: idToken }), "You are not authorized to make this call.");
  });

  it("a token whose claims were altered after signing (a viewer granting itself admins)", async () => {
    const [header, payload, signature] = harness.idTokens.viewer.split(".");
    const claims = JSON.parse(new TextDecoder().decode(base64url.decode(payload!))) as Record<string, unknown>;
    const forged = [header, base64url.encode(JSON.stringify({ ...claims, "cognito:groups": ["admins"] })), signature].join(".");
    await expectRefused(await harness.graphql("{ adminOnly }", {}, { authorization: forged }), "You are not authorized to make this call.");
  });

  it("a token signed with a key that is not in the pool's JWKS", async () => {
    const claims = decodeJwt(harness.idTokens.viewer);
    const { privateKey } = await generateKeyPair("RS256");
    const foreign = await new SignJWT({ ...claims }).setProtectedHeader({ alg: "RS256", kid: "CognitoLocal" }).sign(privateKey);
    await expectRefused(await harness.graphql("{ hello }", {}, { authorization: foreign }), "You are not authorized to make this call.");
  });

  it("a token signed with the key cognito-local publishes in its npm package (anyone can sign with it)", async () => {
    const claims = decodeJwt(harness.idTokens.viewer);
    const published = await importJWK(publishedKeyPair().privateJwk as JWK, "RS256");
    const forged = await new SignJWT({ ...claims, "cognito:groups": ["admins"] }).setProtectedHeader({ alg: "RS256", kid: "CognitoLocal" }).sign(published);
    await expectRefused(await harness.graphql("{ adminOnly }", {}, { authorization: forged }), "You are not authorized to make this call.");
  });

  it("accepts a token signed with the pool's key that has every claim Cognito always sets", async () => {
    const token = await signedByThePool(harness, decodeJwt(harness.idTokens.viewer));
    expect(await harness.graphql("{ hello }", {}, { authorization: token })).toMatchObject({ status: 200, body: { data: { hello: "world" } } });
  });

  it.each(["sub", "exp", "iat", "iss", "token_use", "aud"])("a token signed with the pool's key but without %s", async (claim) => {
    const { [claim]: _left, ...claims } = decodeJwt(harness.idTokens.viewer);
    const token = await signedByThePool(harness, claims);
    await expectRefused(await harness.graphql("{ hello }", {}, { authorization: token }), "You are not authorized to make this call.");
  });

  it("an access token signed with the pool's key but without client_id", async () => {
    const { client_id: _left, ...claims } = decodeJwt(harness.tokens.viewer.accessToken);
    const token = await signedByThePool(harness, claims);
    await expectRefused(await harness.graphql("{ hello }", {}, { authorization: token }), "You are not authorized to make this call.");
  });

  it("an unsigned token (alg none)", async () => {
    const claims = decodeJwt(harness.idTokens.viewer);
    const unsigned = `${base64url.encode(JSON.stringify({ alg: "none", typ: "JWT" }))}.${base64url.encode(JSON.stringify(claims))}.`;
    await expectRefused(await harness.graphql("{ hello }", {}, { authorization: unsigned }), "You are not authorized to make this call.");
  });

  it("an expired token, otherwise valid (an accepted app client whose tokens live one second)", async () => {
    const { idToken } = await signIn(harness.cognitoEndpoint, harness.shortLivedClientId, fixtureUsers.viewer.email, fixtureUsers.viewer.password);
    const { exp, aud } = decodeJwt(idToken);
    expect(aud).toBe(harness.shortLivedClientId);
    await sleep(Math.max(0, exp! * 1000 - Date.now()) + 1100);
    await expectRefused(await harness.graphql("{ hello }", {}, { authorization: idToken }), "Token has expired.");
  });

  it('accepts "Bearer <token>" as well as the bare token (AWS does since 2022: localstack/localstack#7178)', async () => {
    const answer = await harness.graphql("{ hello }", {}, { authorization: `Bearer ${harness.idTokens.viewer}` });
    expect(answer).toMatchObject({ status: 200, body: { data: { hello: "world" } } });
  });

  it("accepts an access token as well as an id token", async () => {
    const answer = await harness.graphql("{ inspect }", {}, { authorization: harness.tokens.admin.accessToken });
    expect(answer.status).toBe(200);
    const identity = (JSON.parse(answer.body.data!.inspect as string) as { identity: Record<string, unknown> }).identity;
    expect(identity).toMatchObject({ sub: decodeJwt(harness.tokens.admin.accessToken).sub, groups: ["admins"] });
    expect(identity.claims).toMatchObject({ token_use: "access", client_id: harness.clientId });
  });
});

describe("validation: 200, data null, graphql-java's words, no path and no errorType", () => {
  it("an unknown field", async () => {
    const answer = await harness.graphql("{ badfield }");
    expect(answer.status).toBe(200);
    expect(answer.body).toStrictEqual({
      data: null,
      errors: [{ path: null, locations: at(1, 3), message: "Validation error of type FieldUndefined: Field 'badfield' in type 'Query' is undefined @ 'badfield'" }],
    });
  });

  it("an argument of the wrong type", async () => {
    const answer = await harness.graphql('{ echo(count: "three") }');
    expect(answer.body).toStrictEqual({
      data: null,
      errors: [
        {
          path: null,
          locations: at(1, 8),
          message: "Validation error of type WrongType: argument 'count' with value 'StringValue{value='three'}' is not a valid 'Int' @ 'echo'",
        },
      ],
    });
  });

  it("an invalid AWS scalar as a literal", async () => {
    const answer = await harness.graphql('{ date(at: "2020-01-01") }');
    expect(answer.body).toStrictEqual({
      data: null,
      errors: [
        {
          path: null,
          locations: at(1, 8),
          message: "Validation error of type WrongType: argument 'at' with value 'StringValue{value='2020-01-01'}' is not a valid 'AWSDateTime' @ 'date'",
        },
      ],
    });
  });

  it("an invalid AWS scalar as a variable", async () => {
    const answer = await harness.graphql("query Q($at: AWSDateTime) { date(at: $at) }", { at: "2020-01-01" });
    expect(answer.body).toStrictEqual({
      data: null,
      errors: [{ path: null, locations: at(1, 9), message: "Variable 'at' has an invalid value. Unable to parse `2020-01-01` as a valid DateTime Object." }],
    });
  });

  it("valid AWS scalars pass through, AWSJSON parsed for the resolver and serialised again", async () => {
    const answer = await harness.graphql('query Q($at: AWSDateTime, $v: AWSJSON) { date(at: $at) json(value: $v) literal: json(value: "[1,true]") }', {
      at: "2024-02-29T23:59:59.5+05:30",
      v: '{"a":[1,2]}',
    });
    expect(answer.body.errors).toBeUndefined();
    expect(answer.body.data!.date).toBe("2024-02-29T23:59:59.5+05:30");
    expect(JSON.parse(answer.body.data!.json as string)).toEqual({ sawType: "object", value: { a: [1, 2] } });
    expect(JSON.parse(answer.body.data!.literal as string)).toEqual({ sawType: "object", value: [1, true] });
  });

  it("an invalid output scalar: that field null with an error, the rest resolved", async () => {
    const answer = await harness.graphql("{ badEmail hello }");
    expect(answer.status).toBe(200);
    expect(answer.body).toStrictEqual({
      data: { badEmail: null, hello: "world" },
      errors: [
        {
          path: ["badEmail"],
          data: null,
          errorInfo: null,
          locations: null,
          message: "Can't serialize value (/badEmail) : Unable to serialize `not-an-email` as a valid email address.",
        },
      ],
    });
  });
});

describe("nulls in non-null positions: graphql-java's message, no locations, the null propagated", () => {
  it("a non-null field: the parent becomes null", async () => {
    const answer = await harness.graphql("{ broken { id } hello }");
    expect(answer.status).toBe(200);
    expect(answer.body).toStrictEqual({
      data: { broken: null, hello: "world" },
      errors: [{ path: ["broken", "id"], locations: null, message: "Cannot return null for non-nullable type: 'ID' within parent 'Broken' (/broken/id)" }],
    });
  });

  it("a non-null list item: the list becomes null, the item's parent is the list type", async () => {
    const answer = await harness.graphql("{ broken { tags } }");
    expect(answer.body).toStrictEqual({
      data: { broken: { tags: null } },
      errors: [{ path: ["broken", "tags", 1], locations: null, message: "Cannot return null for non-nullable type: 'String' within parent '[String!]' (/broken/tags[1])" }],
    });
  });
});

describe("auth directives (default mode: Cognito user pools)", () => {
  const denied = (field: string, type: string, path: Array<string | number>, line: number, column: number) => ({
    path,
    data: null,
    errorType: "Unauthorized",
    errorInfo: null,
    locations: at(line, column),
    message: `Not Authorized to access ${field} on type ${type}`,
  });

  it("a field without directives is open to every signed-in user (the default mode)", async () => {
    for (const user of ["viewer", "admin", "editor"] as const) {
      expect((await harness.graphql("{ hello }", {}, { as: user })).body).toStrictEqual({ data: { hello: "world" } });
    }
  });

  it("a field limited to groups: members of any listed group read it, others get null and Unauthorized", async () => {
    expect((await harness.graphql("{ adminOnly }", {}, { as: "admin" })).body).toStrictEqual({ data: { adminOnly: "for admins and auditors" } });
    expect((await harness.graphql("{ adminOnly }", {}, { as: "editor" })).body).toStrictEqual({ data: { adminOnly: "for admins and auditors" } });
    const answer = await harness.graphql("{ adminOnly hello }", {}, { as: "viewer" });
    expect(answer.status).toBe(200);
    expect(answer.body).toStrictEqual({ data: { adminOnly: null, hello: "world" }, errors: [denied("adminOnly", "Query", ["adminOnly"], 1, 3)] });
  });

  it("the Unauthorized body is AppSync's recorded one, byte for byte (key order included)", async () => {
    // errors.json graphql-field-unauthorized, with its redacted field name replaced by ours.
    const expected = JSON.stringify(recorded.get("graphql-field-unauthorized")!.body).replaceAll("listXXXXX", "adminOnly");
    const answer = await harness.graphql("query {\n  adminOnly\n}", {}, { as: "viewer" });
    expect(answer.text).toBe(expected);
  });

  it("a type-level group rule covers the type's fields; a field's own directive overrides it", async () => {
    const query = "{\n  report {\n    total\n    summary\n    editorNote\n  }\n}";
    expect((await harness.graphql(query, {}, { as: "viewer" })).body).toStrictEqual({
      data: { report: { total: null, summary: "all good", editorNote: null } },
      errors: [denied("total", "Report", ["report", "total"], 3, 5), denied("editorNote", "Report", ["report", "editorNote"], 5, 5)],
    });
    // editorNote names only editors: an admin is refused there although the type admits admins.
    expect((await harness.graphql(query, {}, { as: "admin" })).body).toStrictEqual({
      data: { report: { total: 42, summary: "all good", editorNote: null } },
      errors: [denied("editorNote", "Report", ["report", "editorNote"], 5, 5)],
    });
    expect((await harness.graphql(query, {}, { as: "editor" })).body).toStrictEqual({
      data: { report: { total: null, summary: "all good", editorNote: "edited" } },
      errors: [denied("total", "Report", ["report", "total"], 3, 5)],
    });
  });

  it("a denied non-null field nulls its parent", async () => {
    const answer = await harness.graphql("{ report { summary secretCode } hello }", {}, { as: "viewer" });
    expect(answer.body).toStrictEqual({
      data: { report: null, hello: "world" },
      errors: [denied("secretCode", "Report", ["report", "secretCode"], 1, 20)],
    });
    expect((await harness.graphql("{ report { secretCode } }", {}, { as: "admin" })).body).toStrictEqual({ data: { report: { secretCode: "s3cr3t" } } });
  });

  it("a denied field nested in a list: one error per item, with the item's index in the path", async () => {
    const answer = await harness.graphql("{ team { name members { name salary } } }", {}, { as: "viewer" });
    expect(answer.body).toStrictEqual({
      data: { team: { name: "core", members: [{ name: "ana", salary: null }, { name: "bo", salary: null }] } },
      errors: [denied("salary", "Member", ["team", "members", 0, "salary"], 1, 30), denied("salary", "Member", ["team", "members", 1, "salary"], 1, 30)],
    });
    expect((await harness.graphql("{ team { members { salary } } }", {}, { as: "admin" })).body).toStrictEqual({
      data: { team: { members: [{ salary: 100 }, { salary: 200 }] } },
    });
  });
});

describe("API key as an additional mode", () => {
  const withKey = (key: string) => ({ authorization: null, headers: { "x-api-key": key } });
  const caller = (answer: HttpAnswer, field: string) => JSON.parse(answer.body.data?.[field] as string) as { identity: unknown; authType: string };

  it("an x-api-key call reads the fields that allow API keys, with no identity", async () => {
    const answer = await harness.graphql("{ keyCaller anyCaller }", {}, withKey(fixtureApiKey));
    expect(answer.status).toBe(200);
    expect(caller(answer, "keyCaller")).toEqual({ identity: null, authType: "API Key Authorization" });
    expect(caller(answer, "anyCaller")).toEqual({ identity: null, authType: "API Key Authorization" });
  });

  it("a field without directives allows only the default mode", async () => {
    const answer = await harness.graphql("{ hello anyCaller }", {}, withKey(fixtureApiKey));
    expect(answer.body.data?.hello).toBeNull();
    expect(answer.body.errors).toStrictEqual([
      { path: ["hello"], data: null, errorType: "Unauthorized", errorInfo: null, locations: at(1, 3), message: "Not Authorized to access hello on type Query" },
    ]);
  });

  it("a signed-in user reads fields that name Cognito, not those that name only API keys", async () => {
    const answer = await harness.graphql("{ keyCaller anyCaller }", {}, { as: "viewer" });
    expect(answer.body.data?.keyCaller).toBeNull();
    expect(answer.body.errors?.map((error) => error.message)).toEqual(["Not Authorized to access keyCaller on type Query"]);
    expect(caller(answer, "anyCaller")).toMatchObject({ identity: { sub: decodeJwt(harness.idTokens.viewer).sub }, authType: "User Pool Authorization" });
  });

  it("a token wins over a key sent with it", async () => {
    const answer = await harness.graphql("{ anyCaller }", {}, { as: "viewer", headers: { "x-api-key": fixtureApiKey } });
    expect(caller(answer, "anyCaller").authType).toBe("User Pool Authorization");
  });

  it("an unknown key gets AppSync's 401", async () => {
    const answer = await harness.graphql("{ anyCaller }", {}, withKey("da2-notourkey"));
    expect(answer.status).toBe(401);
    expect(answer.body).toStrictEqual(unauthorized("You are not authorized to make this call."));
  });
});
