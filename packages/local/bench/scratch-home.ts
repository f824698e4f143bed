// scratch: delete
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { signIn } from "../src/engines/provision.ts";
import { startStack } from "../src/stack.ts";
import { postGraphQL, startRequestCapture } from "./capture.ts";
import { startLoadGenerator } from "./load.ts";
import { homeScenario, recordProgressScenario, profilesOf, historyOf, addToMyList, homeBody, homeContents, ensureProfile } from "./watching.ts";
import { DynamoDBClient, TransactWriteItemsCommand } from "@aws-sdk/client-dynamodb";

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
const stack = await startStack({ repoRoot, persistent: false, seed: "full", log: (l) => console.log("stack:", l) });
try {
  const viewer = stack.info.demoUsers.find((u) => u.groups.length === 0)!;
  const { idToken } = await signIn(stack.info.cognitoEndpoint, stack.info.userPoolClientId, viewer.email, viewer.password);
  const url = stack.info.graphqlUrl;
  const profiles = await profilesOf(url, idToken);
  console.log(profiles);
  const history = await historyOf(url, idToken, profiles[0]!.id, 20);
  console.log(history.length, history.slice(0, 3));
  await addToMyList(url, idToken, profiles[0]!.id, history.map((h) => h.titleId));
  console.log(homeContents(await postGraphQL(url, idToken, homeBody(profiles[0]!.id))));
  const empty = await ensureProfile(url, idToken, "Bench, no history");
  console.log(homeContents(await postGraphQL(url, idToken, homeBody(empty))));
  const capture = await startRequestCapture(repoRoot, stack.info, idToken);
  const home = await homeScenario(capture, profiles[0]!.id);
  console.log(JSON.stringify(home.plans[0]).slice(0, 3000));
  const writes = history.slice(0, 16).map((e) => ({ profileId: profiles[0]!.id, titleId: e.titleId, positionSeconds: Math.round(e.durationSeconds * 0.4), durationSeconds: e.durationSeconds }));
  const progress = await recordProgressScenario(capture, writes, Date.now() - 3_600_000);
  console.log(JSON.stringify(progress.plans[0]).slice(0, 4000));
  console.log(progress.eventTime);
  await capture.close();
  const load = startLoadGenerator();
  const shape = (c: number) => ({ concurrency: c, seconds: 2, warmupSeconds: 0.3 });
  for (const op of [home, progress]) {
    for (const c of [1, 16]) {
      const r = await load.compare(
        { kind: "graphql", url, authorization: idToken, bodies: op.bodies, assignment: "byClient", eventTime: op.eventTime },
        { kind: "dynamodb", endpoint: stack.info.dynamodbEndpoint, region: stack.info.region, operations: op.plans, assignment: "byClient", eventTime: op.eventTime },
        shape(c), 2);
      console.log(op.name, c, r);
    }
  }
  await load.close();
  console.log(homeContents(await postGraphQL(url, idToken, homeBody(profiles[0]!.id))));
} finally {
  await stack.stop();
}
