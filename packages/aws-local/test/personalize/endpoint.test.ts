// The local Personalize through the real SDK clients, as Marquee's code will call it.
import {
  GetPersonalizedRankingCommand,
  GetRecommendationsCommand,
  PersonalizeRuntimeClient,
  type GetRecommendationsCommandInput,
} from "@aws-sdk/client-personalize-runtime";
import { PersonalizeEventsClient, PutEventsCommand, PutItemsCommand, type PutEventsCommandInput } from "@aws-sdk/client-personalize-events";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LocalPersonalize, startLocalPersonalize, type RunningLocalPersonalize } from "../../src/personalize/index.ts";
import { arn, clientConfig, clusterOf, clusteredInteractions, clusteredItems, seeded } from "./helpers.ts";

const topPicks = arn("recommender/top-picks");
const moreLikeX = arn("recommender/more-like-x");
const becauseYouWatched = arn("recommender/because-you-watched");
const mostPopular = arn("recommender/most-popular");
const trendingNow = arn("recommender/trending-now");
const userPersonalization = arn("campaign/user-personalization");
const ranking = arn("campaign/ranking");
const similarItems = arn("campaign/similar-items");
const unwatched = arn("filter/unwatched");
const byMaturity = arn("filter/by-maturity");
const unwatchedByMaturity = arn("filter/unwatched-by-maturity");
const itemsDataset = arn("dataset/marquee/ITEMS");
const trackingId = "tracker-1";

const config = {
  recommenders: {
    [topPicks]: "top-picks",
    [moreLikeX]: "more-like-x",
    [becauseYouWatched]: "because-you-watched",
    [mostPopular]: "most-popular",
    [trendingNow]: "trending-now",
  },
  campaigns: { [userPersonalization]: "user-personalization", [ranking]: "personalized-ranking", [similarItems]: "similar-items" },
  filters: {
    [unwatched]: 'EXCLUDE ItemID WHERE Interactions.EVENT_TYPE IN ("finished")',
    [byMaturity]: "INCLUDE ItemID WHERE Items.MATURITY IN ($MATURITY)",
    [unwatchedByMaturity]: 'EXCLUDE ItemID WHERE Interactions.EVENT_TYPE IN ("finished") | INCLUDE ItemID WHERE Items.MATURITY IN ($MATURITY)',
  },
  trackingIds: [trackingId],
  itemsDatasetArn: itemsDataset,
  model: { lambda: 5, minItemUsers: 1, trendingWindowSeconds: 10 },
} as const;

let local: RunningLocalPersonalize;
let runtime: PersonalizeRuntimeClient;
let events: PersonalizeEventsClient;
const interactions = clusteredInteractions();

beforeAll(async () => {
  local = await startLocalPersonalize({ ...config, retrainAfterEvents: 1_000_000, interactions, items: clusteredItems() });
  runtime = new PersonalizeRuntimeClient(clientConfig(local.endpoint));
  events = new PersonalizeEventsClient(clientConfig(local.endpoint));
});
afterAll(async () => {
  runtime?.destroy();
  events?.destroy();
  await local?.stop();
});

const recommend = async (input: GetRecommendationsCommandInput) => (await runtime.send(new GetRecommendationsCommand(input))).itemList?.map((item) => item.itemId!) ?? [];
const historyOf = (userId: string) => interactions.filter((interaction) => interaction.userId === userId).map((interaction) => interaction.itemId);

/** The exception the SDK raised: its class name, HTTP status and message. */
async function failure(send: () => Promise<unknown>): Promise<{ name: string; status: number | undefined; message: string }> {
  try {
    await send();
  } catch (error) {
    const { name, message, $metadata } = error as Error & { $metadata?: { httpStatusCode?: number } };
    return { name, status: $metadata?.httpStatusCode, message };
  }
  throw new Error("expected the call to fail");
}

describe("GetRecommendations", () => {
  it("trained the first model before answering", () => {
    expect(local.model).toMatchObject({ version: 1, interactions: interactions.length, modelItems: 30, training: false });
  });

  it("recommends a user's cluster first, leaving out what they already watched (top picks)", async () => {
    const response = await runtime.send(new GetRecommendationsCommand({ recommenderArn: topPicks, userId: "b-user-3", numResults: 5 }));
    const ids = response.itemList!.map((item) => item.itemId!);
    expect(ids.map(clusterOf)).toEqual(["B", "B", "B", "B", "B"]);
    expect(ids.filter((id) => historyOf("b-user-3").includes(id))).toEqual([]);
    expect(response.recommendationId).toMatch(/^RID-/);
    const scores = response.itemList!.map((item) => item.score!);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  });

  it("returns 25 items by default, and the same answer from a user-personalization campaign", async () => {
    const fromRecommender = await recommend({ recommenderArn: topPicks, userId: "c-user-0" });
    expect(fromRecommender).toHaveLength(25);
    expect(await recommend({ campaignArn: userPersonalization, userId: "c-user-0" })).toEqual(fromRecommender);
  });

  it("finds related items for more like X and because you watched X, the sequel first", async () => {
    for (const recommenderArn of [moreLikeX, becauseYouWatched]) {
      const ids = await recommend({ recommenderArn, itemId: "A0", numResults: 4 });
      expect(ids[0]).toBe("A1");
      expect(ids.map(clusterOf)).toEqual(["A", "A", "A", "A"]);
    }
    expect((await recommend({ campaignArn: similarItems, itemId: "A0", numResults: 1 }))[0]).toBe("A1");
  });

  it("leaves the user's own items out of related items when a userId is given", async () => {
    const watcher = interactions.find((interaction) => interaction.itemId === "A1")!.userId;
    const ids = await recommend({ recommenderArn: moreLikeX, itemId: "A0", userId: watcher, numResults: 10 });
    expect(ids).not.toContain("A1");
    expect(ids.filter((id) => historyOf(watcher).includes(id))).toEqual([]);
  });

  it("ranks most popular by interaction count", async () => {
    const counts = new Map<string, number>();
    for (const interaction of interactions) counts.set(interaction.itemId, (counts.get(interaction.itemId) ?? 0) + 1);
    const ids = await recommend({ recommenderArn: mostPopular, numResults: 10 });
    const values = ids.map((id) => counts.get(id)!);
    expect(values).toEqual([...counts.values()].sort((a, b) => b - a).slice(0, 10));
  });

  it("ranks trending by the recent window first", async () => {
    // The window is 10 s before the newest interaction: the last 10 interactions of the import (all cluster C).
    const recent = new Set(interactions.slice(-10).map((interaction) => interaction.itemId));
    const ids = await recommend({ recommenderArn: trendingNow, numResults: recent.size });
    expect(new Set(ids)).toEqual(recent);
  });

  it("falls back to popular items for a user or an item it has never seen (cold start)", async () => {
    const popular = await recommend({ recommenderArn: mostPopular, numResults: 5 });
    expect(await recommend({ recommenderArn: topPicks, userId: "someone-new", numResults: 5 })).toEqual(popular);
    const related = await recommend({ recommenderArn: moreLikeX, itemId: "not-in-the-catalog", numResults: 5 });
    expect(related).toEqual(popular);
  });
});

describe("GetPersonalizedRanking", () => {
  it("orders the input by the user's taste, items it does not know last in input order", async () => {
    const response = await runtime.send(
      new GetPersonalizedRankingCommand({ campaignArn: ranking, userId: "b-user-3", inputList: ["unknown-2", "A3", "B8", "C4", "B9", "unknown-1"] }),
    );
    const ids = response.personalizedRanking!.map((item) => item.itemId!);
    expect(ids.slice(0, 2).map(clusterOf).sort()).toEqual(["B", "B"]);
    expect(ids.slice(4)).toEqual(["unknown-2", "unknown-1"]);
    expect(response.recommendationId).toMatch(/^RID-/);
  });
});

describe("filters, end to end", () => {
  /** What viewer-1 watched (finished or not) through PutEvents. */
  let viewerHistory: string[] = [];

  it("leaves out what the user finished, reported through PutEvents", async () => {
    const before = await recommend({ recommenderArn: mostPopular, numResults: 3, userId: "viewer-1", filterArn: unwatched });
    await events.send(
      new PutEventsCommand({
        trackingId,
        sessionId: "session-1",
        userId: "viewer-1",
        eventList: [
          { eventType: "finished", itemId: before[0], sentAt: new Date() },
          { eventType: "watch", itemId: before[1], sentAt: new Date() },
        ],
      }),
    );
    const after = await recommend({ recommenderArn: mostPopular, numResults: 3, userId: "viewer-1", filterArn: unwatched });
    expect(after).not.toContain(before[0]);
    expect(after).toContain(before[1]);
    viewerHistory = before.slice(0, 2);
  });

  it("includes only the maturity levels passed in filterValues", async () => {
    const ids = await recommend({ recommenderArn: mostPopular, numResults: 10, filterArn: byMaturity, filterValues: { MATURITY: '"ALL"' } });
    expect(ids).toHaveLength(10);
    // Even-numbered items are rated ALL in the synthetic catalog.
    expect(ids.every((id) => Number(id.slice(1)) % 2 === 0)).toBe(true);
  });

  it("chains both in one filter, for personalized lists too", async () => {
    const ids = await recommend({ recommenderArn: topPicks, userId: "viewer-1", numResults: 30, filterArn: unwatchedByMaturity, filterValues: { MATURITY: '"ALL"' } });
    const rated = (id: string) => Number(id.slice(1)) % 2 === 0;
    // All 15 items rated ALL, but for those the viewer already watched (top picks leave them out too).
    expect(viewerHistory).toHaveLength(2);
    expect(ids).toHaveLength(15 - viewerHistory.filter(rated).length);
    expect(ids.every(rated)).toBe(true);
    expect(ids.filter((id) => viewerHistory.includes(id))).toEqual([]);
  });

  it("follows PutItems: changed metadata changes what the filter lets through", async () => {
    await events.send(new PutItemsCommand({ datasetArn: itemsDataset, items: [{ itemId: "A1", properties: JSON.stringify({ maturity: "ALL", genres: "A|Odd" }) }] }));
    const ids = await recommend({ recommenderArn: moreLikeX, itemId: "A0", numResults: 1, filterArn: byMaturity, filterValues: { MATURITY: '"ALL"' } });
    expect(ids).toEqual(["A1"]);
  });
});

describe("bad input, as the SDK sees it", () => {
  const invalid = { name: "InvalidInputException", status: 400 };
  const notFound = { name: "ResourceNotFoundException", status: 404 };

  it.each<[string, GetRecommendationsCommandInput, { name: string; status: number }, RegExp]>([
    ["an unknown recommender", { recommenderArn: arn("recommender/nope"), userId: "u" }, notFound, /recommender .*nope does not exist/],
    ["an unknown campaign", { campaignArn: arn("campaign/nope"), userId: "u" }, notFound, /campaign .*nope does not exist/],
    ["a recommender ARN passed as a campaign", { campaignArn: topPicks, userId: "u" }, notFound, /does not exist/],
    ["an unknown filter", { recommenderArn: mostPopular, filterArn: arn("filter/nope") }, notFound, /filter .*nope does not exist/],
    ["a malformed ARN", { recommenderArn: "top-picks", userId: "u" }, invalid, /is not a Personalize ARN/],
    ["numResults 0", { recommenderArn: mostPopular, numResults: 0 }, invalid, /numResults must be an integer from 1 to 500, got 0/],
    ["numResults 501", { recommenderArn: mostPopular, numResults: 501 }, invalid, /got 501/],
    ["top picks without a userId", { recommenderArn: topPicks }, invalid, /userId is required/],
    ["more like X without an itemId", { recommenderArn: moreLikeX, userId: "u" }, invalid, /itemId is required/],
    ["both a campaign and a recommender", { recommenderArn: topPicks, campaignArn: userPersonalization, userId: "u" }, invalid, /not both/],
    ["neither a campaign nor a recommender", { userId: "u" }, invalid, /campaignArn or recommenderArn is required/],
    ["a ranking campaign", { campaignArn: ranking, userId: "u" }, invalid, /call GetPersonalizedRanking/],
    ["malformed filter values", { recommenderArn: mostPopular, filterArn: byMaturity, filterValues: { MATURITY: "ALL" } }, invalid, /filterValues.MATURITY is malformed/],
    ["an INCLUDE filter without its values", { recommenderArn: mostPopular, filterArn: byMaturity }, invalid, /needs filterValues for \$MATURITY/],
    ["a value for a parameter the filter lacks", { recommenderArn: mostPopular, filterArn: unwatched, filterValues: { GENRE: '"x"' } }, invalid, /not a parameter of this filter/],
    ["filter values without a filter", { recommenderArn: mostPopular, filterValues: { MATURITY: '"ALL"' } }, invalid, /filterValues needs a filterArn/],
  ])("GetRecommendations with %s", async (_, input, expected, message) => {
    const error = await failure(() => runtime.send(new GetRecommendationsCommand(input)));
    expect(error).toMatchObject(expected);
    expect(error.message).toMatch(message);
  });

  it("GetPersonalizedRanking on a campaign that does not rank, or with more than 500 items", async () => {
    expect(await failure(() => runtime.send(new GetPersonalizedRankingCommand({ campaignArn: userPersonalization, userId: "u", inputList: ["A1"] })))).toMatchObject({
      ...invalid,
      message: expect.stringMatching(/personalized-ranking recipe/),
    });
    const inputList = Array.from({ length: 501 }, (_, index) => `item-${index}`);
    expect(await failure(() => runtime.send(new GetPersonalizedRankingCommand({ campaignArn: ranking, userId: "u", inputList })))).toMatchObject({
      ...invalid,
      message: expect.stringMatching(/at most 500/),
    });
  });

  it("PutEvents with an unknown tracking ID, too many events or an event without sentAt", async () => {
    const event = { eventType: "watch", itemId: "A1", sentAt: new Date() };
    expect(await failure(() => events.send(new PutEventsCommand({ trackingId: "nope", sessionId: "s", eventList: [event] })))).toMatchObject(notFound);
    const eleven = Array.from({ length: 11 }, () => event);
    expect(await failure(() => events.send(new PutEventsCommand({ trackingId, sessionId: "s", eventList: eleven })))).toMatchObject({
      ...invalid,
      message: expect.stringMatching(/1 to 10 events/),
    });
    const noSentAt = [{ eventType: "watch", itemId: "A1" }] as unknown as PutEventsCommandInput["eventList"];
    expect(await failure(() => events.send(new PutEventsCommand({ trackingId, sessionId: "s", eventList: noSentAt })))).toMatchObject({
      ...invalid,
      message: expect.stringMatching(/sentAt is required/),
    });
  });

  it("PutItems into an unknown dataset", async () => {
    const error = await failure(() => events.send(new PutItemsCommand({ datasetArn: arn("dataset/other/ITEMS"), items: [{ itemId: "A1" }] })));
    expect(error).toMatchObject(notFound);
  });

  it("answers unknown routes and bodies that are not JSON like a restJson1 service", async () => {
    const unknown = await fetch(`${local.endpoint}/nothing-here`, { method: "POST", body: "{}" });
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get("x-amzn-errortype")).toBe("UnknownOperationException");
    const garbage = await fetch(`${local.endpoint}/recommendations`, { method: "POST", body: "{not json" });
    expect(garbage.status).toBe(400);
    expect(await garbage.json()).toMatchObject({ __type: "SerializationException" });
  });
});

describe("configuration", () => {
  it("refuses a malformed filter expression as CreateFilter would, naming the filter", () => {
    expect(() => new LocalPersonalize({ filters: { [unwatched]: 'EXCLUDE ItemID WHERE Interactions.EVENT_TYPE IN ("finished"' } })).toThrow(
      /Filter .*filter\/unwatched: Invalid filter expression at column \d+: expected "\)"/,
    );
  });

  it("refuses what is not a Personalize ARN, and unknown use cases", () => {
    expect(() => new LocalPersonalize({ recommenders: { "top-picks": "top-picks" } })).toThrow(/"top-picks" is not a Personalize ARN/);
    expect(() => new LocalPersonalize({ recommenders: { [topPicks]: "best-of" as "top-picks" } })).toThrow(/unknown use case "best-of"/);
  });
});

describe("configuration through the environment", () => {
  it("reaches the endpoint via AWS_ENDPOINT_URL_PERSONALIZE_RUNTIME and _EVENTS", async () => {
    const saved = { runtime: process.env.AWS_ENDPOINT_URL_PERSONALIZE_RUNTIME, events: process.env.AWS_ENDPOINT_URL_PERSONALIZE_EVENTS };
    process.env.AWS_ENDPOINT_URL_PERSONALIZE_RUNTIME = local.endpoint;
    process.env.AWS_ENDPOINT_URL_PERSONALIZE_EVENTS = local.endpoint;
    const { endpoint: _, ...withoutEndpoint } = clientConfig(local.endpoint);
    const fromEnvironment = new PersonalizeRuntimeClient(withoutEndpoint);
    const eventsFromEnvironment = new PersonalizeEventsClient(withoutEndpoint);
    try {
      const response = await fromEnvironment.send(new GetRecommendationsCommand({ recommenderArn: mostPopular, numResults: 2 }));
      expect(response.itemList).toHaveLength(2);
      await eventsFromEnvironment.send(new PutEventsCommand({ trackingId, sessionId: "s", eventList: [{ eventType: "watch", itemId: "A2", sentAt: new Date() }] }));
    } finally {
      fromEnvironment.destroy();
      eventsFromEnvironment.destroy();
      for (const [name, value] of [["AWS_ENDPOINT_URL_PERSONALIZE_RUNTIME", saved.runtime], ["AWS_ENDPOINT_URL_PERSONALIZE_EVENTS", saved.events]] as const) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    }
  });
});

describe("learning from events in the background", () => {
  let learner: RunningLocalPersonalize;
  let learnerEvents: PersonalizeEventsClient;
  let learnerRuntime: PersonalizeRuntimeClient;
  beforeAll(async () => {
    learner = await startLocalPersonalize({ ...config, retrainAfterEvents: 12, interactions, items: clusteredItems() });
    learnerEvents = new PersonalizeEventsClient(clientConfig(learner.endpoint));
    learnerRuntime = new PersonalizeRuntimeClient(clientConfig(learner.endpoint));
  });
  afterAll(async () => {
    learnerEvents?.destroy();
    learnerRuntime?.destroy();
    await learner?.stop();
  });

  const watch = (userId: string, itemIds: string[], eventIds?: string[]) =>
    learnerEvents.send(
      new PutEventsCommand({
        trackingId,
        sessionId: `session-${userId}`,
        userId,
        eventList: itemIds.map((itemId, index) => ({ eventType: "watch", itemId, sentAt: new Date(), eventId: eventIds?.[index] })),
      }),
    );

  it("personalizes at once from a new event, before any retraining", async () => {
    const topFor = async (userId: string) =>
      (await learnerRuntime.send(new GetRecommendationsCommand({ recommenderArn: topPicks, userId, numResults: 5 }))).itemList!.map((item) => item.itemId!);
    const before = await topFor("c-user-2");
    expect(before.map(clusterOf)).toEqual(["C", "C", "C", "C", "C"]);
    await watch("c-user-2", [before[0]!]);
    const after = await topFor("c-user-2");
    expect(after).not.toContain(before[0]);
    expect(after.slice(0, 4)).toEqual(expect.arrayContaining(before.slice(1, 4)));
    expect(learner.personalize.status().version).toBe(1);
  });

  it("counts a retried batch once (same eventIds)", async () => {
    await watch("repeat-viewer", ["A2", "A3"], ["event-1", "event-2"]);
    await watch("repeat-viewer", ["A2", "A3"], ["event-1", "event-2"]);
    // One event from the test above, then two distinct ones.
    expect(learner.personalize.status()).toMatchObject({ version: 1, pendingEvents: 3, training: false });
  });

  it("retrains once enough new events arrived, and then knows the new items", async () => {
    const moreLikeNew = () => learnerRuntime.send(new GetRecommendationsCommand({ recommenderArn: moreLikeX, itemId: "D0", numResults: 3 }));
    // A new cluster D that the first model never saw: "more like D0" can only fall back to popular items.
    expect((await moreLikeNew()).itemList!.map((item) => clusterOf(item.itemId!))).not.toContain("D");
    for (const viewer of ["d-1", "d-2", "d-3"]) await watch(viewer, ["D0", "D1", "D2", "D3"]);
    // 3 earlier + 12 new events crossed retrainAfterEvents (12): a run started without anyone asking.
    expect(learner.personalize.status().training).toBe(true);
    await learner.personalize.whenIdle();
    expect(learner.personalize.status()).toMatchObject({ version: 2, pendingEvents: 0, modelItems: 34, lastError: null });
    expect((await moreLikeNew()).itemList!.map((item) => item.itemId)).toEqual(expect.arrayContaining(["D1", "D2", "D3"]));
  });
});

describe("a failed training run", () => {
  it("keeps the previous model serving and reports the error", async () => {
    const failing = await startLocalPersonalize({ ...config, interactions, items: clusteredItems() });
    const client = new PersonalizeRuntimeClient(clientConfig(failing.endpoint));
    try {
      const before = await client.send(new GetRecommendationsCommand({ recommenderArn: topPicks, userId: "a-user-1", numResults: 5 }));
      // A negative lambda makes XᵀX + λI indefinite: the worker's inverse refuses it.
      await expect(failing.personalize.retrain({ lambda: -1e6 })).rejects.toThrow(/not positive definite/);
      expect(failing.personalize.status()).toMatchObject({ version: 1, training: false, lastError: expect.stringMatching(/not positive definite/) });
      const after = await client.send(new GetRecommendationsCommand({ recommenderArn: topPicks, userId: "a-user-1", numResults: 5 }));
      expect(after.itemList).toEqual(before.itemList);
      await failing.personalize.retrain();
      expect(failing.personalize.status()).toMatchObject({ version: 2, lastError: null });
    } finally {
      client.destroy();
      await failing.stop();
    }
  });
});

describe("training never blocks requests", () => {
  it("answers GetRecommendations while a large model trains in the worker", async () => {
    // 1,200 items: a training run that takes long enough to overlap a request.
    const random = seeded(11);
    const many = Array.from({ length: 12_000 }, (_, index) => ({
      userId: `user-${index % 800}`,
      itemId: `item-${Math.floor(random() * 1200)}`,
      timestamp: 1_600_000_000 + index,
    }));
    const busy = await startLocalPersonalize({ recommenders: { [mostPopular]: "most-popular" }, model: { minItemUsers: 1 }, interactions: many.slice(0, 100) });
    const client = new PersonalizeRuntimeClient(clientConfig(busy.endpoint));
    try {
      busy.personalize.importInteractions(many);
      const training = busy.personalize.retrain();
      const response = await client.send(new GetRecommendationsCommand({ recommenderArn: mostPopular, numResults: 3 }));
      expect(response.itemList).toHaveLength(3);
      // Answered by the previous model while the new one was still training.
      expect(busy.personalize.status()).toMatchObject({ training: true, version: 1 });
      expect((await training).version).toBe(2);
    } finally {
      client.destroy();
      await busy.stop();
    }
  });
});
