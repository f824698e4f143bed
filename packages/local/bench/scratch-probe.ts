// scratch: delete
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { DynamoDBClient, GetItemCommand, QueryCommand } from "@aws-sdk/client-dynamodb";
import { signIn } from "../src/engines/provision.ts";
import type { StackInfo } from "../src/stack.ts";
import { postGraphQL, startRequestCapture } from "./capture.ts";
import { requestsOf, runPlan } from "./plans.ts";
import { homeScenario, profilesOf, homeBody } from "./watching.ts";
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
const info = JSON.parse(readFileSync("/tmp/benchwork/stack.json", "utf8")) as StackInfo;
const viewer = info.demoUsers.find((u) => u.groups.length === 0)!;
const { idToken } = await signIn(info.cognitoEndpoint, info.userPoolClientId, viewer.email, viewer.password);
const [profile] = await profilesOf(info.graphqlUrl, idToken);
const capture = await startRequestCapture(repoRoot, info, idToken);
const home = await homeScenario(capture, profile!.id);
await capture.close();
const client = new DynamoDBClient({ endpoint: info.dynamodbEndpoint, region: info.region, credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" } });
const send = async (r: any) => { if (r.operation === "GetItem") await client.send(new GetItemCommand(r.input)); else await client.send(new QueryCommand(r.input)); };
const p50 = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!.toFixed(1);
for (const r of requestsOf(home.plans[0]!)) {
  const xs: number[] = [];
  for (let i = 0; i < 40; i++) { const t = performance.now(); await send(r); xs.push(performance.now() - t); }
  console.log(r.operation, (r.input as any).IndexName ?? "", JSON.stringify((r.input as any).ExpressionAttributeValues ?? (r.input as any).Key).slice(0, 80), "p50", p50(xs));
}
for (const label of ["plan", "graphql"]) {
  const xs: number[] = [];
  for (let i = 0; i < 40; i++) { const t = performance.now(); if (label === "plan") await runPlan(home.plans[0]!, send); else await postGraphQL(info.graphqlUrl, idToken, homeBody(profile!.id)); xs.push(performance.now() - t); }
  console.log(label, "p50", p50(xs));
}
client.destroy();
