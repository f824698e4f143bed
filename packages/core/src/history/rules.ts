// The watch-progress rules streaming servers use, as configuration. Dependency-free and written in
// the APPSYNC_JS subset (no throw, regex, Set/Map, loops with ++): the resolvers import it as is.

/** Thresholds of `classifyProgress`; documented in ./README.md. */
export const progressRules = {
  /** Below this fraction watched nothing is kept to resume (the title is only "started"). */
  resumableFromFraction: 0.05,
  /** From this fraction the title counts as finished and its resume point is cleared. */
  finishedFromFraction: 0.9,
  /** Titles shorter than this (trailers, shorts) are never resumable. */
  minResumableDurationSeconds: 300,
} as const;

/** What `recordProgress` accepts. */
export const progressLimits = {
  /** Longer than a day is a client bug, not a title. */
  maxDurationSeconds: 24 * 60 * 60,
  /** How far in the future an event time may be (player clocks drift). */
  clockSkewSeconds: 5 * 60,
} as const;

/** How long interaction events are kept for recommendations (DynamoDB TTL on `expiresAt`). */
export const interactionRetentionDays = 400;

export type ProgressRules = { resumableFromFraction: number; finishedFromFraction: number; minResumableDurationSeconds: number };
export const watchStatuses = ["STARTED", "IN_PROGRESS", "FINISHED"] as const;
export type WatchStatus = (typeof watchStatuses)[number];
export type Progress = { status: WatchStatus; resumeAtSeconds: number | null };
export type InteractionType = "watch" | "finish";

/** Where a position leaves a title: finished, resumable, or merely started. Expects a valid position. */
export function classifyProgress(positionSeconds: number, durationSeconds: number, rules: ProgressRules = progressRules): Progress {
  const fraction = positionSeconds / durationSeconds;
  if (fraction >= rules.finishedFromFraction) return { status: "FINISHED", resumeAtSeconds: null };
  if (fraction < rules.resumableFromFraction || durationSeconds < rules.minResumableDurationSeconds) return { status: "STARTED", resumeAtSeconds: null };
  return { status: "IN_PROGRESS", resumeAtSeconds: positionSeconds };
}

/** Only resumable entries appear in continue watching. */
export const isResumable = (progress: Progress) => progress.status === "IN_PROGRESS";

/** The interaction a progress event records for recommendations. */
export const interactionTypeOf = (progress: Progress): InteractionType => (progress.status === "FINISHED" ? "finish" : "watch");

export type ProgressEvent = {
  positionSeconds: number;
  durationSeconds: number;
  /** When the player observed the position; null when the event time could not be read. */
  eventAtEpochMillis: number | null;
};

const isNumber = (value: unknown): value is number => typeof value === "number" && Number.isFinite(value);

/** Why a progress event is refused (a message a client may see), or null when it is acceptable. */
export function progressEventProblem(event: ProgressEvent, nowEpochMillis: number): string | null {
  const { positionSeconds, durationSeconds, eventAtEpochMillis } = event;
  if (!isNumber(positionSeconds) || positionSeconds < 0) return `positionSeconds must be a number of seconds, 0 or more (got ${positionSeconds}).`;
  if (!isNumber(durationSeconds) || durationSeconds <= 0) return `durationSeconds must be a number of seconds, more than 0 (got ${durationSeconds}).`;
  if (durationSeconds > progressLimits.maxDurationSeconds)
    return `durationSeconds must be at most ${progressLimits.maxDurationSeconds} (24 hours) (got ${durationSeconds}).`;
  if (positionSeconds > durationSeconds) return `positionSeconds (${positionSeconds}) must not be beyond durationSeconds (${durationSeconds}).`;
  if (eventAtEpochMillis === null || !isNumber(eventAtEpochMillis)) return "eventAt must be an ISO 8601 date-time.";
  if (eventAtEpochMillis > nowEpochMillis + progressLimits.clockSkewSeconds * 1000)
    return `eventAt must not be in the future (at most ${progressLimits.clockSkewSeconds} seconds ahead of the server's clock).`;
  return null;
}

/** TTL of an interaction event, in epoch seconds. */
export function interactionExpiresAt(eventAtEpochMillis: number): number {
  return Math.floor(eventAtEpochMillis / 1000) + interactionRetentionDays * 24 * 60 * 60;
}
