// Core's single table, created from its own definition, in a DynamoDB Local of the test file's own.
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { ensureTable } from "@marquee/aws-local/engines/provision";
import { startTestDynamoDB } from "@marquee/aws-local/testing/dynamodb";
import { tableDefinition } from "../../src/table.ts";

export type TestTable = { dynamo: DynamoDBDocumentClient; stop(): Promise<void> };

export async function startTestTable(tableName: string): Promise<TestTable> {
  const { engine, client } = await startTestDynamoDB();
  const dynamo = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  await ensureTable(client, tableName, tableDefinition);
  return {
    dynamo,
    async stop() {
      dynamo.destroy();
      await engine.stop();
    },
  };
}
