import { describe, expect, it } from "vitest";
import {
  describeErrors,
  lostWrites,
  outcomeOfAnswer,
  outcomeOfFailure,
  recoveryMs,
  splitByPauses,
  windowFigures,
  type RequestRecord,
} from "../reliability-figures.ts";

const record = (startedMs: number, endedMs: number, outcome = "ok", kind: RequestRecord["kind"] = "home"): RequestRecord => ({ kind, startedMs, endedMs, outcome });

describe("reliability bookkeeping", () => {
  it("counts an answer as a success only with HTTP 200, data and no error", () => {
    expect(outcomeOfAnswer(200, { data: { home: {} } })).toBe("ok");
    expect(outcomeOfAnswer(200, { data: { home: null }, errors: [{ message: "x", errorType: "Unavailable" }] })).toBe("Unavailable (HTTP 200)");
    expect(outcomeOfAnswer(401, { errors: [{ message: "Unauthorized" }] })).toBe("no errorType (HTTP 401)");
    expect(outcomeOfAnswer(502, null)).toBe("HTTP 502");
  });

  it("names a missing answer by the client's timeout or the connection's error code", () => {
    expect(outcomeOfFailure(new DOMException("timed out", "TimeoutError"))).toBe("no answer: TimeoutError");
    expect(outcomeOfFailure(new TypeError("fetch failed", { cause: { code: "ECONNRESET" } }))).toBe("no answer: ECONNRESET");
  });

  it("gives a window's requests, errors by kind, success rate and the p50 of its successes", () => {
    const figures = windowFigures("w", [record(0, 10), record(0, 30), record(0, 20), record(0, 5000, "HTTP 500"), record(0, 1, "HTTP 500")]);
    expect(figures).toMatchObject({ requests: 5, errors: 2, successPercent: 60, p50Ms: 20, errorsByOutcome: { "HTTP 500": 2 } });
    expect(describeErrors({ a: 1, "HTTP 500": 3 })).toBe("HTTP 500 ×3, a ×1");
    expect(windowFigures("empty", []).successPercent).toBeNaN();
  });

  it("puts each request in the pause it was sent during, or outside", () => {
    const pauses = [
      { engine: "DynamoDB Local", pausedAtMs: 100, resumedAtMs: 200 },
      { engine: "cognito-local", pausedAtMs: 300, resumedAtMs: 400 },
    ];
    const { outside, during } = splitByPauses([record(50, 250), record(100, 210), record(199, 300), record(200, 201), record(350, 351)], pauses);
    expect(outside.map((r) => r.startedMs)).toEqual([50, 200]);
    expect(during.get("DynamoDB Local")!.map((r) => r.startedMs)).toEqual([100, 199]);
    expect(during.get("cognito-local")!.map((r) => r.startedMs)).toEqual([350]);
  });

  it("times recovery to the first success of each kind sent after the resume", () => {
    const recovery = recoveryMs(
      [
        record(900, 1010, "ok", "home"), // held through the pause: not a recovery
        record(1000, 1500, "HTTP 500", "home"),
        record(1100, 1300, "ok", "home"),
        record(1050, 1250, "ok", "home"),
        record(1001, 1400, "no answer: TimeoutError", "recordProgress"),
      ],
      1000,
    );
    expect(recovery.get("home")).toBe(250);
    expect(recovery.get("recordProgress")).toBeNull();
  });

  it("finds acknowledged adds missing, acknowledged removals present, and lost progress", () => {
    const lost = lostWrites(
      [
        { titleId: "kept", action: "add", acknowledged: true },
        { titleId: "lost", action: "add", acknowledged: true },
        { titleId: "back", action: "add", acknowledged: true },
        { titleId: "back", action: "remove", acknowledged: true },
        { titleId: "gone", action: "add", acknowledged: true },
        { titleId: "gone", action: "remove", acknowledged: true },
        // Unanswered: applied or not, its title is not judged.
        { titleId: "maybe", action: "add", acknowledged: true },
        { titleId: "maybe", action: "remove", acknowledged: false },
      ],
      [
        { titleId: "p1", eventAt: "2026-01-01T00:00:01.000Z", acknowledged: true },
        { titleId: "p1", eventAt: "2026-01-01T00:00:02.000Z", acknowledged: false },
        { titleId: "p2", eventAt: "2026-01-01T00:00:03.000Z", acknowledged: true },
        { titleId: "p3", eventAt: "2026-01-01T00:00:04.000Z", acknowledged: true },
        { titleId: "p4", eventAt: "2026-01-01T00:00:05.000Z", acknowledged: false },
      ],
      {
        myList: new Set(["kept", "back", "maybe"]),
        // p1 holds its later, unanswered event; p2 an older one than acknowledged; p3 nothing.
        progressEventAt: new Map([
          ["p1", "2026-01-01T00:00:02.000Z"],
          ["p2", "2026-01-01T00:00:00.500Z"],
        ]),
      },
    );
    expect(lost).toEqual({
      missingAdds: ["lost"],
      presentRemovals: ["back"],
      missingProgress: ["p2", "p3"],
      indeterminate: ["maybe"],
      acknowledgedWrites: 10,
    });
  });
});
