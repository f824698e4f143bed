import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parseCsv } from "../../src/personalize/data/csv.ts";
import {
  DatasetImportError,
  exportInteractionsCsv,
  exportItemsCsv,
  importInteractionsCsv,
  importItemsCsv,
  parseInteractionsCsv,
  type Interaction,
} from "../../src/personalize/index.ts";

const directory = mkdtempSync(join(tmpdir(), "personalize-datasets-"));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

describe("interactions dataset CSV", () => {
  it("exports in Personalize's interactions schema and imports back the same interactions", async () => {
    const interactions: Interaction[] = [
      { userId: "profile-1", itemId: "ml-1", timestamp: 1_000_000_000, eventType: "watch", eventValue: 4.5 },
      { userId: "profile, with comma", itemId: 'ml-"2"', timestamp: 1_000_000_001, eventType: "finished" },
      { userId: "profile-3", itemId: "ml-3", timestamp: 1_000_000_002 },
    ];
    const path = join(directory, "nested", "interactions.csv");
    expect(await exportInteractionsCsv(path, interactions)).toBe(3);
    const text = readFileSync(path, "utf8");
    expect(text.split("\n")[0]).toBe("USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE,EVENT_VALUE");
    expect(text.split("\n")[2]).toBe('"profile, with comma","ml-""2""",1000000001,finished,');
    expect(await importInteractionsCsv(path)).toEqual(interactions);
  });

  it("reads columns by header name, in any order and case, with CRLF line ends", () => {
    const text = "timestamp,Item_Id,USER_ID\r\n1500000000,m1,u1\r\n\r\n1500000001,m2,u1\r\n";
    expect(parseInteractionsCsv(text, "file.csv")).toEqual([
      { userId: "u1", itemId: "m1", timestamp: 1_500_000_000 },
      { userId: "u1", itemId: "m2", timestamp: 1_500_000_001 },
    ]);
  });

  it.each([
    ["", /empty file/],
    ["USER_ID,ITEM_ID\nu1,m1\n", /the header has no TIMESTAMP column/],
    ["USER_ID,ITEM_ID,TIMESTAMP\nu1,m1,1500000000000\n", /line 2: TIMESTAMP 1500000000000 looks like milliseconds/],
    ["USER_ID,ITEM_ID,TIMESTAMP\nu1,m1,2016-01-01\n", /line 2: TIMESTAMP "2016-01-01" is not Unix time in whole seconds/],
    ["USER_ID,ITEM_ID,TIMESTAMP\nu1,m1,1\n,m2,2\n", /line 3: USER_ID is empty/],
    ["USER_ID,ITEM_ID,TIMESTAMP\nu1,m1\n", /line 2: 2 fields, the header has 3/],
    ["USER_ID,ITEM_ID,TIMESTAMP,EVENT_VALUE\nu1,m1,1,high\n", /line 2: EVENT_VALUE "high" is not a number/],
    ["USER_ID,ITEM_ID,TIMESTAMP,USER_ID\nu1,m1,1,u2\n", /names USER_ID twice/],
    ['USER_ID,ITEM_ID,TIMESTAMP\n"u1,m1,1\n', /a quoted field is never closed/],
  ])("fails the import of %j, naming the line", (text, message) => {
    expect(() => parseInteractionsCsv(text, "file.csv")).toThrow(message);
  });

  it("fails with a DatasetImportError", () => {
    expect(() => parseInteractionsCsv("USER_ID,ITEM_ID\n", "file.csv")).toThrow(DatasetImportError);
  });
});

describe("items dataset CSV", () => {
  it("exports metadata with multi-valued fields joined by | and imports them split", async () => {
    const path = join(directory, "items.csv");
    await exportItemsCsv(path, [
      { itemId: "ml-1", fields: { GENRES: ["Comedy", "Drama"], MATURITY: "ALL", year: 1995 } },
      { itemId: "ml-2", fields: { MATURITY: "ADULT" } },
    ]);
    expect(readFileSync(path, "utf8")).toBe("ITEM_ID,GENRES,MATURITY,YEAR\nml-1,Comedy|Drama,ALL,1995\nml-2,,ADULT,\n");
    expect(await importItemsCsv(path)).toEqual([
      { itemId: "ml-1", fields: { GENRES: ["Comedy", "Drama"], MATURITY: "ALL", YEAR: "1995" } },
      { itemId: "ml-2", fields: { MATURITY: "ADULT" } },
    ]);
  });
});

describe("parseCsv", () => {
  it("handles quotes, escaped quotes, line breaks inside quotes and a missing final newline", () => {
    expect(parseCsv('a,"b ""c""","d\ne"\nf,,g', "x.csv")).toEqual([
      { line: 1, fields: ["a", 'b "c"', "d\ne"] },
      { line: 3, fields: ["f", "", "g"] },
    ]);
  });

  it("rejects a stray quote", () => {
    expect(() => parseCsv('a,b"c"\n', "x.csv")).toThrow(/x.csv, line 1: a quote may only open a field/);
  });
});
