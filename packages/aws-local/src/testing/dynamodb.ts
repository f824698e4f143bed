// A DynamoDB Local for one test file, with a small pk/sk table and one global index (gsi1).
import { CreateTableCommand, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { startDynamoDBLocal, type DynamoDBLocal } from "../engines/dynamodb.ts";
import { freePort } from "../engines/readiness.ts";

export async function startTestDynamoDB(): Promise<{ engine: DynamoDBLocal; client: DynamoDBClient }> {
  const engine = await startDynamoDBLocal({ port: await freePort() });
  const client = new DynamoDBClient({ endpoint: engine.endpoint, region: "us-east-1", credentials: { accessKeyId: "local", secretAccessKey: "local" } });
  return { engine, client };
}

export async function createKeyValueTable(client: DynamoDBClient, tableName: string): Promise<void> {
  await client.send(
    new CreateTableCommand({
      TableName: tableName,
      BillingMode: "PAY_PER_REQUEST",
      AttributeDefinitions: ["pk", "sk", "gsi1pk", "gsi1sk"].map((name) => ({ AttributeName: name, AttributeType: "S" as const })),
      KeySchema: [
        { AttributeName: "pk", KeyType: "HASH" },
        { AttributeName: "sk", KeyType: "RANGE" },
      ],
      GlobalSecondaryIndexes: [
        {
          IndexName: "gsi1",
          KeySchema: [
            { AttributeName: "gsi1pk", KeyType: "HASH" },
            { AttributeName: "gsi1sk", KeyType: "RANGE" },
          ],
          Projection: { ProjectionType: "ALL" },
        },
      ],
    }),
  );
}
