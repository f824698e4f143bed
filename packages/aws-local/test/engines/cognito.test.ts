import {
  AdminGetUserCommand,
  CognitoIdentityProviderClient,
  CreateUserPoolClientCommand,
  DescribeUserPoolClientCommand,
  ListGroupsCommand,
  ListUserPoolClientsCommand,
  ListUserPoolsCommand,
  ListUsersCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createRemoteJWKSet, decodeJwt, importJWK, jwtVerify, SignJWT, type JWK } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
const contentTeamGroup = "editors";
import { cognitoLocalClientConfig, publishedKeyPair, startCognitoLocal, type CognitoLocal } from "../../src/engines/cognito.ts";
import {
  ensureGroup,
  ensureUser,
  ensureUserPool,
  ensureUserPoolClient,
  refresh,
  signIn,
  SignInRefusedError,
} from "../../src/engines/provision.ts";
import { EngineStartError, freePort } from "../../src/engines/readiness.ts";
import { childPids, holdPort, isRunning, residentMegabytes, waitFor } from "./helpers.ts";

const contentEditor = { email: "editor@marquee.test", password: "Editor-pass-1", groups: [contentTeamGroup] };
const viewer = { email: "viewer@marquee.test", password: "Viewer-pass-1", groups: [] };

async function provision(client: CognitoIdentityProviderClient) {
  const pool = await ensureUserPool(client, "marquee-local");
  const webClient = await ensureUserPoolClient(client, pool.id, "marquee-web");
  const group = await ensureGroup(client, pool.id, contentTeamGroup);
  const users = [await ensureUser(client, pool.id, contentEditor), await ensureUser(client, pool.id, viewer)];
  return { pool, webClient, group, users };
}

describe("cognito-local with provisioning", () => {
  let cognito: CognitoLocal;
  let client: CognitoIdentityProviderClient;
  let first: Awaited<ReturnType<typeof provision>>;
  let second: Awaited<ReturnType<typeof provision>>;

  beforeAll(async () => {
    const started = Date.now();
    cognito = await startCognitoLocal({ port: await freePort() });
    const startMs = Date.now() - started;
    client = new CognitoIdentityProviderClient(cognitoLocalClientConfig(cognito.endpoint));
    first = await provision(client);
    second = await provision(client);
    console.info(`cognito-local: ready in ${startMs} ms, RSS ${residentMegabytes(cognito.pid!).toFixed(0)} MB after provisioning`);
  }, 60_000);

  afterAll(async () => {
    client?.destroy();
    await cognito?.stop();
  });

  it("creates the pool, client, group and users on the first run", () => {
    expect(first.pool.created).toBe(true);
    expect(first.webClient.created).toBe(true);
    expect(first.group.created).toBe(true);
    expect(first.users.map((user) => user.created)).toEqual([true, true]);
    expect(first.users[0].groupsAdded).toEqual([contentTeamGroup]);
  });

  it("changes nothing on the second run", async () => {
    expect(second.pool).toEqual({ id: first.pool.id, created: false });
    expect(second.webClient).toEqual({ clientId: first.webClient.clientId, created: false });
    expect(second.group.created).toBe(false);
    expect(second.users).toEqual(
      first.users.map((user) => ({ username: user.username, created: false, groupsAdded: [], groupsRemoved: [] })),
    );
    const pools = (await client.send(new ListUserPoolsCommand({ MaxResults: 60 }))).UserPools ?? [];
    expect(pools.filter((pool) => pool.Name === "marquee-local")).toHaveLength(1);
    const clients = await client.send(new ListUserPoolClientsCommand({ UserPoolId: first.pool.id }));
    expect(clients.UserPoolClients).toHaveLength(1);
    const groups = await client.send(new ListGroupsCommand({ UserPoolId: first.pool.id }));
    expect(groups.Groups?.map((group) => group.GroupName)).toEqual([contentTeamGroup]);
    const users = await client.send(new ListUsersCommand({ UserPoolId: first.pool.id }));
    expect(users.Users).toHaveLength(2);
  });

  it("configures the web client without a secret and with password and refresh flows", async () => {
    const described = await client.send(
      new DescribeUserPoolClientCommand({ UserPoolId: first.pool.id, ClientId: first.webClient.clientId }),
    );
    expect(described.UserPoolClient?.ClientSecret).toBeUndefined();
    expect(described.UserPoolClient?.ExplicitAuthFlows).toEqual(["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]);
  });

  it("creates users confirmed, with a verified email, addressed by email", async () => {
    const user = await client.send(new AdminGetUserCommand({ UserPoolId: first.pool.id, Username: contentEditor.email }));
    expect(user.UserStatus).toBe("CONFIRMED");
    const attributes = Object.fromEntries((user.UserAttributes ?? []).map((a) => [a.Name, a.Value]));
    expect(attributes).toMatchObject({ email: contentEditor.email, email_verified: "true", sub: user.Username });
  });

  it("signs a content team member in with an id token whose claims and signature check out", async () => {
    const tokens = await signIn(cognito.endpoint, first.webClient.clientId, contentEditor.email, contentEditor.password);
    const jwks = createRemoteJWKSet(new URL(`${cognito.endpoint}/${first.pool.id}/.well-known/jwks.json`));
    const { payload, protectedHeader } = await jwtVerify(tokens.idToken, jwks, {
      issuer: `${cognito.endpoint}/${first.pool.id}`,
      audience: first.webClient.clientId,
    });
    expect(protectedHeader.alg).toBe("RS256");
    expect(payload).toMatchObject({
      email: contentEditor.email,
      email_verified: true,
      token_use: "id",
      aud: first.webClient.clientId,
      sub: first.users[0].username,
    });
    expect(payload["cognito:groups"]).toContain(contentTeamGroup);

    const access = await jwtVerify(tokens.accessToken, jwks, { issuer: `${cognito.endpoint}/${first.pool.id}` });
    expect(access.payload).toMatchObject({ token_use: "access", client_id: first.webClient.clientId });
    expect(access.payload["cognito:groups"]).toContain(contentTeamGroup);
    expect(tokens.expiresIn).toBeGreaterThan(0);
  });

  it("rejects a token whose payload was altered", async () => {
    const tokens = await signIn(cognito.endpoint, first.webClient.clientId, viewer.email, viewer.password);
    const [header, payload, signature] = tokens.idToken.split(".");
    const forgedClaims = { ...decodeJwt(tokens.idToken), "cognito:groups": [contentTeamGroup] };
    const forged = [header, Buffer.from(JSON.stringify(forgedClaims)).toString("base64url"), signature].join(".");
    expect(payload).not.toBe(forged.split(".")[1]);
    const jwks = createRemoteJWKSet(new URL(`${cognito.endpoint}/${first.pool.id}/.well-known/jwks.json`));
    await expect(jwtVerify(forged, jwks)).rejects.toThrow(/signature/);
  });

  it("signs with a key made for its data directory, never the key published in its npm package", async () => {
    const published = publishedKeyPair();
    const jwksUrl = new URL(`${cognito.endpoint}/${first.pool.id}/.well-known/jwks.json`);
    const served = ((await (await fetch(jwksUrl)).json()) as { keys: JWK[] }).keys;
    expect(served.map((key) => key.n)).not.toContain(published.publicJwk.n);
    expect(served.every((key) => key.d === undefined)).toBe(true);

    const tokens = await signIn(cognito.endpoint, first.webClient.clientId, viewer.email, viewer.password);
    await expect(jwtVerify(tokens.idToken, await importJWK(published.publicJwk as JWK, "RS256"))).rejects.toThrow(/signature/);
    const forged = await new SignJWT({ ...decodeJwt(tokens.idToken), "cognito:groups": [contentTeamGroup] })
      .setProtectedHeader({ alg: "RS256", kid: "CognitoLocal" })
      .sign(await importJWK(published.privateJwk as JWK, "RS256"));
    await expect(jwtVerify(forged, createRemoteJWKSet(jwksUrl))).rejects.toThrow(/signature/);
  });

  it("gives a user outside every group no cognito:groups claim", async () => {
    const tokens = await signIn(cognito.endpoint, first.webClient.clientId, viewer.email, viewer.password);
    expect(decodeJwt(tokens.idToken)["cognito:groups"]).toBeUndefined();
  });

  it("refuses a wrong password and an unknown email with SignInRefusedError", async () => {
    await expect(signIn(cognito.endpoint, first.webClient.clientId, viewer.email, "not-the-password")).rejects.toBeInstanceOf(
      SignInRefusedError,
    );
    await expect(signIn(cognito.endpoint, first.webClient.clientId, "nobody@marquee.test", "x")).rejects.toBeInstanceOf(
      SignInRefusedError,
    );
  });

  it("refreshes into new, valid tokens for the same user", async () => {
    const tokens = await signIn(cognito.endpoint, first.webClient.clientId, contentEditor.email, contentEditor.password);
    const refreshed = await refresh(cognito.endpoint, first.webClient.clientId, tokens.refreshToken);
    const jwks = createRemoteJWKSet(new URL(`${cognito.endpoint}/${first.pool.id}/.well-known/jwks.json`));
    const { payload } = await jwtVerify(refreshed.idToken, jwks, { audience: first.webClient.clientId });
    expect(payload).toMatchObject({ email: contentEditor.email, token_use: "id" });
    expect(payload["cognito:groups"]).toContain(contentTeamGroup);
    expect(refreshed.expiresIn).toBeGreaterThan(0);
    await expect(refresh(cognito.endpoint, first.webClient.clientId, "not-a-refresh-token")).rejects.toBeInstanceOf(
      SignInRefusedError,
    );
  });

  it("resets a changed password and brings group membership to the seed", async () => {
    const changed = { email: "changing@marquee.test", password: "First-pass-1", groups: [contentTeamGroup] };
    await ensureUser(client, first.pool.id, changed);
    const rerun = await ensureUser(client, first.pool.id, { ...changed, password: "Second-pass-2", groups: [] });
    expect(rerun).toMatchObject({ created: false, groupsAdded: [], groupsRemoved: [contentTeamGroup] });
    await expect(signIn(cognito.endpoint, first.webClient.clientId, changed.email, "First-pass-1")).rejects.toBeInstanceOf(
      SignInRefusedError,
    );
    const tokens = await signIn(cognito.endpoint, first.webClient.clientId, changed.email, "Second-pass-2");
    expect(decodeJwt(tokens.idToken)["cognito:groups"]).toBeUndefined();
  });

  it("keeps group members when the group is ensured again", async () => {
    await ensureGroup(client, first.pool.id, contentTeamGroup);
    const tokens = await signIn(cognito.endpoint, first.webClient.clientId, contentEditor.email, contentEditor.password);
    expect(decodeJwt(tokens.idToken)["cognito:groups"]).toEqual([contentTeamGroup]);
  });

  it("adds the password and refresh flows to an existing client of that name that lacks them", async () => {
    const pool = await ensureUserPool(client, "older-pool");
    const older = await client.send(
      new CreateUserPoolClientCommand({ UserPoolId: pool.id, ClientName: "marquee-web", ExplicitAuthFlows: ["ALLOW_CUSTOM_AUTH"] }),
    );
    const ensured = await ensureUserPoolClient(client, pool.id, "marquee-web");
    expect(ensured).toEqual({ clientId: older.UserPoolClient?.ClientId, created: false });
    const described = await client.send(new DescribeUserPoolClientCommand({ UserPoolId: pool.id, ClientId: ensured.clientId }));
    expect(described.UserPoolClient?.ExplicitAuthFlows).toEqual([
      "ALLOW_CUSTOM_AUTH",
      "ALLOW_USER_PASSWORD_AUTH",
      "ALLOW_REFRESH_TOKEN_AUTH",
    ]);
  });

  it("runs as a single process (no children to stop)", () => {
    expect(cognito.pid).toBeGreaterThan(0);
    expect(childPids(cognito.pid!)).toEqual([]);
  });
});

describe("cognito-local lifecycle", () => {
  it("stops: the process is gone, the port answers no more, the temp folder is removed", async () => {
    const cognito = await startCognitoLocal({ port: await freePort() });
    const pid = cognito.pid!;
    expect(isRunning(pid)).toBe(true);
    expect(existsSync(join(cognito.directory, ".cognito"))).toBe(true);
    await cognito.stop();
    expect(isRunning(pid)).toBe(false);
    expect(existsSync(cognito.directory)).toBe(false);
    await expect(fetch(`${cognito.endpoint}/health`)).rejects.toThrow();
  }, 60_000);

  it("keeps its data in dataDirectory across restarts", async () => {
    const dataDirectory = mkdtempSync(join(tmpdir(), "marquee-cognito-test-"));
    try {
      const port = await freePort();
      const before = await startCognitoLocal({ port, dataDirectory });
      const beforeClient = new CognitoIdentityProviderClient(cognitoLocalClientConfig(before.endpoint));
      const pool = await ensureUserPool(beforeClient, "kept");
      const jwksUrl = (engine: CognitoLocal) => `${engine.endpoint}/${pool.id}/.well-known/jwks.json`;
      const keysBefore: unknown = await (await fetch(jwksUrl(before))).json();
      beforeClient.destroy();
      await before.stop();
      expect(existsSync(join(dataDirectory, ".cognito"))).toBe(true);

      const after = await startCognitoLocal({ port, dataDirectory });
      const afterClient = new CognitoIdentityProviderClient(cognitoLocalClientConfig(after.endpoint));
      expect(await ensureUserPool(afterClient, "kept")).toEqual({ id: pool.id, created: false });
      // The same signing key, so tokens signed before the restart stay valid.
      expect(await (await fetch(jwksUrl(after))).json()).toEqual(keysBefore);
      afterClient.destroy();
      await after.stop();
    } finally {
      rmSync(dataDirectory, { recursive: true, force: true });
    }
  }, 60_000);

  it("refuses a port in use with an EngineStartError naming the port and what to do", async () => {
    const port = await freePort();
    const holder = await holdPort(port);
    try {
      const attempt = startCognitoLocal({ port, portVariable: "MARQUEE_COGNITO_PORT" });
      await expect(attempt).rejects.toBeInstanceOf(EngineStartError);
      await expect(attempt).rejects.toThrow(
        `Port ${port} for cognito-local is already in use: stop whatever holds it or set MARQUEE_COGNITO_PORT to a free port.`,
      );
    } finally {
      holder.close();
    }
  });

  it("exits when the process that started it dies without stopping it", async () => {
    const port = await freePort();
    const parent = spawn(process.execPath, ["--import", "tsx", join(import.meta.dirname, "fixtures/start-cognito.ts"), String(port)], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    const line = await new Promise<string>((resolve, reject) => {
      parent.stdout.once("data", (chunk: Buffer) => resolve(chunk.toString()));
      parent.once("exit", (code) => reject(new Error(`fixture exited with ${code}`)));
    });
    const { pid, directory } = JSON.parse(line) as { pid: number; directory: string };
    try {
      expect(isRunning(pid)).toBe(true);
      expect(existsSync(directory)).toBe(true);
      parent.kill("SIGKILL");
      expect(await waitFor(() => !isRunning(pid), 5_000)).toBe(true);
      expect(existsSync(directory)).toBe(false);
    } finally {
      if (isRunning(pid)) process.kill(pid, "SIGKILL"); // an orphan would hold the port
    }
  }, 60_000);
});
