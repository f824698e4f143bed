import { createServer, type Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { percentile, startLoadGenerator, summarize } from "../load.ts";
import type { LoadShape } from "../load-types.ts";

/** A GraphQL-looking endpoint that answers `body` after `delayMs`. */
async function startServer(delayMs: number, body: unknown): Promise<{ url: string; server: Server }> {
  const server = createServer((request, response) => {
    request.resume();
    request.on("end", () =>
      setTimeout(() => {
        response.writeHead(200, { "content-type": "application/json" });
        response.end(JSON.stringify(body));
      }, delayMs),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  return { url: `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}/graphql`, server };
}

const target = (url: string) => ({ kind: "graphql" as const, url, authorization: "token", bodies: ['{"query":"{ ok }"}'] });
const shape: LoadShape = { concurrency: 4, seconds: 1, warmupSeconds: 0.2 };

describe("load generator", () => {
  const load = startLoadGenerator();
  let fast: { url: string; server: Server };
  let slow: { url: string; server: Server };
  let failing: { url: string; server: Server };
  beforeAll(async () => {
    fast = await startServer(2, { data: { ok: true } });
    slow = await startServer(20, { data: { ok: true } });
    failing = await startServer(1, { data: null, errors: [{ message: "boom" }] });
  });
  afterAll(async () => {
    await load.close();
    for (const { server } of [fast, slow, failing]) server.close();
  });

  it("measures each side of a comparison on its own server, in closed loop", async () => {
    const { measured, baseline } = await load.compare(target(fast.url), target(slow.url), shape, 2);
    expect(baseline.p50Ms).toBeGreaterThanOrEqual(20);
    expect(measured.p50Ms).toBeLessThan(baseline.p50Ms);
    // 4 clients waiting 20 ms each: at most 200 requests/s, and not far below on an idle loop.
    expect(baseline.requestsPerSecond).toBeLessThanOrEqual(200);
    expect(baseline.requestsPerSecond).toBeGreaterThan(50);
    expect(measured.requestsPerSecond).toBeGreaterThan(baseline.requestsPerSecond);
    expect(measured.failed + baseline.failed).toBe(0);
  });

  it("refuses figures when the answers carry GraphQL errors", async () => {
    await expect(load.compare(target(failing.url), target(fast.url), shape, 1)).rejects.toThrow(/requests failed.*boom/s);
  });
});

describe("load generator, writes with event times", () => {
  const load = startLoadGenerator();
  afterAll(() => load.close());

  it("gives every request a newer event time, and never lets two clients write the same title at once", async () => {
    const templateMillis = Date.UTC(2020, 0, 1);
    const titles = ["a", "b", "c", "d"];
    const bodies = titles.map((titleId) => JSON.stringify({ query: "mutation", variables: { input: { titleId, eventAt: new Date(templateMillis).toISOString() } } }));
    const inFlight = new Map<string, number>();
    const timesByTitle = new Map<string, string[]>();
    let overlaps = 0;
    const server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on("data", (chunk: Buffer) => chunks.push(chunk));
      request.on("end", () => {
        const { titleId, eventAt } = (JSON.parse(Buffer.concat(chunks).toString("utf8")) as { variables: { input: { titleId: string; eventAt: string } } }).variables.input;
        if ((inFlight.get(titleId) ?? 0) > 0) overlaps += 1;
        inFlight.set(titleId, (inFlight.get(titleId) ?? 0) + 1);
        timesByTitle.set(titleId, [...(timesByTitle.get(titleId) ?? []), eventAt]);
        setTimeout(() => {
          inFlight.set(titleId, inFlight.get(titleId)! - 1);
          response.writeHead(200, { "content-type": "application/json" });
          response.end('{"data":{"recordProgress":{}}}');
        }, 3);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const address = server.address();
    const url = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}/graphql`;
    try {
      const writes = { kind: "graphql" as const, url, authorization: "token", bodies, assignment: "byClient" as const, eventTime: { templateMillis, epochSecondsOffsets: [] } };
      await load.compare(writes, writes, { concurrency: 4, seconds: 0.6, warmupSeconds: 0.1 }, 2);
    } finally {
      server.close();
    }
    expect(overlaps).toBe(0);
    expect([...timesByTitle.keys()].sort()).toEqual(titles);
    const all = [...timesByTitle.values()].flat();
    expect(new Set(all).size).toBe(all.length);
    expect(all.every((time) => time > new Date(templateMillis).toISOString())).toBe(true);
    for (const times of timesByTitle.values()) expect(times).toEqual([...times].sort());
  });
});

describe("statistics", () => {
  it("takes nearest-rank percentiles", () => {
    const values = Float64Array.from({ length: 100 }, (_, index) => index + 1);
    expect(percentile(values, 0.5)).toBe(50);
    expect(percentile(values, 0.99)).toBe(99);
    expect(percentile(new Float64Array(0), 0.5)).toBeNaN();
  });

  it("counts requests per second over the window, not per sample", () => {
    const summary = summarize({ latenciesMs: Float64Array.from([3, 1, 2, 4]), failed: 0, firstFailure: null, seconds: 2 });
    expect(summary).toMatchObject({ requestsPerSecond: 2, p50Ms: 2, p99Ms: 4, completed: 4 });
  });
});
