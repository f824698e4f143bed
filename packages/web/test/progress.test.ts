import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { sendProgress } from "../src/app/boot.ts";
import { createProgressQueue, createProgressTracker, type ProgressEvent, type SendOutcome } from "../src/player/progress.ts";
import { memoryStorage } from "./support/tokens.ts";

const event = (positionSeconds: number, overrides: Partial<ProgressEvent> = {}): ProgressEvent => ({
  accountSub: "viewer-1",
  profileId: "profile-1",
  titleId: "title-1",
  positionSeconds,
  durationSeconds: 600,
  eventAt: new Date(Date.UTC(2025, 0, 1, 12, 0, positionSeconds)).toISOString(),
  ...overrides,
});

describe("progress queue", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("keeps events through a network drop (in storage too) and sends them in order when the API is back", async () => {
    const storage = memoryStorage();
    let online = false;
    const delivered: number[] = [];
    const send = vi.fn(async (sent: ProgressEvent): Promise<SendOutcome> => {
      if (!online) return "retry";
      delivered.push(sent.positionSeconds);
      return "sent";
    });
    const queue = createProgressQueue({ send, storage, currentAccount: () => "viewer-1", retryDelaysMs: [1_000, 5_000] });

    queue.record(event(10));
    queue.record(event(20));
    queue.record(event(30));
    await vi.advanceTimersByTimeAsync(0);
    expect(delivered).toEqual([]);
    expect(queue.pending().map((e) => e.positionSeconds)).toEqual([10, 20, 30]);
    // A reload while offline finds them in storage.
    expect(JSON.parse(storage.values.get("marquee.progress-queue")!)).toHaveLength(3);

    online = true;
    await vi.advanceTimersByTimeAsync(5_000);
    expect(delivered).toEqual([10, 20, 30]);
    expect(queue.pending()).toEqual([]);
    expect(storage.values.has("marquee.progress-queue")).toBe(false);
    queue.dispose();
  });

  it("sends events kept by an earlier visit, and drops what the API refuses for good", async () => {
    const storage = memoryStorage({ "marquee.progress-queue": JSON.stringify([event(5), event(6, { titleId: "gone" }), event(7)]) });
    const outcomes: Record<string, SendOutcome> = { "title-1": "sent", gone: "drop" };
    const send = vi.fn(async (sent: ProgressEvent) => outcomes[sent.titleId]!);
    const queue = createProgressQueue({ send, storage, currentAccount: () => "viewer-1" });

    await queue.flush();

    expect(send.mock.calls.map(([sent]) => `${sent.titleId}@${sent.positionSeconds}`)).toEqual(["title-1@5", "gone@6", "title-1@7"]);
    expect(queue.pending()).toEqual([]);
    queue.dispose();
  });

  it("sends only the signed-in account's events; others wait for their owner", async () => {
    let account: string | null = null;
    const send = vi.fn(async (_sent: ProgressEvent): Promise<SendOutcome> => "sent");
    const queue = createProgressQueue({ send, currentAccount: () => account });
    queue.record(event(1, { accountSub: "viewer-1" }));
    queue.record(event(2, { accountSub: "viewer-2" }));
    await queue.flush();
    expect(send).not.toHaveBeenCalled();

    account = "viewer-2";
    await queue.flush();
    expect(send.mock.calls.map(([sent]) => sent.accountSub)).toEqual(["viewer-2"]);
    expect(queue.pending().map((e) => e.accountSub)).toEqual(["viewer-1"]);
    queue.dispose();
  });
});

describe("progress tracker", () => {
  beforeEach(() => vi.useFakeTimers({ now: new Date("2025-01-01T20:00:00Z") }));
  afterEach(() => vi.useRealTimers());

  function tracked() {
    const recorded: ProgressEvent[] = [];
    const tracker = createProgressTracker({
      queue: { record: (e) => recorded.push(e) },
      accountSub: "viewer-1",
      profileId: "profile-1",
      titleId: "title-1",
      durationSeconds: 600,
      intervalMs: 10_000,
    });
    return { tracker, recorded, positions: () => recorded.map((e) => e.positionSeconds) };
  }

  it("records every interval while playing, and at once on pause", async () => {
    const { tracker, recorded, positions } = tracked();
    tracker.update(42);
    tracker.playing();
    for (let second = 1; second <= 25; second++) {
      tracker.update(42 + second);
      await vi.advanceTimersByTimeAsync(1_000);
    }
    expect(positions()).toEqual([52, 62]);
    tracker.update(69.7);
    tracker.paused();
    expect(positions()).toEqual([52, 62, 69]);
    // Paused: nothing more, however long.
    await vi.advanceTimersByTimeAsync(60_000);
    expect(positions()).toEqual([52, 62, 69]);
    expect(recorded[2]).toMatchObject({ durationSeconds: 600, eventAt: "2025-01-01T20:00:25.000Z" });
  });

  it("records the end as the full duration (finished), and leaving records where the viewer was", () => {
    const ended = tracked();
    ended.tracker.update(598);
    ended.tracker.ended();
    ended.tracker.leave();
    expect(ended.positions()).toEqual([600]);

    const left = tracked();
    left.tracker.playing();
    left.tracker.update(131.2);
    left.tracker.leave();
    left.tracker.leave();
    expect(left.positions()).toEqual([131]);
  });
});

describe("sending a progress event", () => {
  const client = (answer: object) => ({ mutation: vi.fn(() => ({ toPromise: async () => answer })) });
  const graphQLError = (errorType: string) => ({ error: { graphQLErrors: [{ message: "m", originalError: { errorType } }] } });

  it("decides by the API's answer: sent, retry later, or drop", async () => {
    expect(await sendProgress(client({ data: { recordProgress: {} } }) as never, event(1))).toBe("sent");
    expect(await sendProgress(client({ error: { networkError: new TypeError("Failed to fetch"), graphQLErrors: [] } }) as never, event(1))).toBe("retry");
    expect(await sendProgress(client({ error: { response: { status: 401 }, graphQLErrors: [] } }) as never, event(1))).toBe("retry");
    expect(await sendProgress(client(graphQLError("Conflict")) as never, event(1))).toBe("sent");
    expect(await sendProgress(client(graphQLError("BadRequest")) as never, event(1))).toBe("drop");
    expect(await sendProgress(client(graphQLError("Unauthorized")) as never, event(1))).toBe("drop");
    expect(await sendProgress(client(graphQLError("DynamoDB:ProvisionedThroughputExceededException")) as never, event(1))).toBe("retry");
  });

  it("sends the event without the account, kept alive past a page unload", async () => {
    const fake = client({ data: {} });
    await sendProgress(fake as never, event(9));
    const [, variables, context] = fake.mutation.mock.calls[0] as unknown as [unknown, { input: Record<string, unknown> }, { fetchOptions: RequestInit }];
    expect(variables.input).toEqual({ profileId: "profile-1", titleId: "title-1", positionSeconds: 9, durationSeconds: 600, eventAt: event(9).eventAt });
    expect(context.fetchOptions.keepalive).toBe(true);
  });
});
