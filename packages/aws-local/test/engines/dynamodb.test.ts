import { BatchWriteItemCommand, CreateTableCommand, DynamoDBClient, ListTablesCommand, ScanCommand } from "@aws-sdk/client-dynamodb";
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { startDynamoDBLocal } from "../../src/engines/dynamodb.ts";
import { freePort } from "../../src/engines/readiness.ts";
import { isRunning, waitFor } from "./helpers.ts";

const clientOf = (endpoint: string) => new DynamoDBClient({ endpoint, region: "us-east-1", credentials: { accessKeyId: "local", secretAccessKey: "local" } });

const createKeptTable = (client: DynamoDBClient) =>
  client.send(
    new CreateTableCommand({
      TableName: "kept",
      AttributeDefinitions: [{ AttributeName: "pk", AttributeType: "S" }],
      KeySchema: [{ AttributeName: "pk", KeyType: "HASH" }],
      BillingMode: "PAY_PER_REQUEST",
    }),
  );

describe("DynamoDB Local", () => {
  it("keeps its tables in dataDirectory across restarts", async () => {
    const dataDirectory = mkdtempSync(join(tmpdir(), "marquee-dynamodb-test-"));
    try {
      const port = await freePort();
      const before = await startDynamoDBLocal({ port, dataDirectory });
      const beforeClient = clientOf(before.endpoint);
      await createKeptTable(beforeClient);
      beforeClient.destroy();
      await before.stop();

      const after = await startDynamoDBLocal({ port, dataDirectory });
      const afterClient = clientOf(after.endpoint);
      try {
        expect((await afterClient.send(new ListTablesCommand({}))).TableNames).toEqual(["kept"]);
      } finally {
        afterClient.destroy();
        await after.stop();
      }
    } finally {
      rmSync(dataDirectory, { recursive: true, force: true });
    }
  }, 90_000);

  // On disk its SQLite commits without syncing (the seed's speed): what a killed engine had answered must still be there.
  it("keeps every write it answered when its process is killed", async () => {
    const dataDirectory = mkdtempSync(join(tmpdir(), "marquee-dynamodb-test-"));
    try {
      const port = await freePort();
      const killed = await startDynamoDBLocal({ port, dataDirectory });
      const killedClient = clientOf(killed.endpoint);
      await createKeptTable(killedClient);
      for (let batch = 0; batch < 8; batch++) {
        const requests = Array.from({ length: 25 }, (_, index) => ({ PutRequest: { Item: { pk: { S: `item-${batch}-${index}` } } } }));
        const result = await killedClient.send(new BatchWriteItemCommand({ RequestItems: { kept: requests } }));
        expect(result.UnprocessedItems?.kept ?? []).toEqual([]);
      }
      killedClient.destroy();
      process.kill(killed.pid!, "SIGKILL");
      expect(await waitFor(() => !isRunning(killed.pid!), 10_000)).toBe(true);

      const after = await startDynamoDBLocal({ port, dataDirectory });
      const afterClient = clientOf(after.endpoint);
      try {
        expect((await afterClient.send(new ScanCommand({ TableName: "kept", Select: "COUNT" }))).Count).toBe(200);
      } finally {
        afterClient.destroy();
        await after.stop();
      }
    } finally {
      rmSync(dataDirectory, { recursive: true, force: true });
    }
  }, 90_000);

  it("stops when the process that started it dies without stopping it", async () => {
    const port = await freePort();
    const parent = spawn(process.execPath, ["--import", "tsx", join(import.meta.dirname, "fixtures/start-dynamodb.ts"), String(port)], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    const line = await new Promise<string>((resolve, reject) => {
      parent.stdout.once("data", (chunk: Buffer) => resolve(chunk.toString()));
      parent.once("exit", (code) => reject(new Error(`fixture exited with ${code}`)));
    });
    const { pid } = JSON.parse(line) as { pid: number };
    try {
      expect(isRunning(pid)).toBe(true);
      parent.kill("SIGKILL");
      expect(await waitFor(() => !isRunning(pid), 10_000)).toBe(true);
    } finally {
      if (isRunning(pid)) process.kill(pid, "SIGKILL");
    }
  }, 90_000);
});
