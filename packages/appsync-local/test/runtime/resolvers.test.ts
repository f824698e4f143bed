// Resolver evaluation over HTTP: the ctx each handler sees, unit and pipeline control flow
// (earlyReturn, util.error / appendError / unauthorized, crashes), and the DynamoDB data source
// through resolvers, against a real DynamoDB Local.
import { decodeJwt } from "jose";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bundleAppSyncCode } from "@marquee/appsync-contract/bundle";
import { lintAppSyncBundle } from "@marquee/appsync-contract/lint";
import { codeEntries } from "@marquee/appsync-contract";
import { fixtureManifest } from "./fixtures/manifest.ts";
import { at, fixturesDirectory, startRuntimeHarness, type FixtureUser, type RuntimeHarness } from "./harness.ts";

let harness: RuntimeHarness;

beforeAll(async () => {
  harness = await startRuntimeHarness();
}, 120_000);

afterAll(async () => {
  await harness?.stop();
});

/** Runs a query that returns one AWSJSON field and parses it. */
async function json<T = Record<string, unknown>>(query: string, variables: Record<string, unknown> = {}, as?: FixtureUser): Promise<T> {
  const answer = await harness.graphql(query, variables, { as });
  expect(answer.body.errors).toBeUndefined();
  const [value] = Object.values(answer.body.data ?? {});
  return JSON.parse(value as string) as T;
}

it("every fixture resolver is code AppSync's runtime would accept", async () => {
  for (const entry of codeEntries(fixtureManifest)) {
    expect(await lintAppSyncBundle(bundleAppSyncCode(join(fixturesDirectory, entry)), entry)).toEqual([]);
  }
});

describe("ctx", () => {
  it("identity: the verified token's user, claims, groups, issuer and source IP", async () => {
    for (const [user, groups] of [
      ["viewer", null],
      ["admin", ["admins"]],
    ] as const) {
      const { identity } = await json<{ identity: unknown }>("{ inspect }", {}, user);
      const claims = decodeJwt(harness.idTokens[user]);
      expect(identity).toStrictEqual({
        sub: claims.sub,
        issuer: `${harness.cognitoEndpoint}/${harness.userPoolId}`,
        username: claims["cognito:username"],
        claims,
        sourceIp: ["127.0.0.1"],
        defaultAuthStrategy: "ALLOW",
        groups,
      });
    }
  });

  it("arguments, info (field, parent type, the operation's variables) and request headers", async () => {
    const answer = await harness.graphql("query Probe($note: String) { inspect(note: $note) }", { note: "hi" }, { headers: { "x-probe": "42" } });
    const ctx = JSON.parse(answer.body.data!.inspect as string) as Record<string, Record<string, unknown>>;
    expect(ctx.arguments).toStrictEqual({ note: "hi" });
    expect(ctx.args).toStrictEqual({ note: "hi" });
    expect(ctx.info).toStrictEqual({ fieldName: "inspect", parentTypeName: "Query", variables: { note: "hi" } });
    expect(ctx.headers).toMatchObject({ "x-probe": "42", authorization: harness.idTokens.viewer, "content-type": "application/json" });
    expect(ctx.stash).toStrictEqual({});
  });

  it("info.selectionSetList names aliases by alias and merges fragments; selectionSetGraphQL keeps the fragments as written", async () => {
    const query = `{
  selection {
    renamed: name
    ...Parts
    ... on Selection { list }
    nested { name deeper: nested { name } }
  }
}
fragment Parts on Selection { graphql nested { name } }`;
    const answer = await harness.graphql(query);
    const selection = answer.body.data!.selection as { list: string[]; graphql: string; renamed: string };
    expect(selection.renamed).toBe("top");
    // A field selected twice (here `nested`, in the fragment and directly) is one entry with all its sub-fields after it.
    expect(selection.list).toStrictEqual(["renamed", "graphql", "nested", "nested/name", "nested/deeper", "nested/deeper/name", "list"]);
    expect(selection.graphql).toBe(
      "{\n  renamed: name\n  ...Parts\n  ... on Selection {\n    list\n  }\n  nested {\n    name\n    deeper: nested {\n      name\n    }\n  }\n}",
    );
  });

  it("source: a nested field's resolver gets what its parent resolved to", async () => {
    const answer = await harness.graphql("{ parent { id child } }");
    const parent = answer.body.data!.parent as { id: string; child: string };
    expect(parent.id).toBe("p1");
    expect(JSON.parse(parent.child)).toStrictEqual({ source: { id: "p1", label: "the parent" }, parentTypeName: "Parent", fieldName: "child" });
  });

  it("stash: shared by a field's request and response handlers, fresh for every field", async () => {
    const answer = await harness.graphql("{ a: stashCount b: stashCount }");
    expect(answer.body).toStrictEqual({ data: { a: 2, b: 2 } });
  });

  it("pipeline: one stash along the functions, prev.result handed from each step to the next", async () => {
    expect(await json("{ pipeline }")).toStrictEqual({
      trail: [
        "before",
        'first.request saw {"from":"before"}',
        'first.response got {"from":"first"}',
        'second.request saw {"from":"first"}',
        'second.response got {"from":"second"}',
      ],
      prev: { from: "second" },
    });
  });
});

describe("runtime.earlyReturn", () => {
  it("in a unit resolver's request handler: skips the data source and the response handler", async () => {
    const invocations = () => harness.lambdaInvocations.filter((call) => call.dataSource === "echoFunction").length;
    const before = invocations();
    expect((await harness.graphql("{ unitEarly(early: true) }")).body).toStrictEqual({ data: { unitEarly: "returned early" } });
    expect(invocations()).toBe(before);
    expect((await harness.graphql("{ unitEarly(early: false) }")).body).toStrictEqual({
      data: { unitEarly: 'response handler saw {"received":{"message":"from the request handler"}}' },
    });
    expect(invocations()).toBe(before + 1);
  });

  it("in a pipeline's request handler: no function runs, the pipeline's response handler gets the value as prev.result", async () => {
    expect(await json("{ pipelineEarly }")).toStrictEqual({ trail: ["before"], prev: { from: "before, early" } });
  });

  it("in a function's request handler: by default (NEXT) skips that function's data source and response only", async () => {
    const next = {
      trail: ["before", "early.request", 'second.request saw {"from":"early"}', 'second.response got {"from":"second"}'],
      prev: { from: "second" },
    };
    expect(await json("{ functionEarly }")).toStrictEqual(next);
    expect(await json('{ functionEarly(skipTo: "NEXT") }')).toStrictEqual(next);
  });

  it('in a function\'s request handler with { skipTo: "END" }: skips the rest of the pipeline', async () => {
    expect(await json('{ functionEarly(skipTo: "END") }')).toStrictEqual({ trail: ["before", "early.request"], prev: { from: "early" } });
  });
});

describe("errors raised by resolver code", () => {
  it("util.error: the field is null; errorType, data and errorInfo sit at the top level of the error", async () => {
    const answer = await harness.graphql('{ fail(kind: "error") hello }');
    expect(answer.status).toBe(200);
    expect(answer.body).toStrictEqual({
      data: { fail: null, hello: "world" },
      errors: [{ path: ["fail"], data: { partial: 1 }, errorType: "Fixture.Failure", errorInfo: { hint: "check kind" }, locations: at(1, 3), message: "Boom" }],
    });
  });

  it("util.appendError: the value is kept and the error listed", async () => {
    const answer = await harness.graphql('{ fail(kind: "append") }');
    expect(answer.body).toStrictEqual({
      data: { fail: '{"kept":true}' },
      errors: [{ path: ["fail"], data: { seen: true }, errorType: "Fixture.Warning", errorInfo: { detail: 2 }, locations: at(1, 3), message: "Heads up" }],
    });
  });

  it("util.unauthorized: null and AppSync's Unauthorized error for the field", async () => {
    const answer = await harness.graphql('{ fail(kind: "unauthorized") }');
    expect(answer.body).toStrictEqual({
      data: { fail: null },
      errors: [{ path: ["fail"], data: null, errorType: "Unauthorized", errorInfo: null, locations: at(1, 3), message: "Not Authorized to access fail on type Query" }],
    });
  });

  it('a TypeError in resolver code: a field error of type "Code", and the server carries on', async () => {
    const answer = await harness.graphql('{ fail(kind: "crash") hello }');
    expect(answer.status).toBe(200);
    expect(answer.body.data).toStrictEqual({ fail: null, hello: "world" });
    expect(answer.body.errors).toHaveLength(1);
    expect(answer.body.errors![0]).toMatchObject({ path: ["fail"], errorType: "Code", locations: at(1, 3) });
    expect(answer.body.errors![0]!.message).toMatch(/^TypeError: .*deep/);
  });

  it("a response handler returning undefined: null, no error", async () => {
    expect((await harness.graphql('{ fail(kind: "undefined") }')).body).toStrictEqual({ data: { fail: null } });
  });
});

describe("DynamoDB data source through resolvers", () => {
  const put = (variables: Record<string, unknown>) =>
    harness.graphql(
      "mutation Put($owner: String!, $id: ID!, $text: String!, $expectVersion: Int) { putNote(owner: $owner, id: $id, text: $text, expectVersion: $expectVersion) { owner id text version } }",
      variables,
    );

  it("PutItem then GetItem round trip", async () => {
    expect((await put({ owner: "ana", id: "n1", text: "first" })).body).toStrictEqual({ data: { putNote: { owner: "ana", id: "n1", text: "first", version: 1 } } });
    const read = await harness.graphql('{ note(owner: "ana", id: "n1") { text version } missing: note(owner: "ana", id: "nope") { text } }');
    expect(read.body).toStrictEqual({ data: { note: { text: "first", version: 1 }, missing: null } });
  });

  it("a failed condition surfaces as DynamoDB:ConditionalCheckFailedException when the response handler raises it", async () => {
    await put({ owner: "bo", id: "n1", text: "original" });
    const again = await put({ owner: "bo", id: "n1", text: "overwrite?" });
    expect(again.body.data).toStrictEqual({ putNote: null });
    expect(again.body.errors).toHaveLength(1);
    expect(again.body.errors![0]).toMatchObject({ path: ["putNote"], errorType: "DynamoDB:ConditionalCheckFailedException", data: null, errorInfo: null });
    expect(again.body.errors![0]!.message).toMatch(/^The conditional request failed \(Service: DynamoDb, Status Code: 400, Request ID: .+\)$/);

    // With the version it expects, the same write passes; with a stale one it fails again.
    expect((await put({ owner: "bo", id: "n1", text: "updated", expectVersion: 1 })).body.data).toStrictEqual({
      putNote: { owner: "bo", id: "n1", text: "updated", version: 2 },
    });
    expect((await put({ owner: "bo", id: "n1", text: "stale", expectVersion: 1 })).body.errors![0]!.errorType).toBe("DynamoDB:ConditionalCheckFailedException");
    expect((await harness.graphql('{ note(owner: "bo", id: "n1") { text version } }')).body.data).toStrictEqual({ note: { text: "updated", version: 2 } });
  });

  it("Query pages with limit and nextToken until the partition is read", async () => {
    const ids = ["a", "b", "c", "d", "e"];
    for (const id of ids) await put({ owner: "pager", id, text: `note ${id}` });
    const queriesBefore = harness.dynamodbRequests.filter((operation) => operation === "Query").length;

    const seen: string[] = [];
    const pageSizes: number[] = [];
    let nextToken: string | null = null;
    do {
      const answer = await harness.graphql("query Page($token: String) { notes(owner: \"pager\", limit: 2, nextToken: $token) { items { id } nextToken } }", {
        token: nextToken,
      });
      expect(answer.body.errors).toBeUndefined();
      const page = answer.body.data!.notes as { items: Array<{ id: string }>; nextToken: string | null };
      pageSizes.push(page.items.length);
      seen.push(...page.items.map((item) => item.id));
      nextToken = page.nextToken;
    } while (nextToken && pageSizes.length < 10);

    expect(seen).toStrictEqual(ids);
    // The short third page carries no nextToken: DynamoDB returned no LastEvaluatedKey.
    expect(pageSizes).toStrictEqual([2, 2, 1]);
    expect(harness.dynamodbRequests.filter((operation) => operation === "Query").length - queriesBefore).toBe(3);
  });
});
