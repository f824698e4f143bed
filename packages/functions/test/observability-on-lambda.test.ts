// On Lambda (AWS_EXECUTION_ENV set, tracing not turned off), the first invocation loads Powertools'
// tracer and every SDK client core makes from then on records X-Ray subsegments.
import { describe, expect, it, vi } from "vitest";

vi.hoisted(() => {
  process.env.AWS_EXECUTION_ENV = "AWS_Lambda_nodejs24.x";
  process.env.POWERTOOLS_METRICS_DISABLED = "true";
});

import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { sdkClient } from "@marquee/core/util/sdk-clients";
import { resolverHandler } from "../src/lambda/handler.ts";

describe("SDK clients on Lambda", () => {
  it("are traced once a handler has run", async () => {
    const middlewareOf = () => sdkClient(new DynamoDBClient({ region: "us-east-1" })).middlewareStack.identify().join("\n");
    expect(middlewareOf()).not.toMatch(/XRay/i);
    await resolverHandler(async () => "ok")({ arguments: {}, identity: { sub: "sub-1", groups: null } });
    expect(middlewareOf()).toMatch(/XRay/i);
  });
});
