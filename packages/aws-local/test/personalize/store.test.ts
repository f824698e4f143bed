import { describe, expect, it } from "vitest";
import { IdDictionary, InteractionLog, maxEventTypes, MetadataTable } from "../../src/personalize/data/store.ts";
import { PersonalizeError } from "../../src/personalize/errors.ts";

describe("IdDictionary", () => {
  it("gives each id one stable index", () => {
    const ids = new IdDictionary();
    expect([ids.intern("b"), ids.intern("a"), ids.intern("b")]).toEqual([0, 1, 0]);
    expect(ids.indexOf("a")).toBe(1);
    expect(ids.indexOf("c")).toBeUndefined();
    expect(ids.idAt(0)).toBe("b");
    expect(() => ids.idAt(2)).toThrow(RangeError);
  });
});

describe("InteractionLog", () => {
  it("records interactions columnar and per user, growing past its first capacity", () => {
    const log = new InteractionLog();
    for (let k = 0; k < 3000; k++) log.add({ userId: `u${k % 7}`, itemId: `i${k % 11}`, timestamp: k });
    const snapshot = log.snapshot();
    expect(snapshot).toMatchObject({ userCount: 7, itemCount: 11 });
    expect(snapshot.items).toHaveLength(3000);
    expect([snapshot.users[2999], snapshot.items[2999], snapshot.timestamps[2999]]).toEqual([log.users.indexOf(`u${2999 % 7}`), log.items.indexOf(`i${2999 % 11}`), 2999]);
    expect(log.historyOf("u0")!.size).toBe(11);
  });

  it("hands out snapshots that later interactions do not change", () => {
    const log = new InteractionLog();
    log.add({ userId: "u", itemId: "a", timestamp: 1 });
    const snapshot = log.snapshot();
    log.add({ userId: "u", itemId: "b", timestamp: 2 });
    expect(snapshot.items).toHaveLength(1);
    expect(snapshot.itemCount).toBe(1);
  });

  it("ignores an event whose eventId it has seen", () => {
    const log = new InteractionLog();
    expect(log.add({ userId: "u", itemId: "a", timestamp: 1 }, "e-1")).toBe(true);
    expect(log.add({ userId: "u", itemId: "a", timestamp: 1 }, "e-1")).toBe(false);
    expect(log.add({ userId: "u", itemId: "a", timestamp: 1 })).toBe(true);
    expect(log.count).toBe(2);
  });

  it("keeps each item's event types as a mask, matched ignoring case", () => {
    const log = new InteractionLog();
    log.add({ userId: "u", itemId: "a", timestamp: 1, eventType: "Watch" });
    log.add({ userId: "u", itemId: "a", timestamp: 2, eventType: "FINISHED" });
    log.add({ userId: "u", itemId: "b", timestamp: 3, eventType: "watch" });
    const history = log.historyOf("u")!;
    const finished = log.eventTypeMask(["finished"]);
    expect(history.get(log.items.indexOf("a")!)! & finished).not.toBe(0);
    expect(history.get(log.items.indexOf("b")!)! & finished).toBe(0);
    expect(log.eventTypeMask(["never-seen"])).toBe(0);
    expect(log.eventTypeMask(["*"])).toBe(-1);
  });

  it(`refuses a ${maxEventTypes + 1}th distinct event type`, () => {
    const log = new InteractionLog();
    for (let type = 0; type < maxEventTypes; type++) log.add({ userId: "u", itemId: "a", timestamp: type, eventType: `type-${type}` });
    expect(() => log.add({ userId: "u", itemId: "a", timestamp: 99, eventType: "one-too-many" })).toThrow(PersonalizeError);
    expect(log.add({ userId: "u", itemId: "b", timestamp: 100, eventType: "TYPE-3" })).toBe(true);
  });
});

describe("MetadataTable", () => {
  it("replaces a record on each put, with upper-case fields and multi-values split on |", () => {
    const table = new MetadataTable();
    table.put("m1", { genres: "Comedy|Drama", Year: 1995, MATURITY: ["ALL"] });
    expect([...table.get("m1")!]).toEqual([
      ["GENRES", ["Comedy", "Drama"]],
      ["YEAR", ["1995"]],
      ["MATURITY", ["ALL"]],
    ]);
    table.put("m1", { MATURITY: "ADULT" });
    expect([...table.get("m1")!]).toEqual([["MATURITY", ["ADULT"]]]);
    expect(table.size).toBe(1);
  });
});
