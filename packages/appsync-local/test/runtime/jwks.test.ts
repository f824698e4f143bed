// The user pool's JWKS as the runtime keeps it: valid tokens keep working while the pool cannot be reached
// (paused or stopped), a token naming a key id the pool has not published is a 401 (never a 500), and a
// key published after the first fetch (a rotation) is found by fetching again.
import { createServer, type Server } from "node:http";
import { decodeJwt, errors as joseErrors, exportJWK, generateKeyPair, jwtVerify, SignJWT, type JWK, type JWTPayload } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createJwksKeyResolver } from "../../src/auth/jwks.ts";
import { startRuntimeHarness, type RuntimeHarness } from "./harness.ts";

describe("the runtime while cognito-local cannot be reached", () => {
  let harness: RuntimeHarness;
  let unknownKid: string;

  beforeAll(async () => {
    // The JWKS is always past its age, so every request also tries to fetch it again.
    harness = await startRuntimeHarness({ jwksMaxAgeMs: 0 });
    const { privateKey } = await generateKeyPair("RS256");
    unknownKid = await new SignJWT(decodeJwt(harness.idTokens.viewer)).setProtectedHeader({ alg: "RS256", kid: "rotated-away" }).sign(privateKey);
    const first = await harness.graphql("{ hello }");
    expect(first).toMatchObject({ status: 200, body: { data: { hello: "world" } } });
  }, 120_000);

  afterAll(async () => {
    await harness?.stop();
  });

  it("paused (it accepts connections and never answers): valid tokens work, an unknown key id is a 401", async () => {
    process.kill(harness.cognito.pid!, "SIGSTOP");
    try {
      expect(await harness.graphql("{ hello }")).toMatchObject({ status: 200, body: { data: { hello: "world" } } });
      const unknown = await harness.graphql("{ hello }", {}, { authorization: unknownKid });
      expect(unknown.status).toBe(401);
      expect(unknown.body).toStrictEqual({ errors: [{ errorType: "UnauthorizedException", message: "You are not authorized to make this call." }] });
      expect(await harness.graphql("{ hello }", {}, { as: "admin" })).toMatchObject({ status: 200 });
    } finally {
      process.kill(harness.cognito.pid!, "SIGCONT");
    }
  }, 30_000);

  it("stopped: valid tokens work, an unknown key id is a 401", async () => {
    await harness.cognito.stop();
    expect(await harness.graphql("{ hello }")).toMatchObject({ status: 200, body: { data: { hello: "world" } } });
    expect((await harness.graphql("{ hello }", {}, { authorization: unknownKid })).status).toBe(401);
    expect(await harness.graphql("{ hello }", {}, { as: "editor" })).toMatchObject({ status: 200 });
  }, 30_000);
});

describe("createJwksKeyResolver", () => {
  let server: Server;
  let published: JWK[] = [];
  let fetches = 0;
  let url: URL;

  beforeAll(async () => {
    server = createServer((_request, response) => {
      fetches += 1;
      response.writeHead(200, { "content-type": "application/json" });
      response.end(JSON.stringify({ keys: published }));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = new URL(`http://127.0.0.1:${(server.address() as { port: number }).port}/jwks.json`);
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  async function keyPair(kid: string) {
    const { privateKey, publicKey } = await generateKeyPair("RS256");
    const sign = (claims: JWTPayload) => new SignJWT(claims).setProtectedHeader({ alg: "RS256", kid }).setIssuedAt().setExpirationTime("1h").sign(privateKey);
    return { jwk: { ...(await exportJWK(publicKey)), kid, alg: "RS256", use: "sig" }, sign };
  }

  it("finds a key published after the first fetch, fetching again for its unknown key id", async () => {
    const first = await keyPair("first");
    const second = await keyPair("second");
    published = [first.jwk];
    const resolve = createJwksKeyResolver({ url, cooldownMs: 0 });
    await expect(jwtVerify(await first.sign({ sub: "a" }), resolve)).resolves.toMatchObject({ payload: { sub: "a" } });
    const before = fetches;
    published = [first.jwk, second.jwk];
    await expect(jwtVerify(await second.sign({ sub: "b" }), resolve)).resolves.toMatchObject({ payload: { sub: "b" } });
    expect(fetches).toBe(before + 1);
  });

  it("refuses a key id still unknown after fetching again with jose's no-matching-key error", async () => {
    const known = await keyPair("known");
    const stranger = await keyPair("stranger");
    published = [known.jwk];
    const resolve = createJwksKeyResolver({ url, cooldownMs: 0 });
    await jwtVerify(await known.sign({ sub: "a" }), resolve);
    await expect(jwtVerify(await stranger.sign({ sub: "b" }), resolve)).rejects.toBeInstanceOf(joseErrors.JWKSNoMatchingKey);
  });

  it("fetches at most once per cooldown for unknown key ids", async () => {
    const known = await keyPair("known");
    const stranger = await keyPair("stranger");
    published = [known.jwk];
    const resolve = createJwksKeyResolver({ url, cooldownMs: 60_000 });
    await jwtVerify(await known.sign({ sub: "a" }), resolve);
    const before = fetches;
    const token = await stranger.sign({ sub: "b" });
    for (let attempt = 0; attempt < 5; attempt += 1) await expect(jwtVerify(token, resolve)).rejects.toBeInstanceOf(joseErrors.JWKSNoMatchingKey);
    expect(fetches).toBe(before);
  });
});
