// The seed says how far it has got: one line per tenth of the items DynamoDB Local has taken.
import { ScanCommand, type DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createKeyValueTable, startTestDynamoDB } from "@marquee/aws-local/testing/dynamodb";
import type { DynamoDBLocal } from "@marquee/aws-local/engines/dynamodb";
import { batchWrite } from "../../src/seed/catalog.ts";
import { progressLines } from "../../src/seed/progress.ts";

describe("seed progress", () => {
  let engine: DynamoDBLocal;
  let client: DynamoDBClient;
  beforeAll(async () => {
    ({ engine, client } = await startTestDynamoDB());
    await createKeyValueTable(client, "seed");
  });
  afterAll(async () => {
    client?.destroy();
    await engine?.stop();
  });

  it("is one line per tenth of the items written, up to the last tenth (the caller says when it is done)", async () => {
    const items = Array.from({ length: 1000 }, (_, index) => ({ pk: `item-${index}`, sk: "seed" }));
    const lines: string[] = [];
    await batchWrite(client, "seed", items, { progress: progressLines("the test items", (line) => lines.push(line)) });

    expect(lines.map((line) => /: (\d+)% \(/.exec(line)?.[1])).toEqual(["10", "20", "30", "40", "50", "60", "70", "80", "90"]);
    expect(lines[0]).toMatch(/^seeding the test items: 10% \(\d+ of 1000 items\)$/);
    const written = await client.send(new ScanCommand({ TableName: "seed", Select: "COUNT" }));
    expect(written.Count).toBe(1000);
  });

  it("says nothing for a seed of no items", () => {
    const lines: string[] = [];
    progressLines("nothing", (line) => lines.push(line))(0, 0);
    expect(lines).toEqual([]);
  });
});
