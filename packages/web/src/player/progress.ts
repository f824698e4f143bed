// Progress reporting, independent of React and of the <video> element:
// - the queue keeps every progress event (in storage, so a closed tab or a network drop loses nothing) and
//   sends them in order, retrying with backoff while the API cannot be reached;
// - the tracker decides when the player's position is worth an event: every `intervalMs` while playing,
//   on pause, at the end, and when the viewer leaves.
// Each event carries the time it was observed (`eventAt`), so the API orders late deliveries correctly.
import type { KeyValueStorage } from "../auth/session.ts";

export type ProgressEvent = {
  /** The Cognito user whose profile this is: on a shared device, others' events wait for them. */
  accountSub: string;
  profileId: string;
  titleId: string;
  positionSeconds: number;
  durationSeconds: number;
  eventAt: string;
};

/** sent: done; retry: the API could not take it now (offline, session refreshing); drop: refused for good. */
export type SendOutcome = "sent" | "retry" | "drop";

export type ProgressQueueOptions = {
  send(event: ProgressEvent): Promise<SendOutcome>;
  /** Who is signed in (null: nobody; nothing is sent). */
  currentAccount(): string | null;
  storage?: KeyValueStorage | null;
  storageKey?: string;
  /** Waits between retries; the last one repeats. */
  retryDelaysMs?: number[];
  /** Oldest events are dropped beyond this (a week offline with the player open). */
  maxEvents?: number;
  onChange?(pending: readonly ProgressEvent[]): void;
};

export type ProgressQueue = {
  record(event: ProgressEvent): void;
  /** Sends what is pending for the signed-in account; resolves when done or when the API is unreachable. */
  flush(): Promise<void>;
  pending(): readonly ProgressEvent[];
  dispose(): void;
};

export function createProgressQueue(options: ProgressQueueOptions): ProgressQueue {
  const storageKey = options.storageKey ?? "marquee.progress-queue";
  const retryDelaysMs = options.retryDelaysMs ?? [2_000, 5_000, 15_000, 30_000];
  const maxEvents = options.maxEvents ?? 1_000;
  let events: ProgressEvent[] = load();
  let flushing: Promise<void> | null = null;
  let flushAgain = false;
  let failures = 0;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let disposed = false;

  function load(): ProgressEvent[] {
    try {
      const stored = options.storage?.getItem(storageKey);
      const parsed: unknown = stored ? JSON.parse(stored) : [];
      return Array.isArray(parsed) ? (parsed as ProgressEvent[]).filter((event) => typeof event?.titleId === "string") : [];
    } catch {
      return [];
    }
  }

  function save() {
    try {
      if (events.length === 0) options.storage?.removeItem(storageKey);
      else options.storage?.setItem(storageKey, JSON.stringify(events));
    } catch {
      // Storage full or unavailable: the events stay in memory.
    }
    options.onChange?.(events);
  }

  async function sendPending() {
    for (;;) {
      const account = options.currentAccount();
      const next = account ? events.find((event) => event.accountSub === account) : undefined;
      if (!next || disposed) {
        failures = 0;
        return;
      }
      let outcome: SendOutcome;
      try {
        outcome = await options.send(next);
      } catch {
        outcome = "retry";
      }
      if (outcome === "retry") {
        const delay = retryDelaysMs[Math.min(failures, retryDelaysMs.length - 1)]!;
        failures += 1;
        clearTimeout(retryTimer);
        if (!disposed) retryTimer = setTimeout(() => void flush(), delay);
        return;
      }
      failures = 0;
      events = events.filter((event) => event !== next);
      save();
    }
  }

  function flush(): Promise<void> {
    if (flushing) {
      flushAgain = true;
      return flushing;
    }
    clearTimeout(retryTimer);
    flushing = (async () => {
      do {
        flushAgain = false;
        await sendPending();
      } while (flushAgain && failures === 0);
    })().finally(() => {
      flushing = null;
    });
    return flushing;
  }

  return {
    record(event) {
      events.push(event);
      if (events.length > maxEvents) events = events.slice(events.length - maxEvents);
      save();
      void flush();
    },
    flush,
    pending: () => events,
    dispose() {
      disposed = true;
      clearTimeout(retryTimer);
    },
  };
}

export type ProgressTrackerOptions = {
  queue: Pick<ProgressQueue, "record">;
  accountSub: string;
  profileId: string;
  titleId: string;
  durationSeconds: number;
  /** While playing, one event this often (default 10 s). */
  intervalMs?: number;
  now?: () => Date;
};

export type ProgressTracker = {
  /** The player's position now (called on every time update). */
  update(positionSeconds: number): void;
  playing(): void;
  paused(): void;
  /** Played to the end: the title counts as finished. */
  ended(): void;
  /** The viewer leaves the player (route change, tab hidden or closed). */
  leave(): void;
};

export function createProgressTracker(options: ProgressTrackerOptions): ProgressTracker {
  const intervalMs = options.intervalMs ?? 10_000;
  const now = options.now ?? (() => new Date());
  const duration = Math.max(1, Math.round(options.durationSeconds));
  let position = 0;
  let lastRecorded: number | null = null;
  let ticker: ReturnType<typeof setInterval> | undefined;

  function record(force = false) {
    const seconds = Math.min(duration, Math.max(0, Math.floor(position)));
    if (!force && lastRecorded !== null && Math.abs(seconds - lastRecorded) < 1) return;
    lastRecorded = seconds;
    options.queue.record({
      accountSub: options.accountSub,
      profileId: options.profileId,
      titleId: options.titleId,
      positionSeconds: seconds,
      durationSeconds: duration,
      eventAt: now().toISOString(),
    });
  }

  const stopTicker = () => {
    clearInterval(ticker);
    ticker = undefined;
  };

  return {
    update(positionSeconds) {
      if (Number.isFinite(positionSeconds)) position = positionSeconds;
    },
    playing() {
      if (ticker) return;
      ticker = setInterval(() => record(), intervalMs);
    },
    paused() {
      stopTicker();
      record();
    },
    ended() {
      stopTicker();
      position = duration;
      record(lastRecorded !== duration);
    },
    leave() {
      stopTicker();
      record();
    },
  };
}
