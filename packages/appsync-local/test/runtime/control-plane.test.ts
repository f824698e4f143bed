// FlushApiCache (DELETE /v1/apis/{apiId}/FlushCache) takes what AppSync's control plane takes: a request
// SigV4-signed with IAM credentials, here the ones the runtime is given. Signed by @smithy/signature-v4,
// the AWS SDK's own signer, so a real SDK client's request passes too.
import { SignatureV4 } from "@smithy/signature-v4";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { NodeSha256, type AwsCredentials } from "../../src/auth/control-plane.ts";
import { fixtureCredentials, startRuntimeHarness, type RuntimeHarness } from "./harness.ts";

let harness: RuntimeHarness;
let flushUrl: URL;

beforeAll(async () => {
  harness = await startRuntimeHarness();
  flushUrl = new URL("/v1/apis/fixture/FlushCache", harness.url);
}, 120_000);

afterAll(async () => {
  await harness?.stop();
});

/** One entry in the API cache, so a flush can be seen. */
beforeEach(() => {
  const cache = harness.runtime.apiCache!;
  cache.flush();
  const caching = { ttlSeconds: 60, keys: ["$context.arguments.id"] };
  const miss = cache.lookup("Query.cached", caching, { arguments: { id: "1" }, source: null, identity: null });
  if (miss.hit) throw new Error("the cache was just flushed");
  cache.store(miss.key, caching, "cached value");
  expect(cache.stats.entries).toBe(1);
});

async function flush(sign?: { credentials?: AwsCredentials; region?: string; service?: string; signingDate?: Date }) {
  const headers: Record<string, string> = { host: flushUrl.host };
  if (sign) {
    const signer = new SignatureV4({
      credentials: sign.credentials ?? fixtureCredentials,
      region: sign.region ?? "us-east-1",
      service: sign.service ?? "appsync",
      sha256: NodeSha256,
    });
    const request = { method: "DELETE", protocol: "http:", hostname: flushUrl.hostname, port: Number(flushUrl.port), path: flushUrl.pathname, query: {}, headers };
    Object.assign(headers, (await signer.sign(request, { signingDate: sign.signingDate })).headers);
  }
  const response = await fetch(flushUrl, { method: "DELETE", headers });
  return { status: response.status, errorType: response.headers.get("x-amzn-errortype"), body: (await response.json()) as Record<string, unknown> };
}

describe("FlushApiCache", () => {
  it("flushes when signed with the runtime's credentials", async () => {
    expect(await flush({})).toEqual({ status: 200, errorType: null, body: {} });
    expect(harness.runtime.apiCache!.stats.entries).toBe(0);
  });

  it("refuses an unsigned request with AWS's 403 and keeps the cache", async () => {
    expect(await flush()).toEqual({ status: 403, errorType: "MissingAuthenticationTokenException", body: { message: "Missing Authentication Token" } });
    expect(harness.runtime.apiCache!.stats.entries).toBe(1);
  });

  it("refuses a signature with another access key id", async () => {
    const answer = await flush({ credentials: { ...fixtureCredentials, accessKeyId: "AKIASOMEONEELSE00000" } });
    expect(answer).toMatchObject({ status: 403, errorType: "UnrecognizedClientException" });
    expect(harness.runtime.apiCache!.stats.entries).toBe(1);
  });

  it.each([
    ["the wrong secret", { credentials: { ...fixtureCredentials, secretAccessKey: "guessed" } }],
    ["another region", { region: "eu-west-1" }],
    ["another service", { service: "dynamodb" }],
  ])("refuses a signature made with %s", async (_case, sign) => {
    expect(await flush(sign)).toMatchObject({ status: 403, errorType: "InvalidSignatureException" });
    expect(harness.runtime.apiCache!.stats.entries).toBe(1);
  });

  it("refuses a signature older than 15 minutes (a replay)", async () => {
    const answer = await flush({ signingDate: new Date(Date.now() - 20 * 60_000) });
    expect(answer).toMatchObject({ status: 403, errorType: "InvalidSignatureException", body: { message: expect.stringMatching(/^Signature expired: /) } });
    expect(harness.runtime.apiCache!.stats.entries).toBe(1);
  });

  it("refuses a signed request whose path was changed after signing", async () => {
    const signer = new SignatureV4({ credentials: fixtureCredentials, region: "us-east-1", service: "appsync", sha256: NodeSha256 });
    const signed = await signer.sign({ method: "DELETE", protocol: "http:", hostname: flushUrl.hostname, path: "/v1/apis/other/FlushCache", query: {}, headers: { host: flushUrl.host } });
    const response = await fetch(flushUrl, { method: "DELETE", headers: signed.headers });
    expect(response.status).toBe(403);
    expect(response.headers.get("x-amzn-errortype")).toBe("InvalidSignatureException");
    expect(harness.runtime.apiCache!.stats.entries).toBe(1);
  });
});
