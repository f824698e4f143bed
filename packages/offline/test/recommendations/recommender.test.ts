// The recommender against real engines: DynamoDB Local holding a small catalog and the local Personalize
// (@marquee/aws-local) behind the real SDK client. What it must never do: show a title above the profile's
// maturity, show one it finished, read titles one by one, or answer with an error because Personalize
// failed or was slow.
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { GetRecommendationsCommand, PersonalizeRuntimeClient } from "@aws-sdk/client-personalize-runtime";
import { BatchWriteCommand, DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { createServer as createHttpServer } from "node:http";
import { createServer, type Server, type Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDynamoDBLocal, type DynamoDBLocal } from "@marquee/aws-local/engines/dynamodb";
import { ensureTable } from "@marquee/aws-local/engines/provision";
import { tableDefinition } from "@marquee/core/table";
import { freePort } from "@marquee/aws-local/engines/readiness";
import { startLocalPersonalize, type Interaction, type RunningLocalPersonalize } from "@marquee/aws-local/personalize/index";
import { localPersonalizeResources } from "../../src/seed/personalize.ts";
import { genreKeys, mayWatch, progressItem, titleSummaryOf, type ProfileMaturity } from "@marquee/core/appsync";
import { createRecommender, itemMaturity, popularTitleItem, RecommendationsConfig, type RecommendationList } from "@marquee/core/recommendation";
import type { RecommendationsConfig as Config } from "@marquee/core/recommendation/config";
import { Title } from "@marquee/core/title";

const tableName = "recommendations";
const credentials = { accessKeyId: "local", secretAccessKey: "local" };

// Three genres of ten titles, most popular first within each: Children (ALL), Sci-Fi (THIRTEEN_PLUS),
// Horror (EIGHTEEN_PLUS), and one unrated title.
const genres = [
  { genre: "Children", prefix: "c", maturity: "ALL" },
  { genre: "Sci-Fi", prefix: "s", maturity: "THIRTEEN_PLUS" },
  { genre: "Horror", prefix: "h", maturity: "EIGHTEEN_PLUS" },
] as const;
const titles: Title.Info[] = [
  ...genres.flatMap(({ genre, prefix, maturity }, g) =>
    Array.from({ length: 10 }, (_, i) => ({
      titleId: `${prefix}${i}`,
      name: `${genre} ${i}`,
      year: 2000 + i,
      genres: i % 3 === 0 ? [genre, "Adventure"] : [genre],
      maturity,
      // Interleaved: c0 > s0 > h0 > c1 > ...
      popularity: 1000 - i * 30 - g * 10,
      ratingCount: 0,
      ratingSum: 0,
      version: 1,
      createdAt: "2026-01-01T00:00:00.000Z",
      updatedAt: "2026-01-01T00:00:00.000Z",
    })),
  ),
  { titleId: "u0", name: "Unrated", genres: ["Documentary"], maturity: null, popularity: 5, ratingCount: 0, ratingSum: 0, version: 1, createdAt: "2026-01-01T00:00:00.000Z", updatedAt: "2026-01-01T00:00:00.000Z" },
];
const maturityOf = new Map(titles.map((title) => [title.titleId, title.maturity ?? null]));

/** Users who each watch five titles of one genre: whoever watched s0..s2 is shown more Sci-Fi. */
function interactions(): Interaction[] {
  const list: Interaction[] = [];
  let time = 1_700_000_000;
  for (const { prefix } of genres) {
    for (let user = 0; user < 12; user++) {
      for (let k = 0; k < 5; k++) list.push({ userId: `${prefix}-fan-${user}`, itemId: `${prefix}${(user + k * 3) % 10}`, timestamp: time++, eventType: "finish" });
    }
  }
  // The profiles under test: a Sci-Fi adult and a kid who watched Horror (somebody else's account?).
  for (const id of ["s0", "s1", "s2"]) list.push({ userId: "adult", itemId: id, timestamp: time++, eventType: "watch" });
  for (const id of ["h0", "h1", "h2"]) list.push({ userId: "kid", itemId: id, timestamp: time++, eventType: "watch" });
  return list;
}

describe("recommendations against DynamoDB Local and the local Personalize", () => {
  let dynamodb: DynamoDBLocal;
  let base: DynamoDBClient;
  let dynamo: DynamoDBDocumentClient;
  let personalize: RunningLocalPersonalize;
  let runtime: PersonalizeRuntimeClient;
  const requests = new Map<string, number>();
  const resources = localPersonalizeResources("us-east-1");

  beforeAll(async () => {
    dynamodb = await startDynamoDBLocal({ port: await freePort() });
    base = new DynamoDBClient({ endpoint: dynamodb.endpoint, region: "us-east-1", credentials });
    base.middlewareStack.add(
      (next, context) => async (args) => {
        requests.set(context.commandName ?? "?", (requests.get(context.commandName ?? "?") ?? 0) + 1);
        return next(args);
      },
      { step: "initialize" },
    );
    dynamo = DynamoDBDocumentClient.from(base, { marshallOptions: { removeUndefinedValues: true } });
    await ensureTable(base, tableName, tableDefinition);
    const items: Record<string, unknown>[] = [];
    for (const title of titles) {
      const { title: item, genreTitles } = Title.itemsOf(title);
      items.push(item, ...genreTitles, popularTitleItem(title));
    }
    const counts = new Map<string, number>();
    for (const title of titles) for (const genre of title.genres) counts.set(genre, (counts.get(genre) ?? 0) + 1);
    for (const [genre, titleCount] of counts) items.push({ ...genreKeys(genre), genre, titleCount, __edb_e__: "genre", __edb_v__: "1" });
    // The adult finished s3 and c0 in the app; Personalize has not heard of it yet (the stream lags).
    for (const titleId of ["s3", "c0"]) {
      const title = titles.find((candidate) => candidate.titleId === titleId)!;
      const { key, attributes } = progressItem({ accountId: "acc", profileId: "adult", title: titleSummaryOf(title), positionSeconds: 6000, durationSeconds: 6000, eventAt: "2026-02-01T00:00:00.000Z" });
      items.push({ ...key, ...attributes });
    }
    for (let start = 0; start < items.length; start += 25) {
      await dynamo.send(new BatchWriteCommand({ RequestItems: { [tableName]: items.slice(start, start + 25).map((Item) => ({ PutRequest: { Item } })) } }));
    }

    personalize = await startLocalPersonalize({
      ...resources.engine,
      interactions: interactions(),
      items: titles.map((title) => ({ itemId: title.titleId, fields: { MATURITY: itemMaturity(title.maturity), GENRES: title.genres } })),
    });
    runtime = new PersonalizeRuntimeClient({ endpoint: personalize.endpoint, region: "us-east-1", credentials, maxAttempts: 1 });
  }, 120_000);

  afterAll(async () => {
    runtime?.destroy();
    await personalize?.stop();
    base?.destroy();
    await dynamodb?.stop();
  });

  function recommender(config: Partial<Config> | null, options: { client?: PersonalizeRuntimeClient; logs?: Array<Record<string, unknown>> } = {}) {
    const parsed = RecommendationsConfig.parse(config === null ? {} : { ...resources.recommendations, ...config });
    return createRecommender({ dynamo, tableName: () => tableName, personalize: options.client ?? runtime, config: () => parsed, log: (entry) => options.logs?.push(entry) });
  }

  const viewer = (profileId: string, maturity: ProfileMaturity) => ({ profileId, maturity });
  const ids = (list: RecommendationList) => list.items.map((title) => title.titleId);
  const allowed = (list: RecommendationList, maturity: ProfileMaturity) => list.items.every((title) => mayWatch(maturity, maturityOf.get(title.titleId)));

  /** A port that accepts connections and never answers: a Personalize that hangs. */
  async function hangingEndpoint(): Promise<{ endpoint: string; close: () => Promise<void> }> {
    const sockets = new Set<Socket>();
    const server: Server = createServer((socket) => void sockets.add(socket));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const port = (server.address() as { port: number }).port;
    return {
      endpoint: `http://127.0.0.1:${port}`,
      close: () => new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
    };
  }

  /** A Personalize that always answers GetRecommendations with `answer`. */
  async function fixedPersonalize(answer: unknown): Promise<{ endpoint: string; close: () => Promise<void> }> {
    const server = createHttpServer((request, response) => {
      request.resume();
      response.writeHead(200, { "content-type": "application/json" });
      response.end(JSON.stringify(answer));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const port = (server.address() as { port: number }).port;
    return { endpoint: `http://127.0.0.1:${port}`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
  }

  it("answers from Personalize with the titles of ONE BatchGetItem, following the profile's history", async () => {
    requests.clear();
    const list = await recommender({}).recommend("topPicks", { viewer: viewer("adult", "ADULT"), numResults: 5 });
    expect(list.source).toBe("PERSONALIZE");
    expect(list.items).toHaveLength(5);
    // A Sci-Fi viewer gets Sci-Fi first; full titles, not ids.
    expect(list.items[0]!.genres).toContain("Sci-Fi");
    expect(list.items[0]).toMatchObject({ name: expect.stringContaining("Sci-Fi"), popularity: expect.any(Number), createdAt: expect.any(String) });
    expect(requests.get("BatchGetItemCommand")).toBe(1);
    expect(requests.get("GetItemCommand") ?? 0).toBe(0);
    // The profile's progress rides in that BatchGetItem: no Query of its history, however long.
    expect(requests.get("QueryCommand") ?? 0).toBe(0);
    expect([...requests.values()].reduce((sum, count) => sum + count, 0)).toBe(1);
  });

  it("leaves out what the profile finished, even before Personalize hears of it", async () => {
    const raw = await runtime.send(new GetRecommendationsCommand({ recommenderArn: resources.recommendations.topPicks, userId: "adult", numResults: 30 }));
    expect(raw.itemList?.map((item) => item.itemId)).toEqual(expect.arrayContaining(["s3", "c0"]));
    const list = await recommender({}).recommend("topPicks", { viewer: viewer("adult", "ADULT"), numResults: 20 });
    expect(list.source).toBe("PERSONALIZE");
    expect(ids(list)).not.toContain("s3");
    expect(ids(list)).not.toContain("c0");
    // Nor what the engine knows it watched.
    for (const watched of ["s0", "s1", "s2"]) expect(ids(list)).not.toContain(watched);
  });

  it("keeps a kids profile to its maturity through Personalize's filter", async () => {
    const list = await recommender({}).recommend("topPicks", { viewer: viewer("kid", "KIDS"), numResults: 10 });
    expect(list.source).toBe("PERSONALIZE");
    expect(list.items.length).toBeGreaterThan(0);
    expect(allowed(list, "KIDS")).toBe(true);
  });

  it("keeps a kids profile to its maturity even when Personalize is asked without the filter", async () => {
    // Without the filter, the engine offers the Horror this kid watched: the check on the table drops it.
    const raw = await runtime.send(new GetRecommendationsCommand({ recommenderArn: resources.recommendations.moreLikeThis, itemId: "h0", userId: "kid", numResults: 15 }));
    expect(raw.itemList?.some((item) => item.itemId?.startsWith("h"))).toBe(true);
    const list = await recommender({ filterArn: undefined }).recommend("moreLikeThis", { viewer: viewer("kid", "KIDS"), numResults: 5, seed: { titleId: "h0", genres: ["Horror", "Adventure"] } });
    expect(list.items.length).toBeGreaterThan(0);
    expect(allowed(list, "KIDS")).toBe(true);
  });

  it("answers with popular titles, never an empty row, when Personalize offers only what the profile may not see", async () => {
    const fixed = await fixedPersonalize({ itemList: [{ itemId: "h1" }, { itemId: "h2" }, { itemId: "gone" }], recommendationId: "RID-1" });
    const client = new PersonalizeRuntimeClient({ endpoint: fixed.endpoint, region: "us-east-1", credentials, maxAttempts: 1 });
    const logs: Array<Record<string, unknown>> = [];
    const list = await recommender({}, { client, logs }).recommend("topPicks", { viewer: viewer("kid", "KIDS"), numResults: 3 });
    client.destroy();
    await fixed.close();
    expect(list).toMatchObject({ source: "POPULARITY_FALLBACK" });
    expect(ids(list)).toEqual(["c0", "c1", "c2"]);
    expect(logs[0]?.message).toMatch(/nothing the profile may see/);
  });

  it("falls back to the most popular titles the profile may see when Personalize is unreachable", async () => {
    const logs: Array<Record<string, unknown>> = [];
    const dead = new PersonalizeRuntimeClient({ endpoint: `http://127.0.0.1:${await freePort()}`, region: "us-east-1", credentials, maxAttempts: 1 });
    const list = await recommender({}, { client: dead, logs }).recommend("topPicks", { viewer: viewer("adult", "TEEN"), numResults: 6 });
    dead.destroy();
    expect(list.source).toBe("POPULARITY_FALLBACK");
    // Popularity order over ALL..THIRTEEN_PLUS, leaving out c0, which this profile finished.
    expect(ids(list)).toEqual(["s0", "c1", "s1", "c2", "s2", "c3"]);
    expect(logs).toHaveLength(1);
    expect(logs[0]).toMatchObject({ message: expect.stringContaining("Personalize failed"), useCase: "topPicks", error: expect.stringMatching(/ECONNREFUSED/) });
  });

  it("falls back within the deadline when Personalize hangs", async () => {
    const hanging = await hangingEndpoint();
    const slow = new PersonalizeRuntimeClient({ endpoint: hanging.endpoint, region: "us-east-1", credentials, maxAttempts: 1 });
    const logs: Array<Record<string, unknown>> = [];
    const started = performance.now();
    const list = await recommender({ deadlineMs: 150, coldStartDeadlineMs: 150 }, { client: slow, logs }).recommend("trending", { viewer: viewer("adult", "ADULT"), numResults: 3 });
    const elapsed = performance.now() - started;
    slow.destroy();
    await hanging.close();
    expect(list.source).toBe("POPULARITY_FALLBACK");
    expect(ids(list)).toEqual(["s0", "h0", "c1"]);
    expect(elapsed).toBeGreaterThanOrEqual(150);
    expect(elapsed).toBeLessThan(1_500);
    expect(String(logs[0]?.error)).toMatch(/abort/i);
  });

  it("allows a longer wait only until Personalize has answered once (a cold Lambda)", async () => {
    // Answers the first request at once, then hangs.
    let answered = 0;
    const server = createHttpServer((request, response) => {
      request.resume();
      if (answered++ > 0) return;
      response.writeHead(200, { "content-type": "application/json" });
      response.end(JSON.stringify({ itemList: [{ itemId: "s5" }], recommendationId: "RID-1" }));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const client = new PersonalizeRuntimeClient({ endpoint: `http://127.0.0.1:${(server.address() as { port: number }).port}`, region: "us-east-1", credentials, maxAttempts: 1 });
    const once = recommender({ deadlineMs: 100, coldStartDeadlineMs: 5_000 }, { client });
    expect(await once.recommend("topPicks", { viewer: viewer("adult", "ADULT"), numResults: 1 })).toMatchObject({ source: "PERSONALIZE" });
    const started = performance.now();
    expect(await once.recommend("topPicks", { viewer: viewer("adult", "ADULT"), numResults: 1 })).toMatchObject({ source: "POPULARITY_FALLBACK" });
    expect(performance.now() - started).toBeLessThan(2_000);
    client.destroy();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it("uses the table alone, silently, when Personalize is not configured", async () => {
    const logs: Array<Record<string, unknown>> = [];
    const list = await recommender(null, { logs }).recommend("mostPopular", { viewer: viewer("nobody", "KIDS"), numResults: 4 });
    expect(list).toMatchObject({ source: "POPULARITY_FALLBACK" });
    expect(ids(list)).toEqual(["c0", "c1", "c2", "c3"]);
    expect(logs).toEqual([]);
  });

  it("answers 'more like this' without Personalize with titles sharing the seed's genres, most shared first", async () => {
    const list = await recommender(null).recommend("moreLikeThis", { viewer: viewer("nobody", "ADULT"), numResults: 4, seed: { titleId: "s3", genres: ["Sci-Fi", "Adventure"] } });
    expect(list.source).toBe("POPULARITY_FALLBACK");
    expect(ids(list)).not.toContain("s3");
    expect(list.items.every((title) => title.genres.includes("Sci-Fi"))).toBe(true);
    // s0, s6 and s9 share both genres with s3 (Sci-Fi + Adventure): they come first, by popularity.
    expect(ids(list).slice(0, 3)).toEqual(["s0", "s6", "s9"]);
  });

  it("orders trending for the profile with the personalized-ranking campaign when there is one", async () => {
    const ranked = await recommender({}).recommend("trending", { viewer: viewer("adult", "ADULT"), numResults: 8 });
    const plain = await recommender({ personalizedRanking: undefined }).recommend("trending", { viewer: viewer("adult", "ADULT"), numResults: 8 });
    expect(ranked.source).toBe("PERSONALIZE");
    expect(plain.source).toBe("PERSONALIZE");
    // The same trending candidates, the Sci-Fi ones moved up for a Sci-Fi viewer.
    const sciFi = (list: RecommendationList) => ids(list).filter((id) => id.startsWith("s")).length;
    expect(sciFi(ranked)).toBeGreaterThan(sciFi(plain));
    expect(ids(ranked)[0]!.startsWith("s")).toBe(true);
  });

  it("shows unrated titles to adults only", async () => {
    const adult = await recommender(null).recommend("mostPopular", { viewer: viewer("nobody", "ADULT"), numResults: 50 });
    const teen = await recommender(null).recommend("mostPopular", { viewer: viewer("nobody", "TEEN"), numResults: 50 });
    expect(ids(adult)).toContain("u0");
    expect(ids(teen)).not.toContain("u0");
    expect(allowed(teen, "TEEN")).toBe(true);
  });
});
