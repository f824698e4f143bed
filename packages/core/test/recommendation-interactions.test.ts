// The table's stream to Personalize: the stream records the table emits become PutEvents (interactions)
// and PutItems (titles) calls to the local Personalize through the real SDK client. A retried or duplicated record must not count twice; a failed
// call must be reported (the stream delivers it again) and never lost.
import { PersonalizeEventsClient } from "@aws-sdk/client-personalize-events";
import { GetPersonalizedRankingCommand, PersonalizeRuntimeClient } from "@aws-sdk/client-personalize-runtime";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "@marquee/aws-local/engines/readiness";
import { startLocalPersonalize, type RunningLocalPersonalize } from "@marquee/aws-local/personalize/index";
import { interactionItem } from "../src/history/items.ts";
import { catalogItemOf, createInteractionSender, eventIdOf, interactionEventOf } from "../src/recommendation/interactions.ts";
import type { StreamAttribute, StreamRecord } from "../src/recommendation/stream.ts";

const credentials = { accessKeyId: "local", secretAccessKey: "local" };
const trackingId = "tracker-1";
const itemsDataset = "arn:aws:personalize:us-east-1:123456789012:dataset/marquee/ITEMS";
const rankingCampaign = "arn:aws:personalize:us-east-1:123456789012:campaign/ranking";
const maturityFilter = "arn:aws:personalize:us-east-1:123456789012:filter/maturity";
let sequence = 1000;

/** The stream record DynamoDB emits when recordProgress writes an interaction item. */
function insertRecord(profileId: string, titleId: string, positionSeconds: number, at = "2026-03-01T20:00:00.000Z"): StreamRecord {
  const { key, attributes } = interactionItem({ accountId: "acc", profileId, titleId, positionSeconds, durationSeconds: 6000, eventAt: at, eventAtEpochMillis: Date.parse(at) });
  const image: Record<string, StreamAttribute> = {};
  for (const [name, value] of Object.entries({ ...key, ...attributes })) image[name] = typeof value === "number" ? { N: String(value) } : { S: String(value) };
  return { eventID: `e${sequence}`, eventName: "INSERT", eventSource: "aws:dynamodb", dynamodb: { Keys: { pk: { S: key.pk }, sk: { S: key.sk } }, NewImage: image, SequenceNumber: String(sequence++), StreamViewType: "NEW_AND_OLD_IMAGES" } };
}

/** The stream record of a title item written by Title.create (INSERT) or Title.update (MODIFY). */
function titleRecord(eventName: "INSERT" | "MODIFY", titleId: string, maturity: string | null, genres: string[]): StreamRecord {
  const image: Record<string, StreamAttribute> = {
    pk: { S: `TITLE#${titleId}` },
    sk: { S: "TITLE" },
    titleId: { S: titleId },
    name: { S: "A title" },
    genres: { L: genres.map((genre) => ({ S: genre })) },
    __edb_e__: { S: "title" },
  };
  if (maturity) image.maturity = { S: maturity };
  return { eventName, dynamodb: { Keys: { pk: image.pk!, sk: image.sk! }, NewImage: image, SequenceNumber: String(sequence++) } };
}

describe("interaction events", () => {
  it("come only from INSERTs of interaction items, with an id derived from the item's key", () => {
    const record = insertRecord("p1", "ml-1", 6000);
    const event = interactionEventOf(record)!;
    expect(event).toMatchObject({ profileId: "p1", titleId: "ml-1", eventType: "finish", sentAt: new Date("2026-03-01T20:00:00.000Z") });
    expect(event.eventId).toBe(eventIdOf({ pk: "PROFILE#p1", sk: "EVENT#2026-03-01T20:00:00.000Z#ml-1#finish" }));
    // The same item always gives the same id; another item another id.
    expect(interactionEventOf(insertRecord("p1", "ml-1", 6000))!.eventId).toBe(event.eventId);
    expect(interactionEventOf(insertRecord("p1", "ml-1", 100))!.eventId).not.toBe(event.eventId);
    expect(event.eventId.length).toBeLessThanOrEqual(256);

    expect(interactionEventOf({ ...record, eventName: "REMOVE" })).toBeNull();
    expect(interactionEventOf({ ...record, dynamodb: { ...record.dynamodb, NewImage: { ...record.dynamodb!.NewImage, __edb_e__: { S: "progress" } } } })).toBeNull();
    expect(interactionEventOf({ ...record, dynamodb: { ...record.dynamodb, NewImage: { ...record.dynamodb!.NewImage, eventAt: { S: "yesterday" } } } })).toBeNull();
  });
});

describe("sending interactions to the local Personalize", () => {
  let personalize: RunningLocalPersonalize;
  let client: PersonalizeEventsClient;
  let runtime: PersonalizeRuntimeClient;

  beforeAll(async () => {
    personalize = await startLocalPersonalize({
      trackingIds: [trackingId],
      itemsDatasetArn: itemsDataset,
      campaigns: { [rankingCampaign]: "personalized-ranking" },
      filters: { [maturityFilter]: "INCLUDE ItemID WHERE Items.MATURITY IN ($MATURITY)" },
    });
    client = new PersonalizeEventsClient({ endpoint: personalize.endpoint, region: "us-east-1", credentials, maxAttempts: 1 });
    runtime = new PersonalizeRuntimeClient({ endpoint: personalize.endpoint, region: "us-east-1", credentials, maxAttempts: 1 });
  });

  afterAll(async () => {
    client?.destroy();
    runtime?.destroy();
    await personalize?.stop();
  });

  type SenderOptions = { logs?: Array<Record<string, unknown>>; trackingId?: string | undefined; itemsDatasetArn?: string | undefined; client?: PersonalizeEventsClient };
  const sender = (options: SenderOptions = {}) =>
    createInteractionSender({
      client: options.client ?? client,
      settings: () => ({
        trackingId: "trackingId" in options ? options.trackingId : trackingId,
        itemsDatasetArn: "itemsDatasetArn" in options ? options.itemsDatasetArn : itemsDataset,
      }),
      log: (entry) => options.logs?.push(entry),
    });

  it("sends every interaction in calls of at most 10 events per profile, skipping other records", async () => {
    const before = personalize.personalize.status().interactions;
    const records = [
      ...Array.from({ length: 12 }, (_, i) => insertRecord("p-batch", `ml-${i}`, 3000)),
      insertRecord("p-other", "ml-1", 6000),
      { eventName: "MODIFY" as const, dynamodb: { SequenceNumber: String(sequence++), NewImage: { __edb_e__: { S: "progress" } } } },
    ];
    const result = await sender().send(records);
    expect(result).toEqual({ sent: 13, itemsSent: 0, skipped: 1, failedSequenceNumbers: [] });
    expect(personalize.personalize.status().interactions - before).toBe(13);
  });

  it("counts a record delivered twice (a retried batch, a duplicated record) once", async () => {
    const before = personalize.personalize.status().interactions;
    const records = [insertRecord("p-dup", "ml-1", 3000), insertRecord("p-dup", "ml-2", 6000)];
    await sender().send(records);
    // The stream hands the same batch over again, and a duplicate of one record inside another batch.
    const again = await sender().send([...records, { ...records[0]!, eventID: "duplicate" }]);
    expect(again.failedSequenceNumbers).toEqual([]);
    expect(personalize.personalize.status().interactions - before).toBe(2);
  });

  it("reports the records of a failed call for the stream to retry, and sends nothing twice when it does", async () => {
    const down = new PersonalizeEventsClient({ endpoint: `http://127.0.0.1:${await freePort()}`, region: "us-east-1", credentials, maxAttempts: 1 });
    const logs: Array<Record<string, unknown>> = [];
    const records = [insertRecord("p-retry", "ml-1", 3000), insertRecord("p-retry", "ml-2", 3000), insertRecord("p-retry-2", "ml-3", 3000)];
    const failed = await sender({ logs, client: down }).send(records);
    down.destroy();
    expect(failed.sent).toBe(0);
    expect(failed.failedSequenceNumbers.sort()).toEqual(records.map((record) => record.dynamodb!.SequenceNumber).sort());
    expect(logs.length).toBe(2);

    // Personalize is back: the retried batch goes through, once.
    const before = personalize.personalize.status().interactions;
    expect(await sender().send(records)).toEqual({ sent: 3, itemsSent: 0, skipped: 0, failedSequenceNumbers: [] });
    expect(personalize.personalize.status().interactions - before).toBe(3);
  });

  it("reports only the calls that failed when one profile's events are refused", async () => {
    const records = [insertRecord("p-ok", "ml-1", 3000), insertRecord("p-ok", "ml-2", 3000)];
    const refused = insertRecord("p-refused", "ml-3", 3000);
    // An item id longer than PutEvents allows: Personalize refuses that call (InvalidInputException).
    refused.dynamodb!.NewImage!.titleId = { S: "x".repeat(300) };
    const result = await sender().send([...records, refused]);
    expect(result.sent).toBe(2);
    expect(result.failedSequenceNumbers).toEqual([refused.dynamodb!.SequenceNumber]);
  });

  it("sends nothing, and holds nothing back, where Personalize is not configured", async () => {
    const logs: Array<Record<string, unknown>> = [];
    const before = personalize.personalize.status().interactions;
    const result = await sender({ logs, trackingId: undefined }).send([insertRecord("p-none", "ml-1", 3000)]);
    expect(result).toEqual({ sent: 0, itemsSent: 0, skipped: 1, failedSequenceNumbers: [] });
    expect(personalize.personalize.status().interactions).toBe(before);
    expect(logs[0]?.message).toMatch(/not configured/);
  });

  it("sends new and changed titles to the items dataset, so the maturity filter knows them", async () => {
    // The title has been watched (Personalize knows the item) but is not in the items dataset yet.
    await sender().send([insertRecord("p-items", "new-title", 3000)]);
    const visible = async () => {
      const ranked = await runtime.send(
        new GetPersonalizedRankingCommand({ campaignArn: rankingCampaign, userId: "p-items", inputList: ["new-title"], filterArn: maturityFilter, filterValues: { MATURITY: '"ALL"' } }),
      );
      return (ranked.personalizedRanking ?? []).map((item) => item.itemId);
    };
    expect(await visible()).toEqual([]);
    const created = titleRecord("INSERT", "new-title", "SIXTEEN_PLUS", ["Drama"]);
    expect(await sender().send([created])).toEqual({ sent: 0, itemsSent: 1, skipped: 0, failedSequenceNumbers: [] });
    expect(await visible()).toEqual([]);
    // The content team lowers its maturity: the MODIFY replaces the record.
    expect((await sender().send([titleRecord("MODIFY", "new-title", "ALL", ["Drama", "Family"])])).itemsSent).toBe(1);
    expect(await visible()).toEqual(["new-title"]);
  });

  it("reads a title's record as the items dataset holds it (UNRATED without a maturity)", () => {
    expect(catalogItemOf(titleRecord("INSERT", "t1", null, ["Drama", "Sci-Fi"]))).toMatchObject({ itemId: "t1", properties: { maturity: "UNRATED", genres: "Drama|Sci-Fi" } });
    expect(catalogItemOf({ ...titleRecord("INSERT", "t1", "ALL", []), eventName: "REMOVE" })).toBeNull();
    expect(catalogItemOf(insertRecord("p1", "ml-1", 10))).toBeNull();
  });
});
