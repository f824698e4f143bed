// The watch-progress rules (history/rules.ts), the items they write (history/items.ts) and the choice
// of home genre rows (history/home.ts).
import { describe, expect, it } from "vitest";
import { pickGenreRows } from "../src/history/home.ts";
import { interactionItem, myListItem, progressItem, titleSummaryOf, type TitleSummary } from "../src/history/items.ts";
import { classifyProgress, interactionExpiresAt, progressEventProblem, progressRules } from "../src/history/rules.ts";

const now = Date.parse("2026-03-01T20:00:00.000Z");
const event = (positionSeconds: number, durationSeconds: number, eventAtEpochMillis: number | null = now) => ({ positionSeconds, durationSeconds, eventAtEpochMillis });

describe("classifyProgress", () => {
  it("keeps no resume point below 5% watched", () => {
    expect(classifyProgress(0, 6000)).toEqual({ status: "STARTED", resumeAtSeconds: null });
    expect(classifyProgress(299, 6000)).toEqual({ status: "STARTED", resumeAtSeconds: null });
  });

  it("resumes from 5% up to just below 90%", () => {
    expect(classifyProgress(300, 6000)).toEqual({ status: "IN_PROGRESS", resumeAtSeconds: 300 });
    expect(classifyProgress(5399, 6000)).toEqual({ status: "IN_PROGRESS", resumeAtSeconds: 5399 });
  });

  it("counts 90% and beyond as finished, with no resume point", () => {
    expect(classifyProgress(5400, 6000)).toEqual({ status: "FINISHED", resumeAtSeconds: null });
    expect(classifyProgress(6000, 6000)).toEqual({ status: "FINISHED", resumeAtSeconds: null });
  });

  it("never resumes a title under 5 minutes, but still finishes it", () => {
    expect(classifyProgress(150, 299)).toEqual({ status: "STARTED", resumeAtSeconds: null });
    expect(classifyProgress(150, 300)).toEqual({ status: "IN_PROGRESS", resumeAtSeconds: 150 });
    expect(classifyProgress(280, 299)).toEqual({ status: "FINISHED", resumeAtSeconds: null });
  });

  it("takes other thresholds as configuration", () => {
    const strict = { ...progressRules, resumableFromFraction: 0.2, finishedFromFraction: 0.5 };
    expect(classifyProgress(1000, 6000, strict).status).toBe("STARTED");
    expect(classifyProgress(1500, 6000, strict).status).toBe("IN_PROGRESS");
    expect(classifyProgress(3000, 6000, strict).status).toBe("FINISHED");
  });
});

describe("progressEventProblem", () => {
  it("accepts a position within the title, now or in the past", () => {
    expect(progressEventProblem(event(0, 1), now)).toBeNull();
    expect(progressEventProblem(event(6000, 6000, now - 86_400_000), now)).toBeNull();
    expect(progressEventProblem(event(10, 86_400), now)).toBeNull();
  });

  it.each([
    [event(-1, 6000), /positionSeconds must be a number of seconds, 0 or more \(got -1\)/],
    [event(Number.NaN, 6000), /positionSeconds must be a number.*got NaN/],
    [event(10, 0), /durationSeconds must be .*more than 0 \(got 0\)/],
    [event(0, -5), /durationSeconds must be .*more than 0 \(got -5\)/],
    [event(10, Number.NaN), /durationSeconds .*got NaN/],
    [event(10, 86_401), /durationSeconds must be at most 86400 \(24 hours\)/],
    [event(6001, 6000), /positionSeconds \(6001\) must not be beyond durationSeconds \(6000\)/],
    [event(10, 6000, null), /eventAt must be an ISO 8601 date-time/],
    [event(10, 6000, now + 5 * 60_000 + 1), /eventAt must not be in the future/],
  ])("refuses %j", (bad, message) => {
    expect(progressEventProblem(bad, now)).toMatch(message);
  });

  it("tolerates 5 minutes of clock skew", () => {
    expect(progressEventProblem(event(10, 6000, now + 5 * 60_000), now)).toBeNull();
  });
});

const title: TitleSummary = titleSummaryOf({
  titleId: "heat-1995",
  name: "Heat",
  year: 1995,
  genres: ["Action", "Crime", "Thriller"],
  maturity: "SIXTEEN_PLUS",
  popularity: 104,
  ratingCount: 104,
  ratingSum: 404,
  version: 2,
  createdAt: "2026-01-01T00:00:00.000Z",
  updatedAt: "2026-01-02T00:00:00.000Z",
});

describe("titleSummaryOf", () => {
  it("keeps the summary fields and leaves absent values absent", () => {
    const extra = { pk: "TITLE#x", sk: "TITLE", __edb_e__: "title" };
    const summary = titleSummaryOf({ ...extra, titleId: "x", name: "X", year: null, maturity: null, createdAt: "a", updatedAt: "b" } as Parameters<typeof titleSummaryOf>[0]);
    expect(summary).toEqual({ titleId: "x", name: "X", genres: [], popularity: 0, ratingCount: 0, ratingSum: 0, version: 1, createdAt: "a", updatedAt: "b" });
  });
});

describe("progressItem", () => {
  const base = { accountId: "sub-1", profileId: "p1", title, durationSeconds: 6000, eventAt: "2026-03-01T19:00:00.000Z" };

  it("puts a resumable entry in continue watching (gsi1) and history (gsi2), with its title", () => {
    const { key, attributes } = progressItem({ ...base, positionSeconds: 1200 });
    expect(key).toEqual({ pk: "PROFILE#p1", sk: "PROGRESS#heat-1995" });
    expect(attributes).toMatchObject({
      profileId: "p1",
      accountId: "sub-1",
      titleId: "heat-1995",
      title,
      status: "IN_PROGRESS",
      resumeAtSeconds: 1200,
      hidden: false,
      lastWatchedAt: base.eventAt,
      lastEventAt: base.eventAt,
      gsi1pk: "CW#p1",
      gsi1sk: base.eventAt,
      gsi2pk: "HISTORY#p1",
      gsi2sk: `${base.eventAt}#heat-1995`,
    });
  });

  it.each([
    ["barely started", 10],
    ["finished", 5500],
  ])("keeps a %s entry out of continue watching, with no resume point, but in history", (_, positionSeconds) => {
    const { attributes } = progressItem({ ...base, positionSeconds });
    expect(attributes).not.toHaveProperty("gsi1pk");
    expect(attributes).not.toHaveProperty("gsi1sk");
    expect(attributes).not.toHaveProperty("resumeAtSeconds");
    expect(attributes.gsi2pk).toBe("HISTORY#p1");
  });
});

describe("interactionItem", () => {
  it("records a watch event kept 400 days, keyed by time, title and type", () => {
    const eventAt = "2026-03-01T19:00:00.000Z";
    const { key, attributes } = interactionItem({ accountId: "sub-1", profileId: "p1", titleId: "heat-1995", positionSeconds: 1200, durationSeconds: 6000, eventAt, eventAtEpochMillis: Date.parse(eventAt) });
    expect(key).toEqual({ pk: "PROFILE#p1", sk: `EVENT#${eventAt}#heat-1995#watch` });
    expect(attributes).toMatchObject({ profileId: "p1", accountId: "sub-1", titleId: "heat-1995", eventType: "watch", eventAt, positionSeconds: 1200, durationSeconds: 6000 });
    expect(attributes.expiresAt).toBe(Date.parse("2027-04-05T19:00:00.000Z") / 1000);
    expect(interactionExpiresAt(Date.parse(eventAt) + 999)).toBe(attributes.expiresAt);
  });

  it("records a finish event from 90%", () => {
    const eventAt = "2026-03-01T19:00:00.000Z";
    const { key, attributes } = interactionItem({ accountId: "a", profileId: "p1", titleId: "t", positionSeconds: 5400, durationSeconds: 6000, eventAt, eventAtEpochMillis: Date.parse(eventAt) });
    expect(attributes.eventType).toBe("finish");
    expect(key.sk).toBe(`EVENT#${eventAt}#t#finish`);
  });
});

describe("myListItem", () => {
  it("lists the title newest first through gsi1", () => {
    const addedAt = "2026-03-01T19:00:00.000Z";
    expect(myListItem({ accountId: "sub-1", profileId: "p1", title, addedAt })).toEqual({
      key: { pk: "PROFILE#p1", sk: "LIST#heat-1995" },
      attributes: expect.objectContaining({ accountId: "sub-1", titleId: "heat-1995", title, addedAt, gsi1pk: "LIST#p1", gsi1sk: addedAt }),
    });
  });
});

describe("pickGenreRows", () => {
  it("orders the watched genres by count, ties by the most recent", () => {
    const entries = [{ genres: ["Sci-Fi", "Drama"] }, { genres: ["Drama"] }, { genres: ["Western"] }, { genres: ["Sci-Fi"] }, { genres: ["Western"] }];
    expect(pickGenreRows(entries, "ADULT", 3)).toEqual(["Sci-Fi", "Drama", "Western"]);
  });

  it("pads with the maturity's default genres, without repeating one", () => {
    expect(pickGenreRows([{ genres: ["Comedy"] }], "ADULT")).toEqual(["Comedy", "Drama", "Thriller", "Action", "Romance", "Adventure"]);
    expect(pickGenreRows([], "KIDS")).toEqual(["Children", "Animation", "Comedy", "Adventure", "Fantasy", "Musical"]);
  });

  it("never gives more rows than asked", () => {
    const entries = ["A", "B", "C", "D", "E", "F", "G", "H"].map((genre) => ({ genres: [genre] }));
    expect(pickGenreRows(entries, "TEEN")).toEqual(["A", "B", "C", "D", "E", "F"]);
  });
});
