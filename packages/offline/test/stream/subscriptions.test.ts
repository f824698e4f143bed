// The table stream's subscribers offline, against DynamoDB Local: like AWS's event-source mappings, each
// subscriber gets the records its own filters accept, and one that keeps failing holds back nobody else.
import { DynamoDBClient, PutItemCommand, type AttributeValue } from "@aws-sdk/client-dynamodb";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolveHandler } from "@marquee/appsync-local/handler-registry";
import { startDynamoDBLocal, type DynamoDBLocal } from "@marquee/aws-local/engines/dynamodb";
import { ensureTable } from "@marquee/aws-local/engines/provision";
import { tableDefinition } from "@marquee/core/table";
import { freePort } from "@marquee/aws-local/engines/readiness";
import {
  interactionSubscription,
  subscribeToTableStream,
  titleSummarySubscription,
  type LambdaStreamEvent,
  type StreamHandler,
  type StreamPoller,
  type StreamSubscription,
} from "../../src/stream/index.ts";

const repoRoot = join(import.meta.dirname, "../../../..");
const credentials = { accessKeyId: "local", secretAccessKey: "local" };
const region = "us-east-1";

describe("the table stream's subscribers", () => {
  let dynamodb: DynamoDBLocal;
  let client: DynamoDBClient;
  const pollers: StreamPoller[] = [];
  let tables = 0;

  beforeAll(async () => {
    dynamodb = await startDynamoDBLocal({ port: await freePort() });
    client = new DynamoDBClient({ endpoint: dynamodb.endpoint, region, credentials });
  }, 120_000);

  afterAll(async () => {
    await Promise.all(pollers.map((poller) => poller.stop()));
    client?.destroy();
    await dynamodb?.stop();
  });

  /** A subscription whose function is `handler` (its own name stands for the handler path). */
  type TestSubscription = Omit<StreamSubscription, "functionName" | "handler"> & { handler: StreamHandler };

  /** A fresh table (its own stream) and its subscribers, reading from LATEST with short pauses. */
  async function subscribe(subscriptions: TestSubscription[]) {
    const tableName = `subscribers-${++tables}`;
    await ensureTable(client, tableName, tableDefinition);
    const handlers = new Map(subscriptions.map((subscription) => [subscription.name, subscription.handler]));
    const started = await subscribeToTableStream(
      {
        dynamoClient: client,
        dynamodbEndpoint: dynamodb.endpoint,
        tableName,
        region,
        credentials,
        invoke: (subscription, event) => handlers.get(subscription.name)!(event),
        timing: { pollIntervalMs: 20, retryDelayMs: 20, maxRetryDelayMs: 100 },
      },
      subscriptions.map((subscription) => ({ ...subscription, functionName: subscription.name, handler: `${subscription.name}.handler` })),
    );
    pollers.push(...started);
    const put = (sk: string, entity: string, extra: Record<string, AttributeValue> = {}) =>
      client.send(new PutItemCommand({ TableName: tableName, Item: { pk: { S: "P" }, sk: { S: sk }, __edb_e__: { S: entity }, ...extra } }));
    return { pollers: started, put };
  }

  /** A handler that keeps what it receives as `<eventName> <sk>`. */
  function recorder() {
    const seen: string[] = [];
    const handler = async (event: LambdaStreamEvent) => {
      seen.push(...event.Records.map((record) => `${record.eventName} ${record.dynamodb?.Keys?.sk?.S}`));
    };
    return { seen, handler };
  }

  it("delivers to each subscriber the records of its own filters, in order", async () => {
    const interactions = recorder();
    const titles = recorder();
    const { pollers: started, put } = await subscribe([
      { name: "a", handler: interactions.handler, filters: [{ eventName: ["INSERT"], dynamodb: { NewImage: { __edb_e__: { S: ["interaction"] } } } }], batchSize: 100 },
      { name: "b", handler: titles.handler, filters: [{ eventName: ["MODIFY"], dynamodb: { NewImage: { __edb_e__: { S: ["title"] } } } }], batchSize: 10 },
    ]);
    await put("e1", "interaction");
    await put("t1", "title");
    await put("t1", "title", { name: { S: "renamed" } });
    await put("e2", "interaction");
    await put("t1", "title", { name: { S: "renamed again" } });
    await Promise.all(started.map((poller) => poller.caughtUp()));
    expect(interactions.seen).toEqual(["INSERT e1", "INSERT e2"]);
    expect(titles.seen).toEqual(["MODIFY t1", "MODIFY t1"]);
  });

  it("keeps delivering to one subscriber while the other fails, and the failing one loses nothing", async () => {
    let down = true;
    const failing = recorder();
    const healthy = recorder();
    const { pollers: started, put } = await subscribe([
      {
        name: "failing",
        handler: async (event) => {
          if (down) throw new Error("down");
          await failing.handler(event);
        },
        filters: [],
        batchSize: 100,
      },
      { name: "healthy", handler: healthy.handler, filters: [], batchSize: 100 },
    ]);
    const [failingPoller, healthyPoller] = started;
    for (const sk of ["x", "y", "z"]) await put(sk, "title");
    await healthyPoller!.caughtUp();
    expect(healthy.seen).toEqual(["INSERT x", "INSERT y", "INSERT z"]);
    await expect.poll(() => failingPoller!.stats().failedInvocations).toBeGreaterThan(1);
    expect(failing.seen).toEqual([]);

    await put("w", "title");
    await healthyPoller!.caughtUp();
    expect(healthy.seen).toEqual(["INSERT x", "INSERT y", "INSERT z", "INSERT w"]);

    down = false;
    await failingPoller!.caughtUp();
    expect(failing.seen).toEqual(["INSERT x", "INSERT y", "INSERT z", "INSERT w"]);
  });

  it("applies the deployed mappings' filters: changed titles reach both Lambdas, interactions and new titles only Personalize's", async () => {
    const interactions = recorder();
    const titleSummaries = recorder();
    const { pollers: started, put } = await subscribe([
      { ...interactionSubscription, handler: interactions.handler },
      { ...titleSummarySubscription, handler: titleSummaries.handler },
    ]);
    await put("TITLE", "title");
    await put("EVENT#1", "interaction");
    await put("TITLE", "title", { name: { S: "renamed" } });
    await put("PROGRESS#t1", "progress");
    await put("PROGRESS#t1", "progress", { positionSeconds: { N: "10" } });
    await Promise.all(started.map((poller) => poller.caughtUp()));
    expect(interactions.seen).toEqual(["INSERT TITLE", "INSERT EVENT#1", "MODIFY TITLE"]);
    expect(titleSummaries.seen).toEqual(["MODIFY TITLE"]);
    expect(titleSummarySubscription.batchSize).toBe(10);
  });

  it("each mapping invokes the handler infra/ subscribes, a file that exists", () => {
    for (const [subscription, infraFile] of [
      [interactionSubscription, "infra/recommendations.ts"],
      [titleSummarySubscription, "infra/history.ts"],
    ] as const) {
      expect(readFileSync(join(repoRoot, infraFile), "utf8")).toContain(`"${subscription.handler}"`);
      expect(resolveHandler(repoRoot, subscription.handler).file).toBe(join(repoRoot, subscription.handler.replace(/\.handler$/, ".ts")));
    }
  });
});
