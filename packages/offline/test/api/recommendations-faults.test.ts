// Faults, on a stack of its own (the same startStack as `npm start`, in this process) so the local
// Personalize can be stopped and brought back: the viewer keeps getting recommendations, never an error,
// and what they watch while Personalize is down reaches it once it is back, exactly once.
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mayWatch } from "@marquee/core/appsync";
import { signIn } from "@marquee/aws-local/engines/provision";
import { startLocalPersonalize, type RunningLocalPersonalize } from "@marquee/aws-local/personalize/index";
import { demoUsers, startStack, type Stack } from "../../src/stack.ts";

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../../../..");
type Recommendations = { source: string; items: Array<{ id: string; maturity: string | null }> };
type Body<T> = { data?: T | null; errors?: Array<{ message: string; errorType?: string }> };

describe("recommendations when the local Personalize fails", () => {
  let stack: Stack;
  let token: string;
  let profileId: string;
  let kidsProfileId: string;
  let restarted: RunningLocalPersonalize | undefined;

  async function graphql<T>(query: string, variables: Record<string, unknown> = {}): Promise<Body<T>> {
    const response = await fetch(stack.info.graphqlUrl, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: token },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as Body<T>;
  }

  const listQuery = `query ($p: ID!, $t: ID!) {
    topPicks(profileId: $p) { source items { id maturity } }
    becauseYouWatched(profileId: $p, titleId: $t) { source items { id maturity } }
    moreLikeThis(profileId: $p, titleId: $t) { source items { id maturity } }
    trending(profileId: $p) { source items { id maturity } }
    mostPopular(profileId: $p) { source items { id maturity } }
    home(profileId: $p) { topPicks { source items { id maturity } } }
  }`;
  type Lists = Record<"topPicks" | "becauseYouWatched" | "moreLikeThis" | "trending" | "mostPopular", Recommendations> & { home: { topPicks: Recommendations } };
  const everyList = (lists: Lists) => [lists.topPicks, lists.becauseYouWatched, lists.moreLikeThis, lists.trending, lists.mostPopular, lists.home.topPicks];

  beforeAll(async () => {
    stack = await startStack({ repoRoot, persistent: false, seed: "sample" });
    const viewer = demoUsers[0]!;
    token = (await signIn(stack.info.cognitoEndpoint, stack.info.userPoolClientId, viewer.email, viewer.password)).idToken;
    profileId = (await graphql<{ profiles: Array<{ id: string }> }>(`{ profiles { id } }`)).data!.profiles[0]!.id;
    const created = await graphql<{ createProfile: { id: string } }>(`mutation { createProfile(input: { name: "Kid", maturity: KIDS }) { id } }`);
    kidsProfileId = created.data!.createProfile.id;
  }, 240_000);

  afterAll(async () => {
    await restarted?.stop();
    await stack?.stop();
  });

  it("answers from Personalize while it is up", async () => {
    const answer = await graphql<Lists>(listQuery, { p: profileId, t: "ml-1" });
    expect(answer.errors).toBeUndefined();
    for (const list of everyList(answer.data!)) expect(list.source).toBe("PERSONALIZE");
  });

  it("stopped: every list and the home row answer with popular titles, without an error", async () => {
    await stack.personalize!.stop();
    const answer = await graphql<Lists>(listQuery, { p: profileId, t: "ml-1" });
    expect(answer.errors).toBeUndefined();
    for (const list of everyList(answer.data!)) {
      expect(list.source).toBe("POPULARITY_FALLBACK");
      expect(list.items.length).toBeGreaterThan(0);
    }
    // The popular list leaves out what the viewer finished (they finished most of the top titles).
    const finished = await graphql<{ history: { items: Array<{ title: { id: string }; status: string }> } }>(
      `query ($p: ID!) { history(profileId: $p, limit: 50) { items { title { id } status } } }`,
      { p: profileId },
    );
    const done = new Set(finished.data!.history.items.filter((entry) => entry.status === "FINISHED").map((entry) => entry.title.id));
    expect(answer.data!.mostPopular.items.filter((title) => done.has(title.id))).toEqual([]);

    const kids = await graphql<Lists>(listQuery, { p: kidsProfileId, t: "ml-1" });
    expect(kids.errors).toBeUndefined();
    for (const list of everyList(kids.data!)) {
      expect(list.source).toBe("POPULARITY_FALLBACK");
      expect(list.items.filter((title) => !mayWatch("KIDS", title.maturity))).toEqual([]);
    }
  });

  it("stopped: what the viewer watches waits in the stream and reaches Personalize once it is back, once", async () => {
    const previous = stack.personalize!;
    const stream = stack.interactionStream!;
    const failedBefore = stream.stats().failedInvocations;
    const recorded = await graphql(`mutation ($input: RecordProgressInput!) { recordProgress(input: $input) { status } }`, {
      input: { profileId: kidsProfileId, titleId: "ml-1", positionSeconds: 1200, durationSeconds: 4800 },
    });
    expect(recorded.errors).toBeUndefined();
    // The poller keeps retrying the batch: PutEvents cannot reach Personalize.
    await expect.poll(() => stream.stats().failedInvocations, { timeout: 15_000 }).toBeGreaterThanOrEqual(failedBefore + 2);

    // The same Personalize (its data and model) is back on the same endpoint.
    const interactionsBefore = previous.personalize.status().interactions;
    restarted = await startLocalPersonalize({ port: previous.port, personalize: previous.personalize });
    await stream.caughtUp(20_000);
    expect(previous.personalize.status().interactions).toBe(interactionsBefore + 1);
    await stream.caughtUp(5_000);
    expect(previous.personalize.status().interactions).toBe(interactionsBefore + 1);

    // Personalize answers again (the first calls open new connections: allow them a moment).
    await expect
      .poll(async () => {
        const answer = await graphql<Lists>(listQuery, { p: profileId, t: "ml-1" });
        expect(answer.errors).toBeUndefined();
        return everyList(answer.data!).map((list) => list.source);
      }, { timeout: 10_000 })
      .toEqual(Array(6).fill("PERSONALIZE"));
  });
});
