// The repair of items left under profiles that no longer exist, against DynamoDB Local with the real
// table: orphans written directly (as older code left them) are found and removed, live profiles'
// items stay, including one forged into a live partition by another account, and a second run finds
// nothing.
import { PutCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestTable, type TestTable } from "./support/table.ts";
import { interactionItem, myListItem, progressItem, titleSummaryOf } from "../src/history/items.ts";
import { removeOrphans } from "../src/history/orphans.ts";
import { profilePartition } from "../src/keys.ts";
import { Profile } from "../src/profile/index.ts";
import { Title } from "../src/title/index.ts";

const tableName = "orphans";
let table: TestTable;

beforeAll(async () => {
  table = await startTestTable(tableName);
}, 120_000);

afterAll(() => table?.stop());

const at = "2026-02-01T10:00:00.000Z";
const title: Title.Info = { titleId: "ml-1", name: "Toy Story", year: 1995, genres: ["Animation"], maturity: "ALL", popularity: 10, ratingCount: 2, ratingSum: 8, version: 1, createdAt: at, updatedAt: at };

async function put(item: Record<string, unknown>) {
  await table.dynamo.send(new PutCommand({ TableName: tableName, Item: item }));
}

/** A profile item, as Profile.create writes it. */
async function putProfile(accountId: string, profileId: string) {
  await put(Profile.profileItem({ accountId, profileId, name: "Ana", avatar: "owl", maturity: "ADULT", language: "en", pinFailures: 0, createdAt: at, updatedAt: at }));
}

/** What a profile's partition holds after some watching: progress, a My List entry, an interaction event each. */
async function putEntries(accountId: string, profileId: string, titles = 3) {
  for (let index = 0; index < titles; index += 1) {
    const summary = titleSummaryOf({ ...title, titleId: `ml-${index + 1}` });
    const eventAt = new Date(Date.parse(at) + index * 60_000).toISOString();
    const progress = progressItem({ accountId, profileId, title: summary, positionSeconds: 600, durationSeconds: 6000, eventAt });
    const listed = myListItem({ accountId, profileId, title: summary, addedAt: eventAt });
    const event = interactionItem({ accountId, profileId, titleId: summary.titleId, positionSeconds: 600, durationSeconds: 6000, eventAt, eventAtEpochMillis: Date.parse(eventAt) });
    await Promise.all([progress, listed, event].map((item) => put({ ...item.key, ...item.attributes })));
  }
}

async function partitionOf(profileId: string) {
  const { Items } = await table.dynamo.send(
    new QueryCommand({ TableName: tableName, KeyConditionExpression: "pk = :pk", ExpressionAttributeValues: { ":pk": profilePartition(profileId) }, ConsistentRead: true }),
  );
  return Items ?? [];
}

describe("removeOrphans", () => {
  it("removes every item under profiles that no longer exist, and nothing else", async () => {
    await putProfile("account-a", "live-a");
    await putEntries("account-a", "live-a");
    // Another account's items forged into a live partition (over its first title's): not an orphan.
    await putEntries("account-b", "live-a", 1);
    // Left by a deleted profile, and by one with a longer history (several batches of deletes).
    await putEntries("account-a", "deleted-a");
    await putEntries("account-b", "deleted-b", 40);
    const live = await partitionOf("live-a");

    const report = await removeOrphans({ dynamo: table.dynamo, tableName });

    expect(report.orphanedProfileIds.sort()).toEqual(["deleted-a", "deleted-b"]);
    expect(report.itemsRemoved).toBe(3 * 3 + 40 * 3);
    expect(report.partitionsChecked).toBe(3);
    expect(await partitionOf("deleted-a")).toEqual([]);
    expect(await partitionOf("deleted-b")).toEqual([]);
    expect(await partitionOf("live-a")).toEqual(live);
    expect(live.map((item) => item.accountId).sort()).toEqual([...Array(6).fill("account-a"), ...Array(3).fill("account-b")]);
  });

  it("finds nothing more on a second run", async () => {
    expect(await removeOrphans({ dynamo: table.dynamo, tableName })).toEqual({ partitionsChecked: 1, orphanedProfileIds: [], itemsRemoved: 0 });
  });

  it("with dryRun, reports orphans and deletes nothing", async () => {
    await putEntries("account-c", "deleted-c", 2);
    expect(await removeOrphans({ dynamo: table.dynamo, tableName }, { dryRun: true })).toEqual({ partitionsChecked: 2, orphanedProfileIds: ["deleted-c"], itemsRemoved: 0 });
    expect(await partitionOf("deleted-c")).toHaveLength(6);
  });
});
