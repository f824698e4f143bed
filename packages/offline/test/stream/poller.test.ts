// The stream poller against DynamoDB Local's real stream: what an event-source mapping guarantees
// (order, filters, retries of failed batches from the failed record, nothing lost, nothing skipped).
import { DescribeTableCommand, DynamoDBClient, PutItemCommand } from "@aws-sdk/client-dynamodb";
import { DynamoDBStreamsClient } from "@aws-sdk/client-dynamodb-streams";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDynamoDBLocal, type DynamoDBLocal } from "@marquee/aws-local/engines/dynamodb";
import { ensureTable } from "@marquee/aws-local/engines/provision";
import { tableDefinition } from "@marquee/core/table";
import { freePort } from "@marquee/aws-local/engines/readiness";
import { matchesAny, startStreamPoller, UnsupportedFilterError, type LambdaStreamEvent, type StreamHandler, type StreamPoller } from "../../src/stream/index.ts";

const credentials = { accessKeyId: "local", secretAccessKey: "local" };

describe("the stream poller against DynamoDB Local", () => {
  let dynamodb: DynamoDBLocal;
  let client: DynamoDBClient;
  let streams: DynamoDBStreamsClient;
  let streamArn: string;
  const pollers: StreamPoller[] = [];
  let table = 0;

  beforeAll(async () => {
    dynamodb = await startDynamoDBLocal({ port: await freePort() });
    client = new DynamoDBClient({ endpoint: dynamodb.endpoint, region: "us-east-1", credentials });
    streams = new DynamoDBStreamsClient({ endpoint: dynamodb.endpoint, region: "us-east-1", credentials });
  }, 120_000);

  afterAll(async () => {
    await Promise.all(pollers.map((poller) => poller.stop()));
    client?.destroy();
    streams?.destroy();
    await dynamodb?.stop();
  });

  /** A fresh table (its own stream) per test, so the tests cannot see each other's records. */
  async function freshTable(): Promise<string> {
    const name = `stream-${++table}`;
    await ensureTable(client, name, tableDefinition);
    streamArn = (await client.send(new DescribeTableCommand({ TableName: name }))).Table!.LatestStreamArn!;
    return name;
  }

  const put = (tableName: string, sk: string, entity = "interaction", version = 1) =>
    client.send(new PutItemCommand({ TableName: tableName, Item: { pk: { S: "PROFILE#p1" }, sk: { S: sk }, __edb_e__: { S: entity }, version: { N: String(version) } } }));

  type PollOptions = Pick<Parameters<typeof startStreamPoller>[0], "filters" | "batchSize" | "startingPosition">;
  async function poll(handler: StreamHandler, options: PollOptions = {}) {
    const poller = await startStreamPoller({ client: streams, streamArn, handler, pollIntervalMs: 20, retryDelayMs: 20, ...options });
    pollers.push(poller);
    return poller;
  }

  const sortKeys = (event: LambdaStreamEvent) => event.Records.map((record) => record.dynamodb?.NewImage?.sk?.S);

  it("starts at LATEST and delivers later records in order, as Lambda receives them", async () => {
    const name = await freshTable();
    await put(name, "before");
    const events: LambdaStreamEvent[] = [];
    const poller = await poll(async (event) => void events.push(event));
    for (const sk of ["a", "b", "c"]) await put(name, sk);
    await poller.caughtUp();
    expect(events.flatMap(sortKeys)).toEqual(["a", "b", "c"]);
    const record = events[0]!.Records[0]!;
    expect(record).toMatchObject({ eventName: "INSERT", eventSource: "aws:dynamodb", eventSourceARN: streamArn, awsRegion: "us-east-1" });
    expect(record.dynamodb?.Keys).toEqual({ pk: { S: "PROFILE#p1" }, sk: { S: "a" } });
    expect(typeof record.dynamodb?.ApproximateCreationDateTime).toBe("number");
    expect(record.dynamodb?.StreamViewType).toBe("NEW_AND_OLD_IMAGES");
  });

  it("hands over only the records a filter pattern matches", async () => {
    const name = await freshTable();
    const seen: string[] = [];
    const poller = await poll(async (event) => void seen.push(...(sortKeys(event) as string[])), {
      filters: [{ eventName: ["INSERT"], dynamodb: { NewImage: { __edb_e__: { S: ["interaction"] } } } }],
    });
    await put(name, "kept-1");
    await put(name, "progress", "progress");
    await put(name, "kept-1", "interaction", 2); // the same item changed: a MODIFY, filtered out
    await put(name, "kept-2");
    await poller.caughtUp();
    expect(seen).toEqual(["kept-1", "kept-2"]);
    expect(poller.stats().filteredRecords).toBe(2);
  });

  it("retries a batch whose handler throws until it succeeds, then moves on", async () => {
    const name = await freshTable();
    let failuresLeft = 2;
    const delivered: string[][] = [];
    const poller = await poll(async (event) => {
      delivered.push(sortKeys(event) as string[]);
      if (failuresLeft-- > 0) throw new Error("Personalize is down");
    });
    await put(name, "x");
    await poller.caughtUp();
    await put(name, "y");
    await poller.caughtUp();
    expect(delivered).toEqual([["x"], ["x"], ["x"], ["y"]]);
    expect(poller.stats()).toMatchObject({ invocations: 4, failedInvocations: 2 });
  });

  it("retries from the lowest failed record of a partial failure, not the whole batch", async () => {
    const name = await freshTable();
    // Written before the poller reads from the shard's start: one GetRecords returns all four, one batch.
    for (const sk of ["a", "b", "c", "d"]) await put(name, sk);
    const delivered: string[][] = [];
    const poller = await poll(
      async (event) => {
        delivered.push(sortKeys(event) as string[]);
        if (delivered.length > 1) return { batchItemFailures: [] };
        // "b" and "d" failed: the mapping starts again at "b" (so "c" is sent again too), never at "a".
        return { batchItemFailures: [event.Records[3]!, event.Records[1]!].map((record) => ({ itemIdentifier: record.dynamodb!.SequenceNumber! })) };
      },
      { batchSize: 10, startingPosition: "TRIM_HORIZON" },
    );
    await poller.caughtUp();
    expect(delivered).toEqual([
      ["a", "b", "c", "d"],
      ["b", "c", "d"],
    ]);
  });

  it("retries the whole batch when a failure names no record of it", async () => {
    const name = await freshTable();
    const delivered: string[][] = [];
    let calls = 0;
    const poller = await poll(async (event) => {
      delivered.push(sortKeys(event) as string[]);
      return calls++ === 0 ? { batchItemFailures: [{ itemIdentifier: "not-a-sequence-number" }] } : { batchItemFailures: [] };
    });
    await put(name, "only");
    await poller.caughtUp();
    expect(delivered).toEqual([["only"], ["only"]]);
  });

  it("stops promptly while a batch is being retried", async () => {
    const name = await freshTable();
    const poller = await poll(async () => {
      throw new Error("always down");
    });
    await put(name, "stuck");
    await new Promise((resolve) => setTimeout(resolve, 200));
    const started = Date.now();
    await poller.stop();
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(poller.stats().failedInvocations).toBeGreaterThan(0);
  });
});

describe("filter patterns", () => {
  const record = { eventName: "INSERT", dynamodb: { NewImage: { __edb_e__: { S: "interaction" }, tags: { SS: ["a", "b"] } } } };

  it("match exact values, prefixes, existence and anything-but, any pattern sufficing", () => {
    expect(matchesAny([{ eventName: ["INSERT"] }], record)).toBe(true);
    expect(matchesAny([{ eventName: ["REMOVE"] }, { dynamodb: { NewImage: { __edb_e__: { S: [{ prefix: "inter" }] } } } }], record)).toBe(true);
    expect(matchesAny([{ dynamodb: { OldImage: [{ exists: false }] } }], record)).toBe(true);
    expect(matchesAny([{ dynamodb: { NewImage: [{ exists: true }] } }], record)).toBe(true);
    expect(matchesAny([{ eventName: [{ "anything-but": ["INSERT"] }] }], record)).toBe(false);
    expect(matchesAny([{ dynamodb: { NewImage: { tags: { SS: ["b"] } } } }], record)).toBe(true);
    expect(matchesAny([{ dynamodb: { NewImage: { __edb_e__: { S: ["progress"] } } } }], record)).toBe(false);
  });

  it("refuse rules the poller cannot apply as Lambda would", async () => {
    await expect(
      startStreamPoller({ client: new DynamoDBStreamsClient({}), streamArn: "x", handler: async () => {}, filters: [{ dynamodb: { NewImage: { n: { N: [{ numeric: [">", 0] } as never] } } } }] }),
    ).rejects.toThrow(UnsupportedFilterError);
  });
});
