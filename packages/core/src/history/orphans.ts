// The repair of items left under profiles that no longer exist: written by code from before every write
// under a profile checked the profile in its own transaction, or left by a profile deletion cut off
// between deleting the profile and its partition. Run by an operator (offline:
// packages/offline/src/cli/repair-orphans.ts); safe to run again, and beside live traffic: a profile
// whose item is found is never touched, and the API writes no item under a profile before it exists
// (the demo seed's batch does: not while it seeds).
import { GetCommand, ScanCommand } from "@aws-sdk/lib-dynamodb";
import { profileKeys, profilePartition } from "../keys.ts";
import { deleteProfilePartition, type Table } from "./partition.ts";

export type OrphanReport = {
  /** Profile partitions found (each pk PROFILE#<profileId>). */
  partitionsChecked: number;
  /** Profiles with items but no profile item, in scan order. */
  orphanedProfileIds: string[];
  /** Items deleted (0 with `dryRun`). */
  itemsRemoved: number;
};

/**
 * One Scan finds every profile partition and the accounts its items name; a partition is an orphan when
 * none of those accounts holds the profile (a consistent GetItem each, so a profile created during the
 * scan is seen). An item forged into a live profile's partition with another account stays: its
 * partition is not an orphan, and the writes already refuse to change it.
 */
export async function removeOrphans(table: Table, options: { dryRun?: boolean } = {}): Promise<OrphanReport> {
  const owners = await profilePartitionOwners(table);
  const orphanedProfileIds: string[] = [];
  let itemsRemoved = 0;
  for (const [profileId, accountIds] of owners) {
    if (await profileExists(table, profileId, accountIds)) continue;
    orphanedProfileIds.push(profileId);
    if (!options.dryRun) itemsRemoved += await deleteProfilePartition(table, profileId);
  }
  return { partitionsChecked: owners.size, orphanedProfileIds, itemsRemoved };
}

/** Profile id -> the accounts its partition's items name (items without an account name none). */
async function profilePartitionOwners(table: Table): Promise<Map<string, Set<string>>> {
  const owners = new Map<string, Set<string>>();
  const prefix = profilePartition("");
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await table.dynamo.send(
      new ScanCommand({
        TableName: table.tableName,
        FilterExpression: "begins_with(pk, :prefix)",
        ExpressionAttributeValues: { ":prefix": prefix },
        ProjectionExpression: "pk, accountId",
        ConsistentRead: true,
        ExclusiveStartKey: startKey,
      }),
    );
    for (const item of page.Items ?? []) {
      const profileId = String(item.pk).slice(prefix.length);
      const accounts = owners.get(profileId) ?? new Set<string>();
      if (typeof item.accountId === "string") accounts.add(item.accountId);
      owners.set(profileId, accounts);
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return owners;
}

async function profileExists(table: Table, profileId: string, accountIds: Set<string>): Promise<boolean> {
  for (const accountId of accountIds) {
    const { Item } = await table.dynamo.send(new GetCommand({ TableName: table.tableName, Key: profileKeys(accountId, profileId), ConsistentRead: true, ProjectionExpression: "pk" }));
    if (Item) return true;
  }
  return false;
}
