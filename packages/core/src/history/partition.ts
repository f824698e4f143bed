// A profile's own partition (pk PROFILE#<profileId>: progress, My List, interaction events), removed
// whole: when the profile is deleted (Profile.remove) and when it was left behind (./orphans.ts).
import { BatchWriteCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import type { TableClient } from "../dynamo.ts";
import { profilePartition } from "../keys.ts";
import { retryDelayMs } from "../util/transaction.ts";

export type Table = { dynamo: TableClient; tableName: string };

/** Deletes every item of the profile's partition: a Query for the keys, then batches of 25 deletes. Returns how many. */
export async function deleteProfilePartition(table: Table, profileId: string): Promise<number> {
  let deleted = 0;
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await table.dynamo.send(
      new QueryCommand({
        TableName: table.tableName,
        KeyConditionExpression: "pk = :pk",
        ExpressionAttributeValues: { ":pk": profilePartition(profileId) },
        ProjectionExpression: "pk, sk",
        ConsistentRead: true,
        ExclusiveStartKey: startKey,
      }),
    );
    const keys = page.Items ?? [];
    for (let start = 0; start < keys.length; start += batchSize) await batchDelete(table, keys.slice(start, start + batchSize));
    deleted += keys.length;
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return deleted;
}

async function batchDelete(table: Table, keys: Array<Record<string, unknown>>) {
  let pending: Array<{ DeleteRequest?: { Key?: Record<string, unknown> } }> = keys.map((Key) => ({ DeleteRequest: { Key } }));
  for (let attempt = 1; pending.length > 0; attempt += 1) {
    const result = await table.dynamo.send(new BatchWriteCommand({ RequestItems: { [table.tableName]: pending as never } }));
    pending = result.UnprocessedItems?.[table.tableName] ?? [];
    if (pending.length > 0) {
      if (attempt >= unprocessedAttempts) throw new Error(`${pending.length} deletes stayed unprocessed after ${attempt} attempts.`);
      await new Promise((resolve) => setTimeout(resolve, retryDelayMs(attempt)));
    }
  }
}

/** BatchWriteItem's limit. */
const batchSize = 25;
/** Attempts of a batch of deletes that DynamoDB leaves partly unprocessed (throttling), paced like conflicts. */
const unprocessedAttempts = 20;
