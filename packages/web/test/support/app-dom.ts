// What every test that renders the whole app needs around it: a fresh address, and rows that render at
// once (happy-dom has no layout, so its IntersectionObserver would never report anything); and the app
// itself, signed in, on a fake API.
import { cleanup, render } from "@testing-library/react";
import { createElement } from "react";
import { afterEach, beforeEach, vi } from "vitest";
import { createApiClient } from "../../src/api/client.ts";
import { App } from "../../src/app/App.tsx";
import { ServicesProvider } from "../../src/app/services.tsx";
import { createSession } from "../../src/auth/session.ts";
import { createProgressQueue } from "../../src/player/progress.ts";
import { fakeGraphQL, profile, type Handler } from "./fake-api.ts";
import { fakeIdToken, memoryStorage } from "./tokens.ts";

export function renderedAppSetup(): void {
  beforeEach(() => {
    history.replaceState(null, "", "/");
    vi.stubGlobal("IntersectionObserver", undefined);
  });
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
  });
}

/** The whole app at `path`, signed in as `sub` (in `groups`) with profile p1 picked, on a fake API answering `handlers`. */
export function renderSignedInApp(path: string, handlers: Record<string, Handler>, caller: { sub: string; groups?: string[] }) {
  history.replaceState(null, "", path);
  const expiresAt = Date.now() + 3_600_000;
  const storage = memoryStorage({
    "marquee.session": JSON.stringify({ idToken: fakeIdToken({ sub: caller.sub, ...(caller.groups ? { groups: caller.groups } : {}), exp: expiresAt / 1000 }), accessToken: "a", refreshToken: "r", expiresAt }),
    [`marquee.profile.${caller.sub}`]: JSON.stringify(profile("p1", "Ana")),
  });
  const session = createSession({ storage, auth: { signIn: async () => Promise.reject(new Error("no")), refresh: async () => Promise.reject(new Error("no")), revoke: async () => undefined } });
  const api = fakeGraphQL(handlers);
  const client = createApiClient({ url: "http://api.test/graphql", session, fetch: api.fetch });
  const services = {
    config: { graphqlUrl: "http://api.test/graphql", region: "us-east-1", userPoolId: "p", userPoolClientId: "c", cognitoEndpoint: "http://cognito.test/" },
    session,
    client,
    storage,
    progressQueue: createProgressQueue({ send: async () => "sent", currentAccount: () => null }),
  };
  render(createElement(ServicesProvider, { services, children: createElement(App) }));
  return api;
}
