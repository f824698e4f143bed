// Fairness under load: the p50 of a cheap query (title by id, one client) while one other client sends
// the heaviest request the API's limits allow, back to back, beside the same p50 with nothing else
// running, in alternating rounds of the same run.
import { setTimeout as sleep } from "node:timers/promises";
import { homeRules } from "@marquee/core/appsync";
import { apiLimits } from "@marquee/functions/api-limits";
import { browseBody, titleBody } from "./reads.ts";
import { postGraphQL, type GraphQLAnswer } from "./capture.ts";
import type { LoadGenerator, LoadSummary } from "./load.ts";
import type { GraphQLTarget } from "./load-types.ts";
import { measure, median, targets, type Row } from "./report.ts";

/** Resolvers one home with its Top picks runs: home, its four rows, and each genre row's titles. */
export const homeResolvers = 5 + homeRules.genreRows;

/**
 * As many homes (Top picks included) as the resolver count limit allows, the root fields left filled
 * with Top picks of 50 titles (one resolver, a Lambda and a BatchGetItem each).
 */
export function heaviestAllowedQuery(profileId: string, limits: typeof apiLimits = apiLimits): { body: string; resolvers: number; rootFields: number } {
  const homes = Math.min(Math.floor(limits.resolverCountLimit / homeResolvers), limits.maxRootFields);
  const picks = Math.min(limits.maxRootFields - homes, limits.resolverCountLimit - homes * homeResolvers);
  const home = (index: number) =>
    `h${index}: home(profileId: $profileId) { continueWatching { title { id name } positionSeconds } myList { title { id name } } ` +
    `topPicks { source items { id name } } genreRows { genre titles { id name year } } }`;
  const pick = (index: number) => `p${index}: topPicks(profileId: $profileId, numResults: 50) { source items { id name year genres } }`;
  const fields = [...Array.from({ length: homes }, (_, index) => home(index)), ...Array.from({ length: picks }, (_, index) => pick(index))];
  return {
    body: JSON.stringify({ query: `query Heaviest($profileId: ID!) { ${fields.join(" ")} }`, variables: { profileId } }),
    resolvers: homes * homeResolvers + picks,
    rootFields: fields.length,
  };
}

type HeavyClient = { stop(): Promise<{ requests: number; failures: number; medianMs: number }> };

/** One client sending `body` back to back until stopped. */
function startHeavyClient(url: string, idToken: string, body: string): HeavyClient {
  let running = true;
  const durations: number[] = [];
  let failures = 0;
  const loop = (async () => {
    while (running) {
      const started = performance.now();
      try {
        await postGraphQL(url, idToken, body);
        durations.push(performance.now() - started);
      } catch {
        failures += 1;
      }
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return { requests: durations.length, failures, medianMs: durations.length > 0 ? median(durations) : Number.NaN };
    },
  };
}

export type FairnessOptions = {
  load: LoadGenerator;
  url: string;
  idToken: string;
  profileId: string;
  log: (line: string) => void;
  add: (row: Row) => void;
  rounds?: number;
  windowSeconds?: number;
};

export async function measureFairness({ load, url, idToken, profileId, log, add, rounds = 3, windowSeconds = 2 }: FairnessOptions): Promise<void> {
  const heaviest = heaviestAllowedQuery(profileId);
  // Allowed as the limits stand, and maximal: one more Top picks would pass the resolver count limit.
  await postGraphQL(url, idToken, heaviest.body);
  const overLimit = JSON.parse(heaviest.body) as { query: string; variables: unknown };
  overLimit.query = overLimit.query.replace(/ }$/, " extra: topPicks(profileId: $profileId) { source } }");
  const refused = await answerOf(url, idToken, JSON.stringify(overLimit));
  const refusedWith = refused.errors?.map((error) => (error as { errorType?: string }).errorType ?? error.message) ?? [];
  log(`heaviest allowed query: ${heaviest.rootFields} root fields, ${heaviest.resolvers} resolvers (limits ${apiLimits.maxRootFields} and ${apiLimits.resolverCountLimit}); one field more: ${refusedWith.join(", ") || "not refused"}`);

  const titles = await titleIdsOf(url, idToken);
  const cheap: GraphQLTarget = { kind: "graphql", url, authorization: idToken, bodies: titles.map(titleBody) };
  const shape = { concurrency: 1, seconds: windowSeconds, warmupSeconds: 0.5 };
  const alone: LoadSummary[] = [];
  const underLoad: LoadSummary[] = [];
  const heavyRuns: Array<{ requests: number; failures: number; medianMs: number }> = [];
  for (let round = 0; round < rounds; round++) {
    const quiet = await load.compare(cheap, cheap, shape, 1);
    alone.push(quiet.measured, quiet.baseline);
    const heavy = startHeavyClient(url, idToken, heaviest.body);
    // The heavy client's first answers warm what it reads, as the cheap query's warm-up does.
    await sleep(500);
    const busy = await load.compare(cheap, cheap, shape, 1);
    underLoad.push(busy.measured, busy.baseline);
    heavyRuns.push(await heavy.stop());
  }
  const p50Alone = median(alone.map((summary) => summary.p50Ms));
  const p50UnderLoad = median(underLoad.map((summary) => summary.p50Ms));
  const heavyRequests = heavyRuns.reduce((sum, run) => sum + run.requests, 0);
  const heavyFailures = heavyRuns.reduce((sum, run) => sum + run.failures, 0);
  log(`heaviest allowed query under measurement: ${heavyRequests} answered (median ${median(heavyRuns.map((run) => run.medianMs)).toFixed(0)} ms), ${heavyFailures} failed`);
  const label = "fairness: title by id p50, 1 client, while one client sends the heaviest allowed query vs alone";
  add({ measure: measure(label, p50UnderLoad, "ms", p50Alone), target: targets.ratioAtMost(3) });
  add({
    measure: measure("fairness: title by id p99, same", median(underLoad.map((summary) => summary.p99Ms)), "ms", median(alone.map((summary) => summary.p99Ms))),
  });
}

async function answerOf(url: string, idToken: string, body: string): Promise<GraphQLAnswer> {
  const response = await fetch(url, { method: "POST", headers: { "content-type": "application/json", authorization: idToken }, body });
  return (await response.json()) as GraphQLAnswer;
}

/** Titles of the largest genre, to read one after another. */
async function titleIdsOf(url: string, idToken: string): Promise<string[]> {
  const genres = (await postGraphQL(url, idToken, JSON.stringify({ query: "{ genres { name titleCount } }" }))).data?.genres as Array<{ name: string; titleCount: number }>;
  const largest = [...genres].sort((a, b) => b.titleCount - a.titleCount)[0];
  if (!largest) throw new Error("The catalog has no genre: is it seeded?");
  const page = (await postGraphQL(url, idToken, browseBody(largest.name, 50))).data?.titlesByGenre as { items: Array<{ id: string }> };
  return page.items.map((item) => item.id);
}
