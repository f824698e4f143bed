// One request followed through the stack: the runtime's x-amzn-RequestId names what it did, its DynamoDB
// requests by resolver and its Lambda invocations with the awsRequestId their log lines carry.
import { describe, expect, it } from "vitest";
import { freshViewer, graphql, requestRecordOf, stack } from "../../src/testing/client.ts";

describe("the request log", () => {
  it("lists the Lambda invocations a request made, each with its own awsRequestId", async () => {
    // A new account's first profiles query creates its default profile: one Lambda call each.
    const [one, two] = [await freshViewer("trail"), await freshViewer("trail")];
    const first = await graphql<{ profiles: Array<{ id: string }> }>("{ profiles { id } }", {}, { token: one.token });
    const second = await graphql<{ profiles: Array<{ id: string }> }>("{ profiles { id } }", {}, { token: two.token });
    expect(first.body.errors).toBeUndefined();
    expect(first.requestId).not.toEqual(second.requestId);

    const [firstTrail, secondTrail] = [await requestRecordOf(first), await requestRecordOf(second)];
    // Query.profiles is a pipeline: its ensureDefaultProfile function is the Lambda call.
    expect(firstTrail.lambda).toEqual([
      { dataSource: "ensureDefaultProfileFunction", callerId: "function:ensureDefaultProfile", events: 1, awsRequestId: expect.stringMatching(/^[0-9a-f-]{36}$/) },
    ]);
    expect(secondTrail.lambda).toHaveLength(1);
    expect(secondTrail.lambda[0]!.awsRequestId).not.toEqual(firstTrail.lambda[0]!.awsRequestId);
  });

  it("has nothing for a request it never saw", async () => {
    const response = await fetch(new URL("/local/requests/no-such-request", stack().graphqlUrl));
    expect(response.status).toBe(404);
  });
});
