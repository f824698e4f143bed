import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { CognitoError, CognitoUnreachableError, type Tokens } from "../src/auth/cognito.ts";
import { createSession, type AuthApi } from "../src/auth/session.ts";
import { fakeIdToken, memoryStorage } from "./support/tokens.ts";

const minute = 60_000;

function tokensExpiringAt(expiresAt: number, groups?: string[], sub = "user-1"): Tokens {
  return { idToken: fakeIdToken({ sub, groups, exp: Math.floor(expiresAt / 1000) }), accessToken: "access", refreshToken: "refresh-1", expiresAt };
}

function fakeAuth(overrides: Partial<AuthApi> = {}): AuthApi & { refresh: ReturnType<typeof vi.fn> } {
  return {
    signIn: vi.fn(async () => tokensExpiringAt(Date.now() + 60 * minute)),
    refresh: vi.fn(async () => tokensExpiringAt(Date.now() + 60 * minute)),
    revoke: vi.fn(async () => undefined),
    ...overrides,
  } as AuthApi & { refresh: ReturnType<typeof vi.fn> };
}

describe("session", () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date("2025-01-01T12:00:00Z"));
  });
  afterEach(() => vi.useRealTimers());

  it("signs in, keeps the tokens in storage and knows the content team from the token's groups", async () => {
    const storage = memoryStorage();
    const auth = fakeAuth({ signIn: vi.fn(async () => tokensExpiringAt(Date.now() + 60 * minute, ["content-team"], "editor-1")) });
    const session = createSession({ auth, storage });
    const seen: string[] = [];
    session.subscribe((state) => seen.push(state.status));

    await session.signIn(" editor@marquee.test ", "secret");

    expect(auth.signIn).toHaveBeenCalledWith("editor@marquee.test", "secret");
    expect(session.getState()).toMatchObject({ status: "signedIn", user: { sub: "editor-1", isContentTeam: true } });
    expect(seen).toEqual(["signedIn"]);
    expect(JSON.parse(storage.values.get("marquee.session")!)).toMatchObject({ refreshToken: "refresh-1" });
    // A later visit starts signed in from storage.
    expect(createSession({ auth, storage }).getState()).toMatchObject({ status: "signedIn", user: { sub: "editor-1" } });
    session.dispose();
  });

  it("refreshes on a timer before the token expires, without the app noticing", async () => {
    const auth = fakeAuth();
    const session = createSession({ auth, storage: memoryStorage(), refreshAheadMs: 2 * minute });
    await session.signIn("viewer@marquee.test", "secret");
    const listener = vi.fn();
    session.subscribe(listener);

    await vi.advanceTimersByTimeAsync(57 * minute);
    expect(auth.refresh).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(2 * minute);
    expect(auth.refresh).toHaveBeenCalledTimes(1);
    expect(session.getState().status).toBe("signedIn");
    // Same user, new tokens: no state change for the app to re-render on.
    expect(listener).not.toHaveBeenCalled();
    session.dispose();
  });

  it("refreshes first when a request needs a token about to expire, once for concurrent requests", async () => {
    const storage = memoryStorage({ "marquee.session": JSON.stringify(tokensExpiringAt(Date.now() + 30_000)) });
    const fresh = tokensExpiringAt(Date.now() + 60 * minute);
    const auth = fakeAuth({ refresh: vi.fn(async () => fresh) });
    const session = createSession({ auth, storage });

    const tokens = await Promise.all([session.idToken(), session.idToken(), session.idToken()]);

    expect(auth.refresh).toHaveBeenCalledTimes(1);
    expect(tokens).toEqual([fresh.idToken, fresh.idToken, fresh.idToken]);
    session.dispose();
  });

  it("ends as expired when Cognito refuses the refresh token, and forgets the tokens", async () => {
    const storage = memoryStorage({ "marquee.session": JSON.stringify(tokensExpiringAt(Date.now() + 10_000)) });
    const auth = fakeAuth({ refresh: vi.fn(async () => Promise.reject(new CognitoError("NotAuthorizedException", "Refresh Token has expired"))) });
    const session = createSession({ auth, storage });

    expect(await session.idToken()).toBeNull();
    expect(session.getState()).toEqual({ status: "signedOut", reason: "expired" });
    expect(storage.values.has("marquee.session")).toBe(false);
    session.dispose();
  });

  it("keeps the session when Cognito cannot be reached, and tries again later", async () => {
    const stored = tokensExpiringAt(Date.now() + 60_000);
    const storage = memoryStorage({ "marquee.session": JSON.stringify(stored) });
    const refresh = vi
      .fn<AuthApi["refresh"]>()
      .mockRejectedValueOnce(new CognitoUnreachableError(new TypeError("fetch failed")))
      .mockResolvedValueOnce(tokensExpiringAt(Date.now() + 60 * minute));
    const session = createSession({ auth: fakeAuth({ refresh }), storage, retryAfterMs: 20_000 });

    expect(await session.idToken()).toBe(stored.idToken);
    expect(session.getState().status).toBe("signedIn");
    await vi.advanceTimersByTimeAsync(20_000);
    expect(refresh).toHaveBeenCalledTimes(2);
    expect(await session.idToken()).not.toBe(stored.idToken);
    session.dispose();
  });

  it("recovers from a 401 with one refresh, and gives up (expired) when the refresh is refused", async () => {
    const stored = tokensExpiringAt(Date.now() + 30 * minute);
    const fresh = tokensExpiringAt(Date.now() + 60 * minute);
    const refresh = vi.fn<AuthApi["refresh"]>().mockResolvedValueOnce(fresh).mockRejectedValueOnce(new CognitoError("NotAuthorizedException", "revoked"));
    const session = createSession({ auth: fakeAuth({ refresh }), storage: memoryStorage({ "marquee.session": JSON.stringify(stored) }) });

    expect(await session.recoverFromUnauthorized(stored.idToken)).toBe(fresh.idToken);
    // A request that failed with the old token after the refresh: it just uses the new one.
    expect(await session.recoverFromUnauthorized(stored.idToken)).toBe(fresh.idToken);
    expect(refresh).toHaveBeenCalledTimes(1);

    expect(await session.recoverFromUnauthorized(fresh.idToken)).toBeNull();
    expect(session.getState()).toEqual({ status: "signedOut", reason: "expired" });
    session.dispose();
  });

  it("signs out: state, storage and a best-effort revoke", async () => {
    const storage = memoryStorage();
    const auth = fakeAuth({ revoke: vi.fn(async () => Promise.reject(new Error("offline"))) });
    const session = createSession({ auth, storage });
    await session.signIn("viewer@marquee.test", "secret");
    await session.signOut();
    expect(session.getState()).toEqual({ status: "signedOut", reason: "signedOut" });
    expect(storage.values.size).toBe(0);
    expect(auth.revoke).toHaveBeenCalledWith("refresh-1");
    session.dispose();
  });
});
