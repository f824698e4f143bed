// Reliability under engine faults (issue 11): 16 clients mix home, searchTitles, recordProgress and My List
// writes against the stack while DynamoDB Local, then cognito-local, is paused for 10 s (SIGSTOP, then
// SIGCONT), beside the same mix for the same time with no pause, in the same run. Then every write that
// was acknowledged is looked for in the table itself. The figures are computed in reliability-figures.ts.
import { DynamoDBClient, QueryCommand, type QueryCommandOutput } from "@aws-sdk/client-dynamodb";
import { readFileSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import { myListKeys, profilePartition, progressKeys } from "@marquee/core/appsync";
import type { Stack } from "../src/stack.ts";
import { postGraphQL } from "./capture.ts";
import { eventClock } from "./plans.ts";
import { browseBody, searchBody } from "./reads.ts";
import {
  describeErrors,
  lostWrites,
  ok,
  outcomeOfAnswer,
  outcomeOfFailure,
  recoveryMs,
  splitByPauses,
  windowFigures,
  type MyListWrite,
  type OperationKind,
  type Outcome,
  type Pause,
  type ProgressWrite,
  type RequestRecord,
  type TableState,
  type WindowFigures,
} from "./reliability-figures.ts";
import { ensureProfile, homeBody, recordProgressBody } from "./watching.ts";
import { measure, targets, type Row } from "./report.ts";

/** Its own profile, so the table read afterwards holds this benchmark's writes only. */
const profileName = "Bench, reliability";
const clients = 16;
/** Each client's own My List titles: a title whose write got no answer is not written again (see lostWrites). */
const listTitlesPerClient = 3;
const pauseSeconds = 10;
/** Quiet before the first pause, after each resume: 15 + 10 + 20 + 10 + 15 = 70 s, the baseline's length too. */
const schedule = [
  { engine: "DynamoDB Local", atSeconds: 15 },
  { engine: "cognito-local", atSeconds: 45 },
];
const runSeconds = 70;
/** Not counted: the first requests compile the resolvers' paths, and the first interactions start a model training. */
const warmupSeconds = 10;
/** AppSync's own limit: a request held longer has failed for its client. */
const clientTimeoutMs = 30_000;
const searches = ["star", "love", "dark", "man", "war", "night", "king", "life"];
const progressDurationSeconds = 6000;

type Engine = { name: string; pid: number };

export type ReliabilityOptions = { stack: Stack; idToken: string; log: (line: string) => void; add: (row: Row) => void };

export async function measureReliability({ stack, idToken, log, add }: ReliabilityOptions): Promise<void> {
  const url = stack.info.graphqlUrl;
  const engines = [enginePid(stack, "DynamoDB Local", "DynamoDBLocal"), enginePid(stack, "cognito-local", "cognito-local")];
  const profileId = await ensureProfile(url, idToken, profileName);
  const titleIds = await catalogTitles(url, idToken, clients * listTitlesPerClient);
  const mix = new Mix(url, idToken, profileId, titleIds);

  await mix.run([], warmupSeconds);
  log(`reliability: ${clients} clients, ${runSeconds} s without a pause (baseline), after ${warmupSeconds} s of warm-up`);
  const baseline = await mix.run([], runSeconds);
  log(`reliability: ${clients} clients, ${runSeconds} s, ${schedule.map((entry) => `${entry.engine} paused ${pauseSeconds} s at ${entry.atSeconds} s`).join(", ")}`);
  const faulted = await mix.run(engines, runSeconds);

  const base = windowFigures("no pause (baseline)", baseline.records);
  const { outside, during } = splitByPauses(faulted.records, faulted.pauses);
  const windows = [windowFigures("outside the pauses", outside), ...faulted.pauses.map((pause) => windowFigures(`${pause.engine} paused`, during.get(pause.engine)!))];
  for (const figures of [base, ...windows]) log(`reliability: ${describeWindow(figures)}`);
  for (const figures of windows) {
    add({ measure: measure(`reliability: ${figures.name}, answered without error`, figures.successPercent, "%", base.successPercent) });
    add({ measure: measure(`reliability: ${figures.name}, p50 of successes`, figures.p50Ms, "ms", base.p50Ms) });
  }
  for (const pause of faulted.pauses) {
    const sentAfter = faulted.records.filter((record) => record.startedMs >= pause.resumedAtMs);
    for (const [kind, milliseconds] of recoveryMs(sentAfter, pause.resumedAtMs)) {
      if (milliseconds === null) log(`reliability: after ${pause.engine} resumed, no ${kind} succeeded`);
      add({ measure: measure(`reliability: ${pause.engine} resumed, to the first ${kind} success`, milliseconds === null ? Number.NaN : milliseconds / 1000, "s") });
    }
  }

  const table = await tableState(stack, profileId);
  const lost = lostWrites(mix.myListWrites, mix.progressWrites, table);
  log(
    `reliability: ${lost.acknowledgedWrites} acknowledged writes checked in the table; ${lost.indeterminate.length} My List titles not checked (a write got no answer: ${lost.indeterminate.join(", ") || "none"})`,
  );
  if (lost.missingAdds.length + lost.missingProgress.length > 0) log(`reliability: missing: My List ${lost.missingAdds.join(", ") || "none"}; progress ${lost.missingProgress.join(", ") || "none"}`);
  if (lost.presentRemovals.length > 0) log(`reliability: removed but present: ${lost.presentRemovals.join(", ")}`);
  add({ measure: measure("reliability: acknowledged writes missing from the table", lost.missingAdds.length + lost.missingProgress.length, "writes"), target: targets.exactly(0) });
  add({ measure: measure("reliability: acknowledged removals still in the table", lost.presentRemovals.length, "writes"), target: targets.exactly(0) });
}

/** The engine's process among the stack's, by its command line: SIGSTOP on it pauses all its threads. */
function enginePid(stack: Stack, name: string, commandLinePart: string): Engine {
  const pid = stack.pids.find((candidate) => readFileSync(`/proc/${candidate}/cmdline`, "utf8").includes(commandLinePart));
  if (pid === undefined) throw new Error(`No process of the stack runs ${name} (pids ${stack.pids.join(", ")}).`);
  return { name, pid };
}

/** Titles from the catalog's genres, as many as asked (or all there are). */
async function catalogTitles(url: string, idToken: string, count: number): Promise<string[]> {
  const genres = (await postGraphQL(url, idToken, JSON.stringify({ query: "{ genres { name } }" }))).data!.genres as Array<{ name: string }>;
  const titleIds = new Set<string>();
  for (const genre of genres) {
    if (titleIds.size >= count) break;
    const page = (await postGraphQL(url, idToken, browseBody(genre.name, 50))).data!.titlesByGenre as { items: Array<{ id: string }> };
    for (const item of page.items) titleIds.add(item.id);
  }
  if (titleIds.size < clients) throw new Error(`The catalog has ${titleIds.size} titles, fewer than ${clients} clients: is it seeded?`);
  return [...titleIds].slice(0, count);
}

/**
 * The mix, and the ledger of every write it sent. Client c owns progress title c and My List titles c,
 * c + 16, c + 32..., so no two clients write one item and each client's writes to it are in order.
 */
class Mix {
  readonly myListWrites: MyListWrite[] = [];
  readonly progressWrites: ProgressWrite[] = [];
  private readonly clock = eventClock();
  private readonly inList = new Set<string>();
  private readonly unanswered = new Set<string>();
  private writesSent = 0;

  constructor(
    private readonly url: string,
    private readonly idToken: string,
    private readonly profileId: string,
    private readonly titleIds: string[],
  ) {}

  /** `seconds` of the mix; each engine given is paused on the schedule, in order. */
  async run(engines: Engine[], seconds: number): Promise<{ records: RequestRecord[]; pauses: Pause[] }> {
    const records: RequestRecord[] = [];
    const startedMs = performance.now();
    const endMs = startedMs + seconds * 1000;
    const pauses: Pause[] = [];
    const faults = (async () => {
      for (const [index, engine] of engines.entries()) {
        await sleep(startedMs + schedule[index]!.atSeconds * 1000 - performance.now());
        pauses.push(await pause(engine));
      }
    })();
    const client = async (index: number) => {
      for (let step = index; performance.now() < endMs; step++) records.push(await this.request(index, step));
    };
    await Promise.all([faults, ...Array.from({ length: clients }, (_, index) => client(index))]);
    return { records, pauses };
  }

  private async request(client: number, step: number): Promise<RequestRecord> {
    const operation = this.operation(client, step);
    const startedMs = performance.now();
    const outcome = await send(this.url, this.idToken, operation.body);
    operation.settle?.(outcome === ok);
    return { kind: operation.kind, startedMs, endedMs: performance.now(), outcome };
  }

  private operation(client: number, step: number): { kind: OperationKind; body: string; settle?: (acknowledged: boolean) => void } {
    const slot = step % 4;
    if (slot === 0) return { kind: "home", body: homeBody(this.profileId) };
    if (slot === 1) return { kind: "searchTitles", body: searchBody(searches[step % searches.length]!, 20) };
    if (slot === 2) {
      const titleId = this.titleIds[client]!;
      const eventAt = new Date(this.clock()).toISOString();
      const positionSeconds = 60 + (this.writesSent++ % (progressDurationSeconds - 600));
      const body = recordProgressBody({ profileId: this.profileId, titleId, positionSeconds, durationSeconds: progressDurationSeconds, eventAt });
      return { kind: "recordProgress", body, settle: (acknowledged) => this.progressWrites.push({ titleId, eventAt, acknowledged }) };
    }
    const owned = this.titleIds.filter((titleId, index) => index % clients === client && !this.unanswered.has(titleId));
    const titleId = owned[Math.floor(step / 4) % Math.max(owned.length, 1)];
    if (titleId === undefined) return { kind: "searchTitles", body: searchBody(searches[step % searches.length]!, 20) };
    const action = this.inList.has(titleId) ? "remove" : "add";
    const field = action === "add" ? "addToMyList" : "removeFromMyList";
    const body = JSON.stringify({ query: `mutation List($profileId: ID!, $titleId: ID!) { ${field}(profileId: $profileId, titleId: $titleId) { __typename } }`, variables: { profileId: this.profileId, titleId } });
    const settle = (acknowledged: boolean) => {
      this.myListWrites.push({ titleId, action, acknowledged });
      if (!acknowledged) this.unanswered.add(titleId);
      else if (action === "add") this.inList.add(titleId);
      else this.inList.delete(titleId);
    };
    return { kind: field, body, settle };
  }
}

async function send(url: string, idToken: string, body: string): Promise<Outcome> {
  try {
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: idToken },
      body,
      signal: AbortSignal.timeout(clientTimeoutMs),
    });
    const text = await response.text();
    let answer = null;
    try {
      answer = JSON.parse(text);
    } catch {
      // Not JSON: the status says what happened.
    }
    return outcomeOfAnswer(response.status, answer);
  } catch (error) {
    return outcomeOfFailure(error);
  }
}

/** SIGSTOP, `pauseSeconds`, SIGCONT: the engine neither answers nor closes its connections meanwhile. */
async function pause(engine: Engine): Promise<Pause> {
  const pausedAtMs = performance.now();
  process.kill(engine.pid, "SIGSTOP");
  try {
    await sleep(pauseSeconds * 1000);
  } finally {
    process.kill(engine.pid, "SIGCONT");
  }
  return { engine: engine.name, pausedAtMs, resumedAtMs: performance.now() };
}

/** The profile's My List and progress entries, read from the table itself (consistent reads). */
async function tableState(stack: Stack, profileId: string): Promise<TableState> {
  const { dynamodbEndpoint, region, tableName, credentials } = stack.info;
  const client = new DynamoDBClient({ endpoint: dynamodbEndpoint, region, credentials });
  const state: TableState = { myList: new Set(), progressEventAt: new Map() };
  const listPrefix = myListKeys(profileId, "").sk;
  const progressPrefix = progressKeys(profileId, "").sk;
  try {
    let startKey: QueryCommandOutput["LastEvaluatedKey"];
    do {
      const page = await client.send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: "pk = :pk",
          ExpressionAttributeValues: { ":pk": { S: profilePartition(profileId) } },
          ConsistentRead: true,
          ExclusiveStartKey: startKey,
        }),
      );
      for (const item of page.Items ?? []) {
        const sk = item.sk?.S ?? "";
        if (sk.startsWith(listPrefix)) state.myList.add(sk.slice(listPrefix.length));
        if (sk.startsWith(progressPrefix)) state.progressEventAt.set(sk.slice(progressPrefix.length), item.lastEventAt?.S ?? "");
      }
      startKey = page.LastEvaluatedKey;
    } while (startKey);
  } finally {
    client.destroy();
  }
  return state;
}

function describeWindow(figures: WindowFigures): string {
  return `${figures.name}: ${figures.requests} requests, ${figures.errors} errors (${describeErrors(figures.errorsByOutcome)}), p50 ${figures.p50Ms.toFixed(1)} ms`;
}
