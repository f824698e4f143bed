// The reliability benchmark's bookkeeping (reliability.ts drives the load): what each answer counts as,
// the figures of a window of requests, the recovery after an engine is resumed, and which acknowledged
// writes the table no longer holds. Pure functions of the records, so they are tested without a stack.
import { median } from "./report.ts";

export type OperationKind = "home" | "searchTitles" | "recordProgress" | "addToMyList" | "removeFromMyList";

/** "ok", or what went wrong: the first error's errorType, the HTTP status, or why no answer came. */
export type Outcome = string;
export const ok: Outcome = "ok";

/** One request, its times from the run's own clock (performance.now()). */
export type RequestRecord = { kind: OperationKind; startedMs: number; endedMs: number; outcome: Outcome };

type AnswerBody = { data?: unknown; errors?: Array<{ message?: string; errorType?: string }> } | null;

/** An answer is a success only with HTTP 200 and no error: partial data with errors is an error. */
export function outcomeOfAnswer(status: number, body: AnswerBody): Outcome {
  const [error] = body?.errors ?? [];
  if (status === 200 && !error && body?.data) return ok;
  if (error) return `${error.errorType ?? "no errorType"} (HTTP ${status})`;
  return `HTTP ${status}`;
}

/** No answer at all: the client's timeout (TimeoutError) or the connection's error code. */
export function outcomeOfFailure(error: unknown): Outcome {
  if (error instanceof Error) {
    const code = (error.cause as { code?: string } | undefined)?.code;
    return `no answer: ${code ?? error.name}`;
  }
  return "no answer";
}

export type WindowFigures = {
  name: string;
  requests: number;
  errors: number;
  /** Answered without error, in percent of the window's requests (NaN for an empty window). */
  successPercent: number;
  /** Of the successful requests (NaN when none succeeded). */
  p50Ms: number;
  errorsByOutcome: Record<Outcome, number>;
};

export function windowFigures(name: string, records: RequestRecord[]): WindowFigures {
  const successes = records.filter((record) => record.outcome === ok);
  const errorsByOutcome: Record<Outcome, number> = {};
  for (const record of records) if (record.outcome !== ok) errorsByOutcome[record.outcome] = (errorsByOutcome[record.outcome] ?? 0) + 1;
  return {
    name,
    requests: records.length,
    errors: records.length - successes.length,
    successPercent: records.length === 0 ? Number.NaN : (100 * successes.length) / records.length,
    p50Ms: successes.length === 0 ? Number.NaN : median(successes.map((record) => record.endedMs - record.startedMs)),
    errorsByOutcome,
  };
}

export type Pause = { engine: string; pausedAtMs: number; resumedAtMs: number };

/** Requests by when they were sent: during each pause (by engine), or outside every pause. */
export function splitByPauses(records: RequestRecord[], pauses: Pause[]): { outside: RequestRecord[]; during: Map<string, RequestRecord[]> } {
  const during = new Map(pauses.map((pause) => [pause.engine, [] as RequestRecord[]]));
  const outside: RequestRecord[] = [];
  for (const record of records) {
    const pause = pauses.find((candidate) => record.startedMs >= candidate.pausedAtMs && record.startedMs < candidate.resumedAtMs);
    if (pause) during.get(pause.engine)!.push(record);
    else outside.push(record);
  }
  return { outside, during };
}

/**
 * Per operation kind, the time from the resume to the first success of a request sent after it (not one
 * held through the pause and answered once the engine moved again); null when none succeeded.
 */
export function recoveryMs(records: RequestRecord[], resumedAtMs: number): Map<OperationKind, number | null> {
  const recovery = new Map<OperationKind, number | null>();
  for (const kind of new Set(records.map((record) => record.kind))) {
    const firstSuccess = records
      .filter((record) => record.kind === kind && record.outcome === ok && record.startedMs >= resumedAtMs)
      .reduce((earliest, record) => Math.min(earliest, record.endedMs), Number.POSITIVE_INFINITY);
    recovery.set(kind, Number.isFinite(firstSuccess) ? firstSuccess - resumedAtMs : null);
  }
  return recovery;
}

/** A My List write, in the order its client sent it. */
export type MyListWrite = { titleId: string; action: "add" | "remove"; acknowledged: boolean };
/** A recordProgress write: its title and event time (ISO 8601, from one increasing clock). */
export type ProgressWrite = { titleId: string; eventAt: string; acknowledged: boolean };

/** What the table holds for the profile, read straight from it after the run. */
export type TableState = { myList: Set<string>; progressEventAt: Map<string, string> };

export type LostWrites = {
  /** Titles whose last write was an acknowledged add, not in My List. */
  missingAdds: string[];
  /** Titles whose last write was an acknowledged remove, still in My List. */
  presentRemovals: string[];
  /** Titles whose latest acknowledged progress event the table does not hold (nor a later one). */
  missingProgress: string[];
  /** Titles with a My List write that was not acknowledged: it may or may not have been applied. */
  indeterminate: string[];
  acknowledgedWrites: number;
};

export function lostWrites(myListWrites: MyListWrite[], progressWrites: ProgressWrite[], table: TableState): LostWrites {
  const lastListWrite = new Map<string, MyListWrite>();
  const indeterminate = new Set<string>();
  for (const write of myListWrites) {
    lastListWrite.set(write.titleId, write);
    if (!write.acknowledged) indeterminate.add(write.titleId);
  }
  const missingAdds: string[] = [];
  const presentRemovals: string[] = [];
  for (const [titleId, write] of lastListWrite) {
    if (indeterminate.has(titleId)) continue;
    if (write.action === "add" && !table.myList.has(titleId)) missingAdds.push(titleId);
    if (write.action === "remove" && table.myList.has(titleId)) presentRemovals.push(titleId);
  }
  // Events only move forward, so an unacknowledged one can only leave a later event than the last acknowledged.
  const latestAcknowledged = new Map<string, string>();
  for (const write of progressWrites) {
    const latest = latestAcknowledged.get(write.titleId);
    if (write.acknowledged && (latest === undefined || write.eventAt > latest)) latestAcknowledged.set(write.titleId, write.eventAt);
  }
  const missingProgress = [...latestAcknowledged]
    .filter(([titleId, eventAt]) => {
      const stored = table.progressEventAt.get(titleId);
      return stored === undefined || stored < eventAt;
    })
    .map(([titleId]) => titleId);
  const acknowledgedWrites = [...myListWrites, ...progressWrites].filter((write) => write.acknowledged).length;
  return { missingAdds, presentRemovals, missingProgress, indeterminate: [...indeterminate], acknowledgedWrites };
}

/** "HTTP 500 ×3, no answer: TimeoutError ×1", most frequent first. */
export function describeErrors(errorsByOutcome: Record<Outcome, number>): string {
  const entries = Object.entries(errorsByOutcome).sort((a, b) => b[1] - a[1]);
  return entries.length === 0 ? "none" : entries.map(([outcome, count]) => `${outcome} ×${count}`).join(", ");
}
