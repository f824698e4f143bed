// @vitest-environment happy-dom
// Auth state through the whole app: signing in, choosing a profile (with its PIN), an expired session
// that asks to sign in again on the same page, and the content team's editor hidden from viewers.
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { createElement } from "react";
import { describe, expect, it, vi } from "vitest";
import { createApiClient } from "../src/api/client.ts";
import { App } from "../src/app/App.tsx";
import { ServicesProvider, type Services } from "../src/app/services.tsx";
import { CognitoError, type Tokens } from "../src/auth/cognito.ts";
import { createSession, type AuthApi } from "../src/auth/session.ts";
import type { WebConfig } from "../src/config.ts";
import { createProgressQueue } from "../src/player/progress.ts";
import { fakeGraphQL, profile, title, type Handler } from "./support/fake-api.ts";
import { renderedAppSetup } from "./support/app-dom.ts";
import { fakeIdToken, memoryStorage } from "./support/tokens.ts";

const config: WebConfig = { graphqlUrl: "http://api.test/graphql", region: "us-east-1", userPoolId: "pool", userPoolClientId: "client", cognitoEndpoint: "http://cognito.test/" };

function tokens(sub = "viewer-1", groups: string[] = [], refreshToken = "refresh-1"): Tokens {
  const expiresAt = Date.now() + 3_600_000;
  return { idToken: fakeIdToken({ sub, groups, exp: Math.floor(expiresAt / 1000) }), accessToken: "access", refreshToken, expiresAt };
}

const home = (profileId: string) => ({
  data: {
    home: {
      __typename: "Home",
      profile: profile(profileId, "Ana"),
      continueWatching: [
        { __typename: "WatchEntry", title: title("t1", "Heat"), positionSeconds: 600, durationSeconds: 6000, resumeAtSeconds: 600, status: "IN_PROGRESS", hidden: false, lastWatchedAt: "2025-01-01T00:00:00Z" },
      ],
      myList: [],
      genreRows: [{ __typename: "GenreRow", genre: "Drama", titles: [title("t2", "Drama one")] }],
    },
  },
});

function setup(options: { auth?: Partial<AuthApi>; handlers: Record<string, Handler>; storage?: ReturnType<typeof memoryStorage> }) {
  const storage = options.storage ?? memoryStorage();
  const auth: AuthApi = {
    signIn: vi.fn(async () => tokens()),
    refresh: vi.fn(async () => tokens()),
    revoke: vi.fn(async () => undefined),
    ...options.auth,
  };
  const session = createSession({ auth, storage });
  const api = fakeGraphQL(options.handlers);
  const client = createApiClient({ url: config.graphqlUrl, session, fetch: api.fetch });
  const progressQueue = createProgressQueue({ send: async () => "sent", currentAccount: () => null });
  const services: Services = { config, session, client, progressQueue, storage };
  render(createElement(ServicesProvider, { services, children: createElement(App) }));
  return { api, auth, session, storage };
}

async function signIn(email: string, password: string) {
  fireEvent.change(await screen.findByLabelText("Email"), { target: { value: email } });
  fireEvent.change(screen.getByLabelText("Password"), { target: { value: password } });
  fireEvent.click(screen.getByRole("button", { name: "Sign in" }));
}

describe("the app's auth state", () => {
  renderedAppSetup();

  it("says why sign-in failed in a sentence, then signs in and asks who's watching", async () => {
    const signInAttempt = vi
      .fn<AuthApi["signIn"]>()
      .mockRejectedValueOnce(new CognitoError("NotAuthorizedException", "Incorrect username or password."))
      .mockResolvedValueOnce(tokens());
    const { api } = setup({ auth: { signIn: signInAttempt }, handlers: { Profiles: () => ({ data: { profiles: [profile("p1", "Ana"), profile("p2", "Kids", { maturity: "KIDS" })] } }) } });

    await signIn("viewer@marquee.test", "wrong");
    expect(await screen.findByRole("alert")).toHaveProperty("textContent", "That email and password don't match. Check them and try again.");

    await signIn("viewer@marquee.test", "right");
    await screen.findByRole("heading", { name: "Who's watching?" });
    await screen.findByRole("button", { name: /Kids/ });
    expect(api.calls[0]).toMatchObject({ operationName: "Profiles", authorization: expect.stringMatching(/^ey/) });
  });

  it("asks for a profile's PIN before switching to it, and shows the home of the chosen profile", async () => {
    const verify = vi.fn<Handler>(({ pin }) => ({ data: { verifyProfilePin: { __typename: "PinCheck", ok: pin === "1234", retryAfterSeconds: null } } }));
    setup({
      storage: memoryStorage({ "marquee.session": JSON.stringify(tokens()) }),
      handlers: {
        Profiles: () => ({ data: { profiles: [profile("p1", "Ana", { hasPin: true })] } }),
        VerifyProfilePin: verify,
        Home: ({ profileId }) => home(String(profileId)),
      },
    });

    fireEvent.click(await screen.findByRole("button", { name: /Ana/ }));
    const pin = await screen.findByLabelText("4-digit PIN");
    fireEvent.change(pin, { target: { value: "9999" } });
    fireEvent.click(screen.getByRole("button", { name: "Continue" }));
    expect(await screen.findByText("That PIN isn't right. Try again.")).toBeTruthy();

    fireEvent.change(screen.getByLabelText("4-digit PIN"), { target: { value: "1234" } });
    fireEvent.click(screen.getByRole("button", { name: "Continue" }));
    expect((await screen.findByRole("link", { name: "Resume Heat" })).getAttribute("href")).toBe("/watch/t1");
    expect(screen.getByRole("heading", { name: "Drama" })).toBeTruthy();
    expect(verify.mock.calls.map(([variables]) => variables.pin)).toEqual(["9999", "1234"]);
  });

  it("hides a title from continue watching at once, with one request however many clicks", async () => {
    const hide = vi.fn<Handler>(() => ({ data: { hideFromContinueWatching: { __typename: "WatchEntry", hidden: true, title: { __typename: "Title", id: "t1" } } } }));
    setup({
      storage: memoryStorage({ "marquee.session": JSON.stringify(tokens()), "marquee.profile.viewer-1": JSON.stringify(profile("p1", "Ana")) }),
      handlers: { Home: ({ profileId }) => home(String(profileId)), HideFromContinueWatching: hide, RecommendationRows: () => ({ data: null }) },
    });
    const button = await screen.findByRole("button", { name: "Hide Heat from Continue watching" });
    fireEvent.click(button);
    fireEvent.click(button);
    await waitFor(() => expect(screen.queryByRole("link", { name: "Resume Heat" })).toBeNull());
    expect(hide).toHaveBeenCalledTimes(1);
    expect(hide.mock.calls[0]![0]).toEqual({ profileId: "p1", titleId: "t1" });
  });

  it("an expired session asks to sign in on the page the viewer was on, then shows it", async () => {
    history.replaceState(null, "", "/title/t1");
    let expired = true;
    const refresh = vi.fn<AuthApi["refresh"]>(async () => Promise.reject(new CognitoError("NotAuthorizedException", "Refresh Token has expired")));
    const { api } = setup({
      auth: { refresh, signIn: vi.fn(async () => tokens("viewer-1", [], "refresh-2")) },
      storage: memoryStorage({
        "marquee.session": JSON.stringify(tokens()),
        "marquee.profile.viewer-1": JSON.stringify(profile("p1", "Ana")),
      }),
      handlers: {
        Title: () => (expired ? { status: 401, body: { errors: [{ errorType: "UnauthorizedException", message: "Token has expired." }] } } : { data: { title: { ...title("t1", "Heat"), popularity: 10, averageRating: 4.1, ratingCount: 10, version: 1, updatedAt: "2025-01-01T00:00:00Z" } } }),
        ContinueWatching: () => ({ data: { continueWatching: { items: [], nextToken: null } } }),
        MyList: () => ({ data: { myList: { items: [], nextToken: null } } }),
        TitlesByGenre: () => ({ data: { titlesByGenre: { items: [], nextToken: null } } }),
        RecommendationRows: () => ({ data: null }),
      },
    });

    await screen.findByText("Your session ended. Sign in to carry on where you were.");
    expect(location.pathname).toBe("/title/t1");
    expect(refresh).toHaveBeenCalled();

    expired = false;
    await signIn("viewer@marquee.test", "right");
    await screen.findByRole("heading", { name: "Heat", level: 1 });
    expect(location.pathname).toBe("/title/t1");
    expect(api.calls.filter((call) => call.operationName === "Title").length).toBeGreaterThanOrEqual(2);
  });

  it("shows the editor to the content team only", async () => {
    history.replaceState(null, "", "/editor");
    setup({
      storage: memoryStorage({ "marquee.session": JSON.stringify(tokens("viewer-1")), "marquee.profile.viewer-1": JSON.stringify(profile("p1", "Ana")) }),
      handlers: {},
    });
    await screen.findByRole("heading", { name: "This page is for Marquee's content team" });
    expect(screen.queryByRole("link", { name: "Editor" })).toBeNull();
    cleanup();

    setup({
      storage: memoryStorage({ "marquee.session": JSON.stringify(tokens("editor-1", ["content-team"])), "marquee.profile.editor-1": JSON.stringify(profile("p9", "Ed")) }),
      handlers: {},
    });
    await screen.findByRole("heading", { name: "Title editor" });
    expect(screen.getByRole("link", { name: "Editor" })).toBeTruthy();
  });
});
