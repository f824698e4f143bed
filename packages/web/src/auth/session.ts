// The signed-in session, independent of React: tokens kept in storage, refreshed ahead of their expiry
// (on a timer and before any request that would use a token about to expire), and ended when Cognito
// refuses the refresh, so the app can ask the viewer to sign in again where they were.
import { CognitoError, readClaims, type Tokens } from "./cognito.ts";

export const contentTeamGroup = "content-team";

export type SessionUser = { sub: string; email: string; groups: string[]; isContentTeam: boolean };

export type SessionState =
  | { status: "signedOut"; reason: "signedOut" | "expired" }
  | { status: "signedIn"; user: SessionUser };

/** The Cognito calls a session needs (./cognito.ts against the configured endpoint; fakes in tests). */
export type AuthApi = {
  signIn(email: string, password: string): Promise<Tokens>;
  refresh(refreshToken: string): Promise<Tokens>;
  revoke(refreshToken: string): Promise<void>;
};

export type KeyValueStorage = Pick<Storage, "getItem" | "setItem" | "removeItem">;

export type SessionOptions = {
  auth: AuthApi;
  storage?: KeyValueStorage | null;
  storageKey?: string;
  now?: () => number;
  /** Refresh when the id token has less than this left (default 2 minutes). */
  refreshAheadMs?: number;
  /** After a refresh that could not reach Cognito, try again this much later (default 20 s). */
  retryAfterMs?: number;
};

export type Session = {
  getState(): SessionState;
  subscribe(listener: (state: SessionState) => void): () => void;
  signIn(email: string, password: string): Promise<void>;
  signOut(): Promise<void>;
  /** An id token with time left (refreshed first when it is about to expire); null when signed out. */
  idToken(): Promise<string | null>;
  /** The API refused `rejectedToken` (HTTP 401): refresh once; null when the session has ended. */
  recoverFromUnauthorized(rejectedToken: string): Promise<string | null>;
  dispose(): void;
};

export function createSession(options: SessionOptions): Session {
  const storage = options.storage ?? null;
  const storageKey = options.storageKey ?? "marquee.session";
  const now = options.now ?? (() => Date.now());
  const refreshAheadMs = options.refreshAheadMs ?? 2 * 60_000;
  const retryAfterMs = options.retryAfterMs ?? 20_000;
  const listeners = new Set<(state: SessionState) => void>();

  let tokens: Tokens | null = load();
  let state: SessionState = tokens ? { status: "signedIn", user: userOf(tokens) } : { status: "signedOut", reason: "signedOut" };
  let refreshing: Promise<Tokens | null> | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  if (tokens) schedule(tokens.expiresAt - refreshAheadMs - now());

  function load(): Tokens | null {
    try {
      const stored = storage?.getItem(storageKey);
      if (!stored) return null;
      const parsed = JSON.parse(stored) as Partial<Tokens>;
      if (typeof parsed.idToken !== "string" || typeof parsed.refreshToken !== "string" || typeof parsed.accessToken !== "string") return null;
      return { idToken: parsed.idToken, accessToken: parsed.accessToken, refreshToken: parsed.refreshToken, expiresAt: Number(parsed.expiresAt) || 0 };
    } catch {
      return null;
    }
  }

  function set(next: Tokens | null, reason: "signedOut" | "expired" = "signedOut") {
    tokens = next;
    clearTimeout(timer);
    if (next) {
      storage?.setItem(storageKey, JSON.stringify(next));
      schedule(next.expiresAt - refreshAheadMs - now());
    } else {
      storage?.removeItem(storageKey);
    }
    const user = next ? userOf(next) : null;
    // Same user, new tokens: listeners see no change (no re-render of the whole app on every refresh).
    if (user && state.status === "signedIn" && state.user.sub === user.sub && state.user.groups.join() === user.groups.join()) return;
    state = user ? { status: "signedIn", user } : { status: "signedOut", reason };
    for (const listener of [...listeners]) listener(state);
  }

  function schedule(delayMs: number) {
    clearTimeout(timer);
    timer = setTimeout(() => void refresh(), Math.max(1_000, delayMs));
  }

  /** One refresh at a time; concurrent callers share it. */
  function refresh(): Promise<Tokens | null> {
    if (!tokens) return Promise.resolve(null);
    if (refreshing) return refreshing;
    const current = tokens;
    refreshing = options.auth
      .refresh(current.refreshToken)
      .then((fresh) => {
        if (tokens === current) set(fresh);
        return tokens;
      })
      .catch((error: unknown) => {
        if (tokens !== current) return tokens;
        if (error instanceof CognitoError) {
          // The refresh token is expired or revoked: the session is over.
          set(null, "expired");
          return null;
        }
        // Cognito unreachable: keep the session (the token may still be valid) and try again later.
        schedule(retryAfterMs);
        return current;
      })
      .finally(() => {
        refreshing = null;
      });
    return refreshing;
  }

  return {
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async signIn(email, password) {
      set(await options.auth.signIn(email.trim(), password));
    },
    async signOut() {
      const ending = tokens;
      set(null, "signedOut");
      if (ending) await options.auth.revoke(ending.refreshToken).catch(() => undefined);
    },
    async idToken() {
      if (!tokens) return null;
      if (tokens.expiresAt - now() > refreshAheadMs) return tokens.idToken;
      const fresh = await refresh();
      return fresh?.idToken ?? null;
    },
    async recoverFromUnauthorized(rejectedToken) {
      if (!tokens) return null;
      if (tokens.idToken !== rejectedToken) return tokens.idToken;
      const before = tokens;
      const fresh = await refresh();
      if (!fresh) return null;
      if (fresh === before) {
        // Not refreshed (Cognito unreachable) and the API refuses the token: nothing valid to send.
        return null;
      }
      return fresh.idToken;
    },
    dispose() {
      clearTimeout(timer);
      listeners.clear();
    },
  };
}

function userOf(tokens: Tokens): SessionUser {
  const claims = readClaims(tokens.idToken);
  return { sub: claims.sub, email: claims.email, groups: claims.groups, isContentTeam: claims.groups.includes(contentTeamGroup) };
}
