import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { measure, median, printTable, targets, writeBenchJson } from "../report.ts";

describe("report", () => {
  it("gives the ratio to the baseline", () => {
    expect(measure("x", 30, "requests/s", 60)).toEqual({ name: "x", value: 30, unit: "requests/s", baseline: 60, ratio: 0.5 });
    expect(measure("y", 3, "s")).toEqual({ name: "y", value: 3, unit: "s" });
  });

  it("takes the median: the middle value, or the mean of the middle two", () => {
    expect(median([9, 1, 5])).toBe(5);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it("judges targets on the measure", () => {
    expect(targets.differenceAtMost(2, "ms").met(measure("p50", 5.4, "ms", 3.5))).toBe(true);
    expect(targets.differenceAtMost(2, "ms").met(measure("p50", 5.6, "ms", 3.5))).toBe(false);
    expect(targets.ratioAtLeast(0.6).met(measure("rps", 59, "requests/s", 100))).toBe(false);
    expect(targets.ratioAtMost(2).met(measure("p99", 19, "ms", 10))).toBe(true);
    expect(targets.below(20, "s").met(measure("ready", 20, "s"))).toBe(false);
  });

  it("prints PASS and MISS, and says which targets were missed", () => {
    const lines: string[] = [];
    printTable(
      [
        { measure: measure("fast enough", 70, "requests/s", 100), target: targets.ratioAtLeast(0.6) },
        { measure: measure("too slow", 50, "requests/s", 100), target: targets.ratioAtLeast(0.6) },
        { measure: measure("no target", 1, "s") },
      ],
      (line) => lines.push(line),
    );
    expect(lines.find((line) => line.startsWith("fast enough"))).toMatch(/PASS$/);
    expect(lines.find((line) => line.startsWith("too slow"))).toMatch(/MISS$/);
    expect(lines.join("\n")).toContain("1 of 2 targets met; missed: too slow");
  });

  it("writes bench.json as name, value, unit and, with a baseline, baseline and ratio", () => {
    const file = join(mkdtempSync(join(tmpdir(), "bench-report-")), "nested", "bench.json");
    writeBenchJson(file, [{ measure: measure("rps", 1234.5678, "requests/s", 2000) }, { measure: measure("ready", 12.3456, "s") }]);
    expect(JSON.parse(readFileSync(file, "utf8"))).toEqual([
      { name: "rps", value: 1235, unit: "requests/s", baseline: 2000, ratio: 0.617 },
      { name: "ready", value: 12.3, unit: "s" },
    ]);
  });
});
