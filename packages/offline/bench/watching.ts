// The profile operations the benchmark drives (issue 4): the home query and recordProgress, for the demo
// viewer's profile. Each is a list of GraphQL bodies beside the plan of DynamoDB requests each one sends,
// recorded by capture.ts and checked against the runtime's own timing (plans.ts).
import { postGraphQL, type GraphQLAnswer, type RequestCapture } from "./capture.ts";
import type { Assignment, DirectPlan, DirectRequest, EventTimeTemplate } from "./load-types.ts";
import { eventTimeTemplate, planMismatches, requestsOf, sequenceOf } from "./plans.ts";

export type OperationScenario = {
  name: string;
  /** GraphQL request bodies; with `eventTime`, their event time is replaced before each request. */
  bodies: string[];
  /** The DynamoDB requests of the body at the same index, with the runtime's parallelism. */
  plans: DirectPlan[];
  /** Writes: each client owns its bodies, so no two write the same item at once. */
  assignment: Assignment;
  eventTime?: EventTimeTemplate;
};

const homeQuery = `query Home($profileId: ID!) { home(profileId: $profileId) {
  profile { id name maturity }
  continueWatching { title { id name year genres } positionSeconds durationSeconds resumeAtSeconds lastWatchedAt }
  myList { title { id name year genres } addedAt }
  genreRows { genre titles { id name year genres maturity averageRating } }
} }`;
const recordProgressMutation =
  "mutation Progress($input: RecordProgressInput!) { recordProgress(input: $input) { title { id name } positionSeconds resumeAtSeconds status lastWatchedAt } }";

export const homeBody = (profileId: string) => JSON.stringify({ query: homeQuery, variables: { profileId } });

/** The same home with its Top picks row (issue 5): a Lambda asking the recommender, then one BatchGetItem. */
const homeWithTopPicksQuery = homeQuery.replace(
  "genreRows {",
  "topPicks { source items { id name year genres maturity } } genreRows {",
);
export const homeWithTopPicksBody = (profileId: string) => JSON.stringify({ query: homeWithTopPicksQuery, variables: { profileId } });

export type ProgressEvent = { profileId: string; titleId: string; positionSeconds: number; durationSeconds: number; eventAt: string };
export const recordProgressBody = (input: ProgressEvent) => JSON.stringify({ query: recordProgressMutation, variables: { input } });

/** What a home answer holds, to show its request count does not follow it. */
export type HomeContents = { continueWatching: number; myList: number; genreRows: number; rowTitles: number };

export function homeContents(answer: GraphQLAnswer): HomeContents {
  const home = answer.data?.home as { continueWatching: unknown[]; myList: unknown[]; genreRows: Array<{ titles: unknown[] }> } | undefined;
  if (!home) throw new Error(`The answer has no home: ${JSON.stringify(answer).slice(0, 300)}`);
  return {
    continueWatching: home.continueWatching.length,
    myList: home.myList.length,
    genreRows: home.genreRows.length,
    rowTitles: home.genreRows.reduce((sum, row) => sum + row.titles.length, 0),
  };
}

/**
 * Home's requests as its resolvers send them: the profile (requireProfile), then the Home fields at
 * once (continue watching and My List on gsi1, the genre rows' history on gsi2), and when the rows are
 * known, every row's titles at once (Queries on the genre partitions).
 */
export function homePlan(requests: DirectRequest[]): DirectPlan {
  const [profile, ...queries] = requests;
  if (profile?.operation !== "GetItem") throw new Error(`home should read its profile first, not ${profile?.operation}.`);
  const indexOf = (request: DirectRequest) => (request.operation === "Query" ? (request.input.IndexName ?? "table") : request.operation);
  const lists = queries.filter((request) => indexOf(request) === "gsi1");
  const rowsHistory = queries.filter((request) => indexOf(request) === "gsi2");
  const rowTitles = queries.filter((request) => indexOf(request) === "table");
  if (lists.length + rowsHistory.length + rowTitles.length !== queries.length || rowsHistory.length !== 1) {
    throw new Error(`home sent requests the benchmark does not know how to replay: ${queries.map(indexOf).join(", ")}`);
  }
  // Rows answered from the API cache send no Query: the rows' history is all that branch reads.
  const rows: DirectPlan =
    rowTitles.length === 0
      ? { request: rowsHistory[0]! }
      : { sequence: [{ request: rowsHistory[0]! }, { parallel: rowTitles.map((request) => ({ request })) }] };
  return { sequence: [{ request: profile }, { parallel: [...lists.map((request) => ({ request })), rows] }] };
}

/** How many runs of each operation are captured: each must show the plan's parallelism. */
const checkedRuns = 3;

/**
 * `cachedRows`: the capture runs with an API cache, warmed by one home query first, so the plan is what
 * a home query sends once its genre rows are cached (the capture must have been started with a cache).
 */
export async function homeScenario(capture: RequestCapture, profileId: string, options: { cachedRows: boolean }): Promise<OperationScenario> {
  const body = homeBody(profileId);
  if (options.cachedRows) await capture.capture(body);
  let plan: DirectPlan | null = null;
  for (let run = 0; run < checkedRuns; run++) {
    const { requests, timings } = await capture.capture(body);
    const candidate = homePlan(requests);
    // The plan holds the captured request objects: their timings, in the plan's order.
    const problems = planMismatches(candidate, requestsOf(candidate).map((request) => timings[requests.indexOf(request)]!));
    if (problems.length > 0) throw new Error(`home's plan is not what the runtime does: ${problems.join("; ")}`);
    plan ??= candidate;
  }
  const rowTitles = requestsOf(plan!).filter((request) => request.operation === "Query" && !request.input.IndexName).length;
  if (options.cachedRows !== (rowTitles === 0)) throw new Error(`home read ${rowTitles} genre rows from the table, ${options.cachedRows ? "with" : "without"} its rows cached`);
  return { name: options.cachedRows ? "home query, genre rows from the API cache" : "home query, API cache off", bodies: [body], plans: [plan!], assignment: "shared" };
}

/**
 * recordProgress on each of `events`' titles (one body each: with as many clients as titles, each
 * client writes its own title, and no two clients write the same item at once). Each is captured once
 * at `templateMillis` (before any time the benchmark's clock gives), which the load generator then
 * replaces with a fresh, later time for every request.
 */
export async function recordProgressScenario(capture: RequestCapture, events: Array<Omit<ProgressEvent, "eventAt">>, templateMillis: number): Promise<OperationScenario> {
  const eventAt = new Date(templateMillis).toISOString();
  const bodies: string[] = [];
  const plans: DirectPlan[] = [];
  for (const event of events) {
    const body = recordProgressBody({ ...event, eventAt });
    const { requests, timings } = await capture.capture(body);
    const plan = sequenceOf(requests);
    const problems = planMismatches(plan, timings);
    if (problems.length > 0) throw new Error(`recordProgress's plan is not what the runtime does: ${problems.join("; ")}`);
    if (requests[requests.length - 1]?.operation !== "TransactWriteItems") throw new Error("recordProgress should end with its transaction.");
    bodies.push(body);
    plans.push(plan);
  }
  return { name: "recordProgress", bodies, plans, assignment: "byClient", eventTime: eventTimeTemplate(JSON.stringify(plans), templateMillis) };
}

/** The caller's profiles. */
export async function profilesOf(url: string, idToken: string): Promise<Array<{ id: string; name: string }>> {
  const answer = await postGraphQL(url, idToken, JSON.stringify({ query: "{ profiles { id name } }" }));
  return answer.data!.profiles as Array<{ id: string; name: string }>;
}

/** The profile's latest history entries, newest first. */
export async function historyOf(url: string, idToken: string, profileId: string, limit: number): Promise<Array<{ titleId: string; durationSeconds: number }>> {
  const query = "query History($profileId: ID!, $limit: Int) { history(profileId: $profileId, limit: $limit) { items { title { id } durationSeconds } } }";
  const answer = await postGraphQL(url, idToken, JSON.stringify({ query, variables: { profileId, limit } }));
  const items = (answer.data!.history as { items: Array<{ title: { id: string }; durationSeconds: number }> }).items;
  return items.map((item) => ({ titleId: item.title.id, durationSeconds: item.durationSeconds }));
}

/** A profile of the caller's with this name, created (empty: no history, no list) when missing. */
export async function ensureProfile(url: string, idToken: string, name: string): Promise<string> {
  const existing = (await profilesOf(url, idToken)).find((profile) => profile.name === name);
  if (existing) return existing.id;
  const mutation = "mutation Create($input: CreateProfileInput!) { createProfile(input: $input) { id } }";
  const answer = await postGraphQL(url, idToken, JSON.stringify({ query: mutation, variables: { input: { name, maturity: "ADULT" } } }));
  return (answer.data!.createProfile as { id: string }).id;
}

export async function addToMyList(url: string, idToken: string, profileId: string, titleIds: string[]): Promise<void> {
  const mutation = "mutation Add($profileId: ID!, $titleId: ID!) { addToMyList(profileId: $profileId, titleId: $titleId) { addedAt } }";
  for (const titleId of titleIds) await postGraphQL(url, idToken, JSON.stringify({ query: mutation, variables: { profileId, titleId } }));
}
