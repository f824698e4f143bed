// Watch history over the API: recordProgress and its rules, continue watching, hiding, history, My
// List, paging, bad input and maturity. Authorization across accounts: watching-authorization.test.ts.
import { beforeAll, describe, expect, it } from "vitest";
import {
  addToMyList,
  continueWatching,
  createTitle,
  dataOf,
  errorOf,
  hideFromContinueWatching,
  history,
  minutesAgo,
  myList,
  partitionOf,
  recordProgress,
  removeFromHistory,
  removeFromMyList,
  profileIdsOf,
  watcher,
  type As,
  type TestTitle,
} from "./watching-fixtures.ts";

let drama: TestTitle;
let thriller: TestTitle;
let comedy: TestTitle;
let short: TestTitle;
let horror: TestTitle;
let unrated: TestTitle;
let kidsFilm: TestTitle;

beforeAll(async () => {
  [drama, thriller, comedy, short, horror, unrated, kidsFilm] = await Promise.all([
    createTitle({ name: "Long Drama", genres: ["Drama"], maturity: "THIRTEEN_PLUS" }),
    createTitle({ name: "Night Heist", genres: ["Crime", "Thriller"], maturity: "SIXTEEN_PLUS" }),
    createTitle({ name: "Sunny Comedy", genres: ["Comedy"], maturity: "THIRTEEN_PLUS" }),
    createTitle({ name: "A Short", genres: ["Animation"], maturity: "ALL" }),
    createTitle({ name: "The Cellar", genres: ["Horror"], maturity: "EIGHTEEN_PLUS" }),
    createTitle({ name: "Home Movie", genres: ["Documentary"], maturity: null }),
    createTitle({ name: "Puppet Town", genres: ["Children"], maturity: "ALL" }),
  ]);
});

const events = (items: Record<string, unknown>[]) => items.filter((item) => String(item.sk).startsWith("EVENT#"));
const progressOf = (items: Record<string, unknown>[], titleId: string) => items.find((item) => item.sk === `PROGRESS#${titleId}`);

describe("recordProgress", () => {
  it("keeps a resume point between 5% and 90%, lists the title in continue watching and history with its details", async () => {
    const { profileId, as } = await watcher();
    const eventAt = minutesAgo(10);
    const entry = dataOf(await recordProgress({ profileId, titleId: drama.id, positionSeconds: 1800, durationSeconds: 6000, eventAt }, as)).recordProgress;
    expect(entry).toMatchObject({
      title: { id: drama.id, name: "Long Drama", genres: ["Drama"], maturity: "THIRTEEN_PLUS" },
      positionSeconds: 1800,
      durationSeconds: 6000,
      resumeAtSeconds: 1800,
      status: "IN_PROGRESS",
      hidden: false,
      lastWatchedAt: eventAt,
    });
    expect(dataOf(await continueWatching(profileId, as)).continueWatching.items).toEqual([entry]);
    expect(dataOf(await history(profileId, as)).history.items).toEqual([entry]);
  });

  it("writes the progress item and an interaction event in the data model's shape", async () => {
    const { profileId, as } = await watcher();
    const eventAt = "2026-01-10T20:30:00.000Z";
    dataOf(await recordProgress({ profileId, titleId: drama.id, positionSeconds: 5500, durationSeconds: 6000, eventAt }, as));
    const items = await partitionOf(profileId);
    expect(progressOf(items, drama.id)).toMatchObject({ status: "FINISHED", lastEventAt: eventAt, gsi2pk: `HISTORY#${profileId}`, gsi2sk: `${eventAt}#${drama.id}` });
    expect(events(items)).toEqual([
      expect.objectContaining({
        pk: `PROFILE#${profileId}`,
        sk: `EVENT#${eventAt}#${drama.id}#finish`,
        profileId,
        titleId: drama.id,
        eventType: "finish",
        eventAt,
        positionSeconds: 5500,
        durationSeconds: 6000,
        expiresAt: Date.parse(eventAt) / 1000 + 400 * 86_400,
      }),
    ]);
    expect(typeof events(items)[0]!.accountId).toBe("string");
  });

  it("keeps nothing to resume below 5%: in history, not in continue watching", async () => {
    const { profileId, as } = await watcher();
    const entry = dataOf(await recordProgress({ profileId, titleId: drama.id, positionSeconds: 299, durationSeconds: 6000 }, as)).recordProgress;
    expect(entry).toMatchObject({ status: "STARTED", resumeAtSeconds: null, positionSeconds: 299 });
    expect(dataOf(await continueWatching(profileId, as)).continueWatching.items).toEqual([]);
    expect(dataOf(await history(profileId, as)).history.items.map((item) => item.title.id)).toEqual([drama.id]);
    expect(events(await partitionOf(profileId)).map((event) => event.eventType)).toEqual(["watch"]);
  });

  it("counts 90% as finished: the resume point is cleared and the title leaves continue watching", async () => {
    const { profileId, as } = await watcher();
    dataOf(await recordProgress({ profileId, titleId: drama.id, positionSeconds: 3000, durationSeconds: 6000, eventAt: minutesAgo(30) }, as));
    expect(dataOf(await continueWatching(profileId, as)).continueWatching.items).toHaveLength(1);
    const entry = dataOf(await recordProgress({ profileId, titleId: drama.id, positionSeconds: 5400, durationSeconds: 6000, eventAt: minutesAgo(5) }, as)).recordProgress;
    expect(entry).toMatchObject({ status: "FINISHED", resumeAtSeconds: null });
    expect(dataOf(await continueWatching(profileId, as)).continueWatching.items).toEqual([]);
    expect(dataOf(await history(profileId, as)).history.items).toEqual([entry]);
    expect(progressOf(await partitionOf(profileId), drama.id)).not.toHaveProperty("gsi1pk");
  });

  it("never makes a title under 5 minutes resumable", async () => {
    const { profileId, as } = await watcher();
    const entry = dataOf(await recordProgress({ profileId, titleId: short.id, positionSeconds: 150, durationSeconds: 299 }, as)).recordProgress;
    expect(entry).toMatchObject({ status: "STARTED", resumeAtSeconds: null });
    expect(dataOf(await continueWatching(profileId, as)).continueWatching.items).toEqual([]);
  });

  it("moves progress forward, and ignores an older event that arrives late (no error, nothing written)", async () => {
    const { profileId, as } = await watcher();
    const [early, late] = [minutesAgo(20), minutesAgo(10)];
    dataOf(await recordProgress({ profileId, titleId: drama.id, positionSeconds: 1000, durationSeconds: 6000, eventAt: early }, as));
    const moved = dataOf(await recordProgress({ profileId, titleId: drama.id, positionSeconds: 2000, durationSeconds: 6000, eventAt: late }, as)).recordProgress;
    expect(moved).toMatchObject({ positionSeconds: 2000, resumeAtSeconds: 2000, lastWatchedAt: late });
    const before = await partitionOf(profileId);

    const stale = await recordProgress({ profileId, titleId: drama.id, positionSeconds: 1500, durationSeconds: 6000, eventAt: minutesAgo(15) }, as);
    expect(dataOf(stale).recordProgress).toEqual(moved);
    // the same event delivered twice changes nothing either
    expect(dataOf(await recordProgress({ profileId, titleId: drama.id, positionSeconds: 2000, durationSeconds: 6000, eventAt: late }, as)).recordProgress).toEqual(moved);
    expect(await partitionOf(profileId)).toEqual(before);
    expect(dataOf(await continueWatching(profileId, as)).continueWatching.items).toEqual([moved]);
  });

  it("lists continue watching most recently watched first", async () => {
    const { profileId, as } = await watcher();
    dataOf(await recordProgress({ profileId, titleId: drama.id, positionSeconds: 1000, durationSeconds: 6000, eventAt: minutesAgo(30) }, as));
    dataOf(await recordProgress({ profileId, titleId: thriller.id, positionSeconds: 1000, durationSeconds: 6000, eventAt: minutesAgo(20) }, as));
    dataOf(await recordProgress({ profileId, titleId: comedy.id, positionSeconds: 1000, durationSeconds: 6000, eventAt: minutesAgo(25) }, as));
    expect(dataOf(await continueWatching(profileId, as)).continueWatching.items.map((item) => item.title.id)).toEqual([thriller.id, comedy.id, drama.id]);
    // watching the oldest again brings it to the front
    dataOf(await recordProgress({ profileId, titleId: drama.id, positionSeconds: 1100, durationSeconds: 6000, eventAt: minutesAgo(1) }, as));
    expect(dataOf(await continueWatching(profileId, as)).continueWatching.items.map((item) => item.title.id)).toEqual([drama.id, thriller.id, comedy.id]);
    expect(dataOf(await history(profileId, as)).history.items.map((item) => item.title.id)).toEqual([drama.id, thriller.id, comedy.id]);
  });

  it("defaults the event time to now", async () => {
    const { profileId, as } = await watcher();
    const before = Date.now();
    const entry = dataOf(await recordProgress({ profileId, titleId: drama.id, positionSeconds: 1000, durationSeconds: 6000 }, as)).recordProgress!;
    expect(Date.parse(entry.lastWatchedAt)).toBeGreaterThanOrEqual(before - 1000);
    expect(Date.parse(entry.lastWatchedAt)).toBeLessThanOrEqual(Date.now() + 1000);
  });
});

describe("recordProgress refuses bad input with a specific error, writing nothing", () => {
  let profileId: string;
  let as: As;
  beforeAll(async () => {
    ({ profileId, as } = await watcher());
  });

  it.each([
    ["a negative position", { positionSeconds: -1, durationSeconds: 6000 }, "positionSeconds must be a number of seconds, 0 or more (got -1)."],
    ["a position beyond the duration", { positionSeconds: 6001, durationSeconds: 6000 }, "positionSeconds (6001) must not be beyond durationSeconds (6000)."],
    ["a zero duration", { positionSeconds: 0, durationSeconds: 0 }, "durationSeconds must be a number of seconds, more than 0 (got 0)."],
    ["a negative duration", { positionSeconds: 0, durationSeconds: -60 }, "durationSeconds must be a number of seconds, more than 0 (got -60)."],
    ["a duration over 24 hours", { positionSeconds: 10, durationSeconds: 86_401 }, "durationSeconds must be at most 86400 (24 hours) (got 86401)."],
    [
      "an event time in the future",
      { positionSeconds: 10, durationSeconds: 6000, eventAt: new Date(Date.now() + 3_600_000).toISOString() },
      "eventAt must not be in the future (at most 300 seconds ahead of the server's clock).",
    ],
  ])("%s", async (_, fields, message) => {
    const error = errorOf(await recordProgress({ profileId, titleId: drama.id, ...fields }, as), "recordProgress");
    expect(error).toMatchObject({ errorType: "BadRequest", message });
    expect(await partitionOf(profileId)).toEqual([]);
  });

  it("a position that is not a whole number (GraphQL validation)", async () => {
    const response = await recordProgress({ profileId, titleId: drama.id, positionSeconds: 12.5, durationSeconds: 6000 }, as);
    expect(response.body.data ?? null).toBeNull();
    expect(response.body.errors?.[0]?.message).toMatch(/positionSeconds/);
    expect(await partitionOf(profileId)).toEqual([]);
  });

  it("an unparseable event time (AWSDateTime validation)", async () => {
    const response = await recordProgress({ profileId, titleId: drama.id, positionSeconds: 10, durationSeconds: 6000, eventAt: "yesterday" }, as);
    expect(response.body.data ?? null).toBeNull();
    expect(response.body.errors?.[0]?.message).toMatch(/AWSDateTime|eventAt/);
    expect(await partitionOf(profileId)).toEqual([]);
  });

  it("an unknown title", async () => {
    const error = errorOf(await recordProgress({ profileId, titleId: "no-such-title", positionSeconds: 10, durationSeconds: 6000 }, as), "recordProgress");
    expect(error).toMatchObject({ errorType: "NotFound", message: "There is no title no-such-title." });
    expect(await partitionOf(profileId)).toEqual([]);
  });
});

describe("hideFromContinueWatching", () => {
  it("takes the title out of continue watching, keeps it in history, and a new event shows it again", async () => {
    const { profileId, as } = await watcher();
    dataOf(await recordProgress({ profileId, titleId: drama.id, positionSeconds: 1000, durationSeconds: 6000, eventAt: minutesAgo(20) }, as));
    dataOf(await recordProgress({ profileId, titleId: comedy.id, positionSeconds: 1000, durationSeconds: 6000, eventAt: minutesAgo(10) }, as));

    const hidden = dataOf(await hideFromContinueWatching(profileId, drama.id, as)).hideFromContinueWatching;
    expect(hidden).toMatchObject({ title: { id: drama.id }, hidden: true, status: "IN_PROGRESS", resumeAtSeconds: 1000 });
    expect(dataOf(await continueWatching(profileId, as)).continueWatching.items.map((item) => item.title.id)).toEqual([comedy.id]);
    expect(dataOf(await history(profileId, as)).history.items.map((item) => [item.title.id, item.hidden])).toEqual([
      [comedy.id, false],
      [drama.id, true],
    ]);

    const again = dataOf(await recordProgress({ profileId, titleId: drama.id, positionSeconds: 1200, durationSeconds: 6000, eventAt: minutesAgo(1) }, as)).recordProgress;
    expect(again).toMatchObject({ hidden: false, resumeAtSeconds: 1200 });
    expect(dataOf(await continueWatching(profileId, as)).continueWatching.items.map((item) => item.title.id)).toEqual([drama.id, comedy.id]);
  });

  it("is NotFound for a title the profile never watched, writing nothing", async () => {
    const { profileId, as } = await watcher();
    const error = errorOf(await hideFromContinueWatching(profileId, drama.id, as), "hideFromContinueWatching");
    expect(error).toMatchObject({ errorType: "NotFound", message: `There is no title ${drama.id} in this profile's history.` });
    expect(await partitionOf(profileId)).toEqual([]);
  });
});

describe("removeFromHistory", () => {
  it("removes the entry from history and continue watching; removing it again is harmless", async () => {
    const { profileId, as } = await watcher();
    dataOf(await recordProgress({ profileId, titleId: drama.id, positionSeconds: 1000, durationSeconds: 6000, eventAt: minutesAgo(20) }, as));
    dataOf(await recordProgress({ profileId, titleId: comedy.id, positionSeconds: 1000, durationSeconds: 6000, eventAt: minutesAgo(10) }, as));
    expect(dataOf(await removeFromHistory(profileId, drama.id, as)).removeFromHistory).toEqual({ profileId, titleId: drama.id });
    expect(dataOf(await history(profileId, as)).history.items.map((item) => item.title.id)).toEqual([comedy.id]);
    expect(dataOf(await continueWatching(profileId, as)).continueWatching.items.map((item) => item.title.id)).toEqual([comedy.id]);
    expect(progressOf(await partitionOf(profileId), drama.id)).toBeUndefined();
    expect(dataOf(await removeFromHistory(profileId, drama.id, as)).removeFromHistory).toEqual({ profileId, titleId: drama.id });
  });
});

describe("My List", () => {
  it("lists titles newest first with their details; adding twice keeps the first addedAt", async () => {
    const { profileId, as } = await watcher();
    const first = dataOf(await addToMyList(profileId, drama.id, as)).addToMyList!;
    expect(first.title).toMatchObject({ id: drama.id, name: "Long Drama", maturity: "THIRTEEN_PLUS" });
    await new Promise((resolve) => setTimeout(resolve, 5));
    dataOf(await addToMyList(profileId, comedy.id, as));
    await new Promise((resolve) => setTimeout(resolve, 5));
    const twice = dataOf(await addToMyList(profileId, drama.id, as)).addToMyList;
    expect(twice).toEqual(first);
    const page = dataOf(await myList(profileId, as)).myList;
    expect(page.items.map((item) => item.title.id)).toEqual([comedy.id, drama.id]);
    expect(page.items[1]).toEqual(first);
    expect(page.nextToken).toBeNull();
  });

  it("removes a title; removing it again is harmless", async () => {
    const { profileId, as } = await watcher();
    dataOf(await addToMyList(profileId, drama.id, as));
    expect(dataOf(await removeFromMyList(profileId, drama.id, as)).removeFromMyList).toEqual({ profileId, titleId: drama.id });
    expect(dataOf(await myList(profileId, as)).myList.items).toEqual([]);
    expect(dataOf(await removeFromMyList(profileId, drama.id, as)).removeFromMyList).toEqual({ profileId, titleId: drama.id });
    expect(await partitionOf(profileId)).toEqual([]);
  });

  it("refuses an unknown title", async () => {
    const { profileId, as } = await watcher();
    expect(errorOf(await addToMyList(profileId, "no-such-title", as), "addToMyList")).toMatchObject({ errorType: "NotFound", message: "There is no title no-such-title." });
    expect(await partitionOf(profileId)).toEqual([]);
  });
});

describe("paging", () => {
  it("pages history newest first with nextToken", async () => {
    const { profileId, as } = await watcher();
    const titles = [drama, thriller, comedy];
    for (const [index, title] of titles.entries()) {
      dataOf(await recordProgress({ profileId, titleId: title.id, positionSeconds: 1000, durationSeconds: 6000, eventAt: minutesAgo(30 - index) }, as));
    }
    const first = dataOf(await history(profileId, as, { limit: 2 })).history;
    expect(first.items.map((item) => item.title.id)).toEqual([comedy.id, thriller.id]);
    expect(first.nextToken).toEqual(expect.any(String));
    const second = dataOf(await history(profileId, as, { limit: 2, nextToken: first.nextToken! })).history;
    expect(second.items.map((item) => item.title.id)).toEqual([drama.id]);
    expect(second.nextToken).toBeNull();

    const cw = dataOf(await continueWatching(profileId, as, { limit: 1 })).continueWatching;
    expect(cw.items.map((item) => item.title.id)).toEqual([comedy.id]);
    // a token of one list does not continue another
    expect(errorOf(await myList(profileId, as, { nextToken: cw.nextToken! }), "myList").errorType).toBe("BadRequest");
  });

  it.each([0, 51])("refuses limit %i with BadRequest", async (limit) => {
    const { profileId, as } = await watcher();
    for (const [field, response] of [
      ["history", await history(profileId, as, { limit })],
      ["continueWatching", await continueWatching(profileId, as, { limit })],
      ["myList", await myList(profileId, as, { limit })],
    ] as const) {
      expect(errorOf(response, field)).toMatchObject({ errorType: "BadRequest", message: `limit must be between 1 and 50 (got ${limit}).` });
    }
  });
});

describe("maturity", () => {
  it("refuses a kids profile an adult title and an unrated one, writing nothing", async () => {
    const { profileId: kids, as } = await watcher("KIDS");
    for (const title of [horror, thriller, drama, unrated]) {
      const error = errorOf(await recordProgress({ profileId: kids, titleId: title.id, positionSeconds: 600, durationSeconds: 6000 }, as), "recordProgress");
      expect(error).toMatchObject({ errorType: "NotAvailable", message: "This title is not available for this profile." });
      expect(errorOf(await addToMyList(kids, title.id, as), "addToMyList")).toMatchObject({ errorType: "NotAvailable" });
    }
    expect(await partitionOf(kids)).toEqual([]);
    expect(dataOf(await recordProgress({ profileId: kids, titleId: kidsFilm.id, positionSeconds: 600, durationSeconds: 6000 }, as)).recordProgress).toMatchObject({
      status: "IN_PROGRESS",
    });
  });

  it("lets a teen profile watch up to 13+ and an adult one watch unrated titles", async () => {
    const { viewer, profileId: teen, as } = await watcher("TEEN");
    expect(dataOf(await recordProgress({ profileId: teen, titleId: drama.id, positionSeconds: 600, durationSeconds: 6000 }, as)).recordProgress).not.toBeNull();
    expect(errorOf(await recordProgress({ profileId: teen, titleId: thriller.id, positionSeconds: 600, durationSeconds: 6000 }, as), "recordProgress").errorType).toBe("NotAvailable");
    const [adult] = await profileIdsOf(viewer);
    expect(dataOf(await recordProgress({ profileId: adult, titleId: unrated.id, positionSeconds: 600, durationSeconds: 6000 }, as)).recordProgress).not.toBeNull();
  });
});
