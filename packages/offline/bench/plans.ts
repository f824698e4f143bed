// The direct baseline of an operation that sends several DynamoDB requests: its plan (which requests
// wait for which), checked against what the runtime was seen doing, replayed with the same parallelism;
// and the event times that must grow with every replayed write. Pure logic, shared by the main thread
// and the load worker.
import type { Assignment, DirectPlan, DirectRequest, EventTimeTemplate } from "./load-types.ts";

/** Runs a plan: a sequence's steps one after another, a parallel group's members at once. */
export async function runPlan(plan: DirectPlan, send: (request: DirectRequest) => Promise<void>): Promise<void> {
  if ("request" in plan) return send(plan.request);
  if ("sequence" in plan) {
    for (const step of plan.sequence) await runPlan(step, send);
    return;
  }
  await Promise.all(plan.parallel.map((member) => runPlan(member, send)));
}

/** The plan's requests in the order a sequential reading of it meets them. */
export function requestsOf(plan: DirectPlan): DirectRequest[] {
  if ("request" in plan) return [plan.request];
  return ("sequence" in plan ? plan.sequence : plan.parallel).flatMap(requestsOf);
}

/** A pipeline: every request after the previous one. */
export const sequenceOf = (requests: DirectRequest[]): DirectPlan => ({ sequence: requests.map((request) => ({ request })) });

/** When the runtime sent a request and when its answer came back (any clock, same for all). */
export type Timing = { startedMs: number; endedMs: number };

/**
 * Checks a plan against one run of the operation through the runtime (`timings` by request, as
 * requestsOf(plan) orders them): each sequence step started after the previous step's requests had all
 * answered, and the members of a parallel group all started before any of them answered (so the
 * runtime really sent them together). Returns what does not match; empty when the plan is the runtime's.
 */
export function planMismatches(plan: DirectPlan, timings: Timing[]): string[] {
  const expected = requestsOf(plan).length;
  if (timings.length !== expected) return [`the plan has ${expected} requests, the runtime sent ${timings.length}`];
  const problems: string[] = [];
  let next = 0;
  /** Visits `node`; returns the span (first start, last end) of its requests and their indices. */
  const visit = (node: DirectPlan): { firstStart: number; lastEnd: number; from: number; to: number } => {
    if ("request" in node) {
      const index = next++;
      const timing = timings[index]!;
      return { firstStart: timing.startedMs, lastEnd: timing.endedMs, from: index, to: index };
    }
    const spans = ("sequence" in node ? node.sequence : node.parallel).map(visit);
    if ("sequence" in node) {
      spans.forEach((span, step) => {
        const previous = spans[step - 1];
        if (previous && span.firstStart < previous.lastEnd) {
          problems.push(`request ${span.from} started before request(s) ${previous.from}-${previous.to} had answered: the runtime does not wait for them`);
        }
      });
    } else {
      const firstAnswer = Math.min(...spans.map((span) => timings[span.from]!.endedMs));
      for (const span of spans) {
        if (span.firstStart > firstAnswer) problems.push(`request ${span.from} started after a sibling had answered: the runtime does not send them together`);
      }
    }
    return {
      firstStart: Math.min(...spans.map((span) => span.firstStart)),
      lastEnd: Math.max(...spans.map((span) => span.lastEnd)),
      from: spans[0]?.from ?? next,
      to: spans[spans.length - 1]?.to ?? next - 1,
    };
  };
  visit(plan);
  return problems;
}

/** Event times that only move forward, one millisecond apart at least, never behind the wall clock. */
export function eventClock(now: () => number = Date.now): () => number {
  let last = Number.NEGATIVE_INFINITY;
  return () => (last = Math.max(last + 1, now()));
}

/**
 * Finds where `templateMillis` shows in a captured request (`json`): its ISO 8601 text must be there
 * (or the request does not carry the event time at all), and DynamoDB numbers within `horizonDays`
 * after it in epoch seconds are taken as derived from it (a TTL such as expiresAt).
 */
export function eventTimeTemplate(json: string, templateMillis: number, horizonDays = 20 * 366): EventTimeTemplate {
  const iso = new Date(templateMillis).toISOString();
  if (!json.includes(iso)) throw new Error(`The captured request does not carry the event time ${iso}.`);
  const seconds = Math.floor(templateMillis / 1000);
  const offsets = new Set<number>();
  for (const match of json.matchAll(/"N":"(\d+)"/g)) {
    const offset = Number(match[1]) - seconds;
    if (offset >= 0 && offset <= horizonDays * 86_400) offsets.add(offset);
  }
  return { templateMillis, epochSecondsOffsets: [...offsets] };
}

/** `text` (a GraphQL body, a request as JSON) with the template's event time replaced by `millis`. */
export function stampEventTime(text: string, template: EventTimeTemplate, millis: number): string {
  let stamped = text.split(new Date(template.templateMillis).toISOString()).join(new Date(millis).toISOString());
  const templateSeconds = Math.floor(template.templateMillis / 1000);
  const seconds = Math.floor(millis / 1000);
  for (const offset of template.epochSecondsOffsets) {
    stamped = stamped.split(`"N":"${templateSeconds + offset}"`).join(`"N":"${seconds + offset}"`);
  }
  return stamped;
}

/**
 * Which entry of a target's list (`length` entries) a client sends next, given how many it sent before
 * and how many all clients sent before. Refuses a list that `concurrency` clients cannot own evenly.
 */
export function entrySelector(assignment: Assignment, length: number, concurrency: number): (client: number, sentByClient: number, sentByAll: number) => number {
  if (length === 0) throw new Error("A load target needs at least one request.");
  if (assignment === "shared") return (_client, _sentByClient, sentByAll) => sentByAll % length;
  if (length % concurrency !== 0) throw new Error(`${length} entries cannot be shared out evenly between ${concurrency} clients.`);
  return (client, sentByClient) => (client + sentByClient * concurrency) % length;
}
