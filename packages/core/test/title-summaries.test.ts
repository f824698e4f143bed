// The refresh of the title summaries that progress and My List entries carry, against DynamoDB Local
// with the real table (gsi3 included): a title's change reaches every entry of the title, page by page,
// and a record delivered twice, an older record after a newer one, or an entry removed meanwhile never
// regresses or re-creates anything.
import { DeleteCommand, DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import { marshall } from "@aws-sdk/util-dynamodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestTable, type TestTable } from "./support/table.ts";
import { myListItem, progressItem, titleSummaryOf } from "../src/history/items.ts";
import type { StreamAttribute, StreamRecord } from "../src/history/stream.ts";
import { createTitleSummaryRefresher, titleSummaryChangeOf } from "../src/history/title-summaries.ts";
import { myListKeys, progressKeys } from "../src/keys.ts";
import { Title } from "../src/title/index.ts";

const tableName = "title-summaries";
let table: TestTable;

beforeAll(async () => {
  table = await startTestTable(tableName);
}, 120_000);

afterAll(() => table?.stop());

let titles = 0;
const at = "2026-02-01T10:00:00.000Z";

/** A title at version 1, new for each test (its entries are the test's own). */
function newTitle(fields: Partial<Title.Info> = {}): Title.Info {
  return {
    titleId: `t${++titles}`,
    name: "Puppet Town",
    year: 2001,
    genres: ["Children"],
    maturity: "ALL",
    popularity: 10,
    ratingCount: 2,
    ratingSum: 8,
    version: 1,
    createdAt: at,
    updatedAt: at,
    ...fields,
  };
}

/** The title as an editor leaves it: the next version. */
const edited = (title: Title.Info, fields: Partial<Title.Info>): Title.Info => ({
  ...title,
  ...fields,
  version: title.version + 1,
  updatedAt: new Date(Date.parse(title.updatedAt) + 60_000).toISOString(),
});

let sequence = 1000;

/** The stream record of a title item's change, as the Lambda receives it. */
function modify(before: Title.Info, after: Title.Info): StreamRecord {
  const image = (info: Title.Info) => marshall(Title.itemsOf(info).title, { removeUndefinedValues: true }) as Record<string, StreamAttribute>;
  return {
    eventName: "MODIFY",
    dynamodb: { Keys: { pk: { S: `TITLE#${after.titleId}` }, sk: { S: "TITLE" } }, OldImage: image(before), NewImage: image(after), SequenceNumber: String(++sequence) },
  };
}

/** Two profiles: one watched and listed the title, the other only watched it. */
async function entriesOf(title: Title.Info) {
  const summary = titleSummaryOf(title);
  const items = [
    progressItem({ accountId: "a1", profileId: "p1", title: summary, positionSeconds: 1800, durationSeconds: 6000, eventAt: at }),
    myListItem({ accountId: "a1", profileId: "p1", title: summary, addedAt: at }),
    progressItem({ accountId: "a2", profileId: "p2", title: summary, positionSeconds: 6000, durationSeconds: 6000, eventAt: at }),
  ];
  for (const item of items) await table.dynamo.send(new PutCommand({ TableName: tableName, Item: { ...item.key, ...item.attributes } }));
  return [progressKeys("p1", title.titleId), myListKeys("p1", title.titleId), progressKeys("p2", title.titleId)];
}

const read = async (keys: Array<{ pk: string; sk: string }>) =>
  Promise.all(keys.map(async (Key) => (await table.dynamo.send(new GetCommand({ TableName: tableName, Key, ConsistentRead: true }))).Item ?? null));

const refresher = (client: Pick<DynamoDBDocumentClient, "send"> = table.dynamo) => createTitleSummaryRefresher({ dynamo: client, tableName: () => tableName, log: () => {} });

describe("refreshing title summaries from the stream", () => {
  it("writes a renamed title, made adult, into every progress and My List entry of it, and nothing else", async () => {
    const title = newTitle();
    const other = newTitle({ name: "Untouched" });
    const keys = await entriesOf(title);
    const otherKeys = await entriesOf(other);
    const otherBefore = await read(otherKeys);
    const renamed = edited(title, { name: "Puppet Town: Director's Cut", maturity: "EIGHTEEN_PLUS" });

    const result = await refresher().refresh([modify(title, renamed)]);

    expect(result).toEqual({ refreshed: 3, current: 0, skipped: 0, failedSequenceNumbers: [] });
    for (const entry of await read(keys)) expect(entry?.title).toEqual(titleSummaryOf(renamed));
    // The rest of each entry is as it was: only the summary is rewritten.
    const [progress] = await read(keys);
    expect(progress).toMatchObject({ positionSeconds: 1800, status: "IN_PROGRESS", gsi1pk: "CW#p1", gsi3pk: `TITLE_ENTRIES#${title.titleId}` });
    expect(await read(otherKeys)).toEqual(otherBefore);
  });

  it("changes nothing for a record delivered twice", async () => {
    const title = newTitle();
    const keys = await entriesOf(title);
    const record = modify(title, edited(title, { name: "Once" }));
    await refresher().refresh([record]);
    const after = await read(keys);

    const again = await refresher().refresh([record]);

    expect(again).toEqual({ refreshed: 0, current: 3, skipped: 0, failedSequenceNumbers: [] });
    expect(await read(keys)).toEqual(after);
  });

  it("never goes back to an older version delivered after a newer one (in another batch or the same)", async () => {
    const title = newTitle();
    const keys = await entriesOf(title);
    const second = edited(title, { name: "Second" });
    const third = edited(second, { name: "Third", maturity: "SIXTEEN_PLUS" });

    await refresher().refresh([modify(second, third)]);
    const late = await refresher().refresh([modify(title, second)]);
    expect(late).toMatchObject({ refreshed: 0, current: 3, failedSequenceNumbers: [] });
    for (const entry of await read(keys)) expect(entry?.title).toEqual(titleSummaryOf(third));

    // Out of order within one batch: the newest summary wins.
    const other = newTitle();
    const otherKeys = await entriesOf(other);
    const otherSecond = edited(other, { name: "B" });
    const otherThird = edited(otherSecond, { name: "C" });
    await refresher().refresh([modify(otherSecond, otherThird), modify(other, otherSecond)]);
    for (const entry of await read(otherKeys)) expect(entry?.title).toEqual(titleSummaryOf(otherThird));
  });

  it("does not re-create an entry removed after the index was read", async () => {
    const title = newTitle();
    const keys = await entriesOf(title);
    const removed = keys[1]!;
    // The index is read, then the viewer removes the title from My List before its update lands.
    const removing: Pick<DynamoDBDocumentClient, "send"> = {
      send: (async (command: { constructor: unknown }) => {
        const output = await table.dynamo.send(command as never);
        if (command instanceof QueryCommand) await table.dynamo.send(new DeleteCommand({ TableName: tableName, Key: removed }));
        return output;
      }) as DynamoDBDocumentClient["send"],
    };

    const result = await refresher(removing).refresh([modify(title, edited(title, { name: "Gone from the list" }))]);

    expect(result).toMatchObject({ refreshed: 2, current: 1, failedSequenceNumbers: [] });
    const [progress, listEntry, otherProgress] = await read(keys);
    expect(listEntry).toBeNull();
    expect(progress?.title).toMatchObject({ name: "Gone from the list" });
    expect(otherProgress?.title).toMatchObject({ name: "Gone from the list" });
  });

  it("reads the title's entries page by page", async () => {
    const title = newTitle();
    const keys = await entriesOf(title);
    let queries = 0;
    const smallPages: Pick<DynamoDBDocumentClient, "send"> = {
      send: (async (command: { input: Record<string, unknown> }) => {
        if (command instanceof QueryCommand) {
          queries += 1;
          command.input.Limit = 1;
        }
        return table.dynamo.send(command as never);
      }) as DynamoDBDocumentClient["send"],
    };

    const result = await refresher(smallPages).refresh([modify(title, edited(title, { name: "Paged" }))]);

    expect(result.refreshed).toBe(3);
    expect(queries).toBeGreaterThanOrEqual(3);
    for (const entry of await read(keys)) expect(entry?.title).toMatchObject({ name: "Paged", version: 2 });
  });

  it("skips what changes no summary: a new title, a popularity change, another item", async () => {
    const title = newTitle();
    const keys = await entriesOf(title);
    const before = await read(keys);
    const inserted: StreamRecord = { ...modify(title, title), eventName: "INSERT" };
    const popularityOnly = modify(title, { ...title, popularity: 99 });
    const progress: StreamRecord = { eventName: "MODIFY", dynamodb: { NewImage: { __edb_e__: { S: "progress" }, titleId: { S: title.titleId } }, SequenceNumber: "1" } };

    expect([inserted, popularityOnly, progress].map(titleSummaryChangeOf)).toEqual([null, null, null]);
    expect(await refresher().refresh([inserted, popularityOnly, progress])).toEqual({ refreshed: 0, current: 0, skipped: 3, failedSequenceNumbers: [] });
    expect(await read(keys)).toEqual(before);
  });

  it("reports the records of a title it could not finish, and still refreshes the other titles", async () => {
    const failing = newTitle();
    const fine = newTitle();
    const failingKeys = await entriesOf(failing);
    const fineKeys = await entriesOf(fine);
    const throttled: Pick<DynamoDBDocumentClient, "send"> = {
      send: (async (command: { input: { Key?: { pk: string; sk: string } } }) => {
        if (command.input.Key?.sk === failingKeys[1]!.sk) throw Object.assign(new Error("Throughput exceeded"), { name: "ProvisionedThroughputExceededException" });
        return table.dynamo.send(command as never);
      }) as DynamoDBDocumentClient["send"],
    };
    const records = [modify(failing, edited(failing, { name: "Failing" })), modify(fine, edited(fine, { name: "Fine" }))];

    const result = await refresher(throttled).refresh(records);

    expect(result.failedSequenceNumbers).toEqual([records[0]!.dynamodb!.SequenceNumber]);
    for (const entry of await read(fineKeys)) expect(entry?.title).toMatchObject({ name: "Fine" });
    // The retry (the stream delivers the record again) finishes the job.
    expect(await refresher().refresh([records[0]!])).toMatchObject({ failedSequenceNumbers: [] });
    for (const entry of await read(failingKeys)) expect(entry?.title).toMatchObject({ name: "Failing", version: 2 });
  });
});
