// util.time beyond the corpus's VTL-page examples: Java DateTimeFormatter letters, zones via Intl,
// daylight saving, parsing with text fields and offsets, and the errors for what is unsupported.
import { describe, expect, it } from "vitest";
import { util } from "../../src/runtime/index.ts";

const { time } = util;
// 2018-02-06T19:01:35.758Z, a Tuesday
const instant = 1517943695758;

describe("formatting with Java patterns", () => {
  it("prints text fields in English", () => {
    expect(time.epochMilliSecondsToFormatted(instant, "EEE, d MMM yyyy HH:mm:ss Z")).toBe("Tue, 6 Feb 2018 19:01:35 +0000");
    expect(time.epochMilliSecondsToFormatted(instant, "EEEE MMMM dd h:mm a")).toBe("Tuesday February 06 7:01 PM");
    expect(time.epochMilliSecondsToFormatted(instant, "D DDD Q QQQ QQQQ G GGGG")).toBe("37 037 1 Q1 1st quarter AD Anno Domini");
  });

  it("prints fractions, clock-hour variants and two-digit years", () => {
    expect(time.epochMilliSecondsToFormatted(instant, "SSS SSSSSS S k K uu yy")).toBe("758 758000 7 19 7 18 18");
    expect(time.epochMilliSecondsToFormatted(Date.UTC(2018, 0, 1, 0, 5), "k h a H")).toBe("24 12 AM 0");
  });

  it("prints quoted literals and optional sections", () => {
    expect(time.epochMilliSecondsToFormatted(instant, "'at' HH 'o''clock' ''")).toBe("at 19 o'clock '");
    expect(time.epochMilliSecondsToFormatted(instant, "yyyy-MM-dd[ HH:mm]")).toBe("2018-02-06 19:01");
  });

  it("prints every offset style for a region zone, standard time and daylight time", () => {
    expect(time.epochMilliSecondsToFormatted(instant, "z|zzzz|VV|O|OOOO|X|XX|XXX|x|Z|ZZZZ|ZZZZZ", "America/New_York")).toBe(
      "EST|Eastern Standard Time|America/New_York|GMT-5|GMT-05:00|-05|-0500|-05:00|-05|-0500|GMT-05:00|-05:00",
    );
    expect(time.epochMilliSecondsToFormatted(Date.UTC(2018, 6, 1, 12), "HH:mm XXX z", "America/New_York")).toBe("08:00 -04:00 EDT");
  });

  it("prints UTC offsets the Java way: Z for X, +00 for x, +0000 for Z", () => {
    expect(time.epochMilliSecondsToFormatted(instant, "X|x|Z|O|ZZZZZ|z")).toBe("Z|+00|+0000|GMT|Z|UTC");
  });

  it("takes fixed offsets with minutes and seconds", () => {
    expect(time.epochMilliSecondsToFormatted(instant, "HH:mm O X XXXX XXXXX", "+05:30")).toBe("00:31 GMT+5:30 +0530 +0530 +05:30");
    expect(time.epochMilliSecondsToFormatted(instant, "XXX XXXXX", "-07:00:30")).toBe("-07:00 -07:00:30");
    expect(time.epochMilliSecondsToFormatted(instant, "HH VV", "GMT+8")).toBe("03 GMT+08:00");
  });

  it("rejects unknown zones and unsupported letters with clear errors", () => {
    expect(() => time.nowFormatted("yyyy", "Mars/Olympus")).toThrow(/Unknown time zone "Mars\/Olympus"/);
    expect(() => time.nowFormatted("YYYY-ww")).toThrow(/pattern letter 'Y' is not supported/);
    expect(() => time.nowFormatted("HHH")).toThrow(/Too many pattern letters/);
  });
});

describe("parsing", () => {
  it("parses 12-hour clocks, month names and day-of-year", () => {
    expect(time.parseFormattedToEpochMilliSeconds("06/02/2018 07:01 PM", "dd/MM/yyyy hh:mm a")).toBe(Date.UTC(2018, 1, 6, 19, 1));
    expect(time.parseFormattedToEpochMilliSeconds("6 February 2018", "d MMMM yyyy")).toBe(Date.UTC(2018, 1, 6));
    expect(time.parseFormattedToEpochMilliSeconds("2018-037", "yyyy-DDD")).toBe(Date.UTC(2018, 1, 6));
    expect(time.parseFormattedToEpochMilliSeconds("06.02.18", "dd.MM.uu")).toBe(Date.UTC(2018, 1, 6));
  });

  it("uses an offset or zone in the text before the time zone argument", () => {
    expect(time.parseFormattedToEpochMilliSeconds("2018-07-06T12:00:00.5-07:00", "yyyy-MM-dd'T'HH:mm:ss.S[XXX]", "+01:00")).toBe(Date.UTC(2018, 6, 6, 19, 0, 0, 500));
    expect(time.parseFormattedToEpochMilliSeconds("2018-02-06 19:01:35 America/New_York", "yyyy-MM-dd HH:mm:ss VV")).toBe(Date.UTC(2018, 1, 7, 0, 1, 35));
  });

  it("resolves local times in a region zone across daylight saving", () => {
    expect(time.parseFormattedToEpochMilliSeconds("2018-07-06 12:00", "yyyy-MM-dd HH:mm", "America/New_York")).toBe(Date.UTC(2018, 6, 6, 16));
    expect(time.parseFormattedToEpochMilliSeconds("2018-01-06 12:00", "yyyy-MM-dd HH:mm", "America/New_York")).toBe(Date.UTC(2018, 0, 6, 17));
  });

  it("rejects text that does not fit the pattern or a date that does not exist", () => {
    expect(() => time.parseFormattedToEpochMilliSeconds("2018/02/06", "yyyy-MM-dd")).toThrow(/could not be parsed/);
    expect(() => time.parseFormattedToEpochMilliSeconds("2018-02-30", "yyyy-MM-dd")).toThrow(/out of range/);
  });

  it("parses ISO 8601 with and without offsets, fractions or a bracketed zone", () => {
    expect(time.parseISO8601ToEpochMilliSeconds("2018-02-01T17:21:05Z")).toBe(Date.UTC(2018, 1, 1, 17, 21, 5));
    expect(time.parseISO8601ToEpochMilliSeconds("2018-02-01T17:21:05.1+0800")).toBe(Date.UTC(2018, 1, 1, 9, 21, 5, 100));
    expect(time.parseISO8601ToEpochMilliSeconds("2018-02-01")).toBe(Date.UTC(2018, 1, 1));
    expect(time.parseISO8601ToEpochMilliSeconds("2018-02-01T17:21:05[Europe/Paris]")).toBe(Date.UTC(2018, 1, 1, 16, 21, 5));
    expect(() => time.parseISO8601ToEpochMilliSeconds("yesterday")).toThrow(/could not be parsed/);
  });

  it("round-trips format and parse", () => {
    const pattern = "yyyy-MM-dd'T'HH:mm:ss.SSSXXXXX";
    const text = time.epochMilliSecondsToFormatted(instant, pattern, "Asia/Kolkata");
    expect(text).toBe("2018-02-07T00:31:35.758+05:30");
    expect(time.parseFormattedToEpochMilliSeconds(text, pattern)).toBe(instant);
  });
});

describe("epoch conversions", () => {
  it("truncates to seconds like Java's long division and prints ISO with milliseconds", () => {
    expect(time.epochMilliSecondsToSeconds(-1500)).toBe(-1);
    expect(time.epochMilliSecondsToISO8601(0)).toBe("1970-01-01T00:00:00.000Z");
  });

  it("reads the clock for the now functions", () => {
    const before = Date.now();
    const seconds = time.nowEpochSeconds();
    const millis = time.nowEpochMilliSeconds();
    expect(millis).toBeGreaterThanOrEqual(before);
    expect(seconds).toBeGreaterThanOrEqual(Math.floor(before / 1000));
    expect(seconds).toBeLessThanOrEqual(Math.floor(millis / 1000));
    expect(Date.parse(time.nowISO8601())).toBeGreaterThanOrEqual(before);
  });
});
