import { describe, expect, it } from "vitest";
import type { DirectPlan, DirectRequest } from "../load-types.ts";
import { entrySelector, eventClock, eventTimeTemplate, planMismatches, requestsOf, runPlan, sequenceOf, stampEventTime, type Timing } from "../plans.ts";

const get = (name: string): DirectRequest => ({ operation: "GetItem", input: { TableName: "t", Key: { pk: { S: name } } } });
const query = (name: string): DirectRequest => ({ operation: "Query", input: { TableName: "t", KeyConditionExpression: name } });
function nameOf(request: DirectRequest): string {
  if (request.operation === "GetItem") return request.input.Key!.pk!.S!;
  if (request.operation === "Query") return request.input.KeyConditionExpression!;
  return request.operation;
}

/** home's shape: a read, then two lists and a row query at once, then the row titles at once. */
const homeLike: DirectPlan = {
  sequence: [
    { request: get("profile") },
    { parallel: [{ request: query("cw") }, { request: query("list") }, { sequence: [{ request: query("rows") }, { parallel: [{ request: query("r1") }, { request: query("r2") }] }] }] },
  ],
};

describe("running a plan", () => {
  it("waits for each sequence step and sends a parallel group's members together", async () => {
    const events: string[] = [];
    let inFlight = 0;
    let mostInFlight = 0;
    await runPlan(homeLike, async (request) => {
      const name = nameOf(request);
      events.push(`start ${name}`);
      mostInFlight = Math.max(mostInFlight, ++inFlight);
      await new Promise((resolve) => setTimeout(resolve, name === "rows" ? 5 : 20));
      inFlight -= 1;
      events.push(`end ${name}`);
    });
    // The profile answers before anything else starts; the three Home fields start together; the row
    // titles start when "rows" answered, while "cw" and "list" are still in flight.
    expect(events.slice(0, 5)).toEqual(["start profile", "end profile", "start cw", "start list", "start rows"]);
    expect(events.indexOf("start r1")).toBeGreaterThan(events.indexOf("end rows"));
    expect(events.indexOf("start r1")).toBeLessThan(events.indexOf("end cw"));
    expect(mostInFlight).toBe(4);
    expect(events.filter((event) => event.startsWith("end"))).toHaveLength(6);
  });

  it("lists a plan's requests in reading order", () => {
    expect(requestsOf(homeLike).map(nameOf)).toEqual(["profile", "cw", "list", "rows", "r1", "r2"]);
    expect(requestsOf(sequenceOf([get("a"), query("b")])).map(nameOf)).toEqual(["a", "b"]);
  });
});

describe("checking a plan against the runtime's timings", () => {
  const at = (startedMs: number, endedMs: number): Timing => ({ startedMs, endedMs });
  // profile 0-2; cw, list, rows start at 3; rows answers at 5; r1, r2 start at 6.
  const asTheRuntimeDid = [at(0, 2), at(3, 9), at(3, 8), at(3, 5), at(6, 10), at(6, 11)];

  it("accepts timings that show the plan's waits and parallel groups", () => {
    expect(planMismatches(homeLike, asTheRuntimeDid)).toEqual([]);
  });

  it("refuses a plan that waits where the runtime did not", () => {
    // The runtime sent the row titles before the rows' query answered.
    const early = [...asTheRuntimeDid.slice(0, 4), at(4, 10), at(4, 11)];
    expect(planMismatches(homeLike, early).join()).toMatch(/started before/);
  });

  it("refuses a plan that runs in parallel what the runtime ran one after another", () => {
    // The runtime sent "list" only after "cw" had answered: a parallel replay would flatter the baseline.
    const serial = [at(0, 2), at(3, 5), at(6, 8), at(3, 4), at(5, 10), at(5, 11)];
    expect(planMismatches(homeLike, serial).join()).toMatch(/after a sibling had answered/);
  });

  it("refuses a plan whose request count is not the runtime's", () => {
    expect(planMismatches(homeLike, asTheRuntimeDid.slice(1))).toEqual(["the plan has 6 requests, the runtime sent 5"]);
  });
});

describe("event times", () => {
  it("only move forward, even when the wall clock stands still or goes back", () => {
    const wall = [1000, 1000, 999, 1005];
    const next = eventClock(() => wall.shift()!);
    expect([next(), next(), next(), next()]).toEqual([1000, 1001, 1002, 1005]);
  });

  const templateMillis = Date.UTC(2025, 0, 2, 3, 4, 5, 678);
  const iso = "2025-01-02T03:04:05.678Z";
  const seconds = Math.floor(templateMillis / 1000);
  const captured = JSON.stringify({
    Item: { sk: { S: `EVENT#${iso}#ml-1#watch` }, lastEventAt: { S: iso }, expiresAt: { N: String(seconds + 400 * 86_400) }, positionSeconds: { N: "2520" } },
  });

  it("finds the event time and the numbers derived from it in a captured request", () => {
    expect(eventTimeTemplate(captured, templateMillis)).toEqual({ templateMillis, epochSecondsOffsets: [400 * 86_400] });
    expect(() => eventTimeTemplate(captured, templateMillis + 1)).toThrow(/does not carry the event time/);
  });

  it("stamps a new time everywhere the template's shows, and nothing else", () => {
    const template = eventTimeTemplate(captured, templateMillis);
    const later = templateMillis + 90_061_001; // one day, one hour, one minute, one second and a millisecond
    const stamped = JSON.parse(stampEventTime(captured, template, later)) as { Item: Record<string, { S?: string; N?: string }> };
    expect(stamped.Item.sk!.S).toBe("EVENT#2025-01-03T04:05:06.679Z#ml-1#watch");
    expect(stamped.Item.lastEventAt!.S).toBe("2025-01-03T04:05:06.679Z");
    expect(stamped.Item.expiresAt!.N).toBe(String(Math.floor(later / 1000) + 400 * 86_400));
    expect(stamped.Item.positionSeconds!.N).toBe("2520");
    // A GraphQL body carries the time as its variable.
    expect(stampEventTime(JSON.stringify({ variables: { input: { eventAt: iso } } }), template, later)).toContain('"eventAt":"2025-01-03T04:05:06.679Z"');
  });
});

describe("which entry a client sends", () => {
  it("takes the list in turn across all clients when shared", () => {
    const select = entrySelector("shared", 3, 16);
    expect([0, 1, 2, 3, 4].map((sentByAll) => select(7, 0, sentByAll))).toEqual([0, 1, 2, 0, 1]);
  });

  it("gives each client its own entries, so two clients never send the same one", () => {
    const select = entrySelector("byClient", 32, 16);
    const entriesOf = (client: number) => [0, 1, 2, 3].map((sent) => select(client, sent, 999));
    expect(entriesOf(0)).toEqual([0, 16, 0, 16]);
    expect(entriesOf(5)).toEqual([5, 21, 5, 21]);
    const owners = new Map<number, number>();
    for (let client = 0; client < 16; client++) {
      for (const entry of entriesOf(client)) {
        expect(owners.get(entry) ?? client).toBe(client);
        owners.set(entry, client);
      }
    }
    expect(owners.size).toBe(32);
    // One client alone goes through the whole list.
    expect([0, 1, 2, 31, 32].map((sent) => entrySelector("byClient", 32, 1)(0, sent, 0))).toEqual([0, 1, 2, 31, 0]);
  });

  it("refuses a list the clients cannot own evenly, before any request", () => {
    expect(() => entrySelector("byClient", 1, 16)).toThrow(/cannot be shared out evenly between 16 clients/);
    expect(() => entrySelector("shared", 0, 1)).toThrow(/at least one request/);
  });
});
