// scratch: delete
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { signIn } from "../src/engines/provision.ts";
import type { StackInfo } from "../src/stack.ts";
import { startRequestCapture } from "./capture.ts";
import { startLoadGenerator } from "./load.ts";
import { homeScenario, recordProgressScenario, profilesOf, historyOf } from "./watching.ts";
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
const info = JSON.parse(readFileSync("/tmp/benchwork/stack.json", "utf8")) as StackInfo;
const viewer = info.demoUsers.find((u) => u.groups.length === 0)!;
const { idToken } = await signIn(info.cognitoEndpoint, info.userPoolClientId, viewer.email, viewer.password);
const url = info.graphqlUrl;
const [profile] = await profilesOf(url, idToken);
const history = await historyOf(url, idToken, profile!.id, 20);
const capture = await startRequestCapture(repoRoot, info, idToken);
const home = await homeScenario(capture, profile!.id);
const writes = history.slice(0, 16).map((e) => ({ profileId: profile!.id, titleId: e.titleId, positionSeconds: Math.round(e.durationSeconds * 0.4), durationSeconds: e.durationSeconds }));
const progress = await recordProgressScenario(capture, writes, Date.now() - 3_600_000);
await capture.close();
const load = startLoadGenerator();
const secs = Number(process.argv[2] ?? 2);
const ops = process.argv[3] === "progress" ? [progress] : process.argv[3] === "home" ? [home] : [home, progress];
for (const op of ops) {
  for (const c of [1, 16]) {
    const r = await load.compare(
      { kind: "graphql", url, authorization: idToken, bodies: op.bodies, assignment: op.assignment, eventTime: op.eventTime },
      { kind: "dynamodb", endpoint: info.dynamodbEndpoint, region: info.region, operations: op.plans, assignment: op.assignment, eventTime: op.eventTime },
      { concurrency: c, seconds: secs, warmupSeconds: 0.3 }, 2);
    const f = (s: any) => `${s.requestsPerSecond.toFixed(1)}/s p50 ${s.p50Ms.toFixed(1)} p99 ${s.p99Ms.toFixed(1)} failed ${s.failed}`;
    console.log(op.name, c, "graphql", f(r.measured), "| direct", f(r.baseline));
  }
}
await load.close();
