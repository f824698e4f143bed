// What Lambda functions write, as the terminal shows it.
import { describe, expect, it } from "vitest";
import { createFunctionLog } from "../src/function-log.ts";

function logAt(clock: { now: number }) {
  const lines: string[] = [];
  const log = createFunctionLog({ write: (line) => lines.push(line), repeatWindowMs: 30_000, now: () => clock.now });
  return { log, lines };
}

describe("function log", () => {
  it("names the function on every line, and waits for a line's end", () => {
    const { log, lines } = logAt({ now: 0 });
    log.append("topPicks", "first li");
    expect(lines).toEqual([]);
    log.append("topPicks", "ne\nsecond line\nthi");
    log.flush("topPicks");
    expect(lines).toEqual(["[lambda topPicks] first line", "[lambda topPicks] second line", "[lambda topPicks] thi"]);
  });

  it("reads a JSON record as its message and fields", () => {
    const { log, lines } = logAt({ now: 0 });
    log.append("topPicks", `${JSON.stringify({ message: "Personalize failed: falling back to popular titles", useCase: "topPicks", count: 2 })}\n`);
    log.append("topPicks", `{"not": "a record with a message"}\n{broken json\n`);
    expect(lines).toEqual([
      "[lambda topPicks] Personalize failed: falling back to popular titles (useCase=topPicks, count=2)",
      '[lambda topPicks] {"not": "a record with a message"}',
      "[lambda topPicks] {broken json",
    ]);
  });

  it("shows a record repeated within the window once, and counts the repeats on the next one shown", () => {
    const clock = { now: 0 };
    const { log, lines } = logAt(clock);
    const failure = (profileId: string) => `${JSON.stringify({ message: "Personalize failed", profileId, error: "Error: connect ECONNREFUSED" })}\n`;
    log.append("topPicks", failure("a"));
    clock.now = 1_000;
    log.append("topPicks", failure("b"));
    log.append("topPicks", failure("c"));
    log.append("trending", failure("d"));
    log.append("topPicks", `${JSON.stringify({ message: "Personalize failed", error: "ThrottlingException" })}\n`);
    clock.now = 31_000;
    log.append("topPicks", failure("e"));
    expect(lines).toEqual([
      "[lambda topPicks] Personalize failed (profileId=a, error=Error: connect ECONNREFUSED)",
      "[lambda trending] Personalize failed (profileId=d, error=Error: connect ECONNREFUSED)",
      "[lambda topPicks] Personalize failed (error=ThrottlingException)",
      "[lambda topPicks] Personalize failed (profileId=e, error=Error: connect ECONNREFUSED) (and 2 more like it)",
    ]);
  });
});
