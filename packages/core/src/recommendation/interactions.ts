// The table's stream to Personalize: interaction items become PutEvents calls (at most 10 events, one
// user each), titles become PutItems calls (the items dataset the maturity filter reads). Each event's id
// is derived from the item's key, so a batch the stream delivers again (a retry, a duplicate record) sends
// the same ids, and Personalize uses only the first event with a given id for training: no interaction
// counts twice. PutItems replaces an item's record, so sending one again changes nothing.
import { PersonalizeEventsClient, PutEventsCommand, PutItemsCommand } from "@aws-sdk/client-personalize-events";
import { createHash } from "node:crypto";
import { interactionEventsConfigFromResource } from "./config.ts";
import { sdkClient } from "../util/sdk-clients.ts";
import { itemMaturity } from "./limits.ts";
import type { StreamAttribute, StreamRecord } from "./stream.ts";

export type { StreamBatchResponse, StreamEvent, StreamRecord } from "./stream.ts";

export type InteractionEvent = {
  /** Personalize's USER_ID is the profile: each profile of an account has its own taste. */
  profileId: string;
  titleId: string;
  eventType: string;
  sentAt: Date;
  eventId: string;
  sequenceNumber: string;
};

/** A title as Personalize's items dataset holds it (PutItems: camelCase properties for MATURITY, GENRES). */
export type CatalogItem = { itemId: string; properties: { maturity: string; genres: string }; sequenceNumber: string };

/** PutEvents and PutItems take at most 10 events or items per call. */
const perCall = 10;

/** A deterministic event id: the same table item always gives the same id (PutEvents allows 256 characters). */
export function eventIdOf(keys: { pk: string; sk: string }): string {
  return createHash("sha256").update(`${keys.pk}\n${keys.sk}`).digest("base64url");
}

const text = (attribute: StreamAttribute | undefined) => (typeof attribute?.S === "string" && attribute.S.length > 0 ? attribute.S : null);

/** The event an interaction item's INSERT stands for, or null for any other record (or a malformed one). */
export function interactionEventOf(record: StreamRecord): InteractionEvent | null {
  const image = record.dynamodb?.NewImage;
  if (record.eventName !== "INSERT" || !image || text(image.__edb_e__) !== "interaction") return null;
  const pk = text(record.dynamodb?.Keys?.pk ?? image.pk);
  const sk = text(record.dynamodb?.Keys?.sk ?? image.sk);
  const profileId = text(image.profileId);
  const titleId = text(image.titleId);
  const eventType = text(image.eventType);
  const eventAt = text(image.eventAt);
  const sequenceNumber = record.dynamodb?.SequenceNumber;
  const sentAt = eventAt === null ? Number.NaN : Date.parse(eventAt);
  if (!pk || !sk || !profileId || !titleId || !eventType || !sequenceNumber || Number.isNaN(sentAt)) return null;
  return { profileId, titleId, eventType, sentAt: new Date(sentAt), eventId: eventIdOf({ pk, sk }), sequenceNumber };
}

/** The items-dataset record of a title's INSERT or MODIFY, or null for any other record. */
export function catalogItemOf(record: StreamRecord): CatalogItem | null {
  const image = record.dynamodb?.NewImage;
  if ((record.eventName !== "INSERT" && record.eventName !== "MODIFY") || !image || text(image.__edb_e__) !== "title") return null;
  const itemId = text(image.titleId);
  const sequenceNumber = record.dynamodb?.SequenceNumber;
  if (!itemId || !sequenceNumber) return null;
  const genres = (image.genres?.L ?? []).flatMap((genre) => (typeof genre.S === "string" ? [genre.S] : []));
  return { itemId, properties: { maturity: itemMaturity(text(image.maturity)), genres: genres.join("|") }, sequenceNumber };
}

export type SendResult = {
  /** Interaction events sent. */
  sent: number;
  /** Titles sent to the items dataset. */
  itemsSent: number;
  /** Records that are not interactions (or cannot be read): nothing to send, nothing to retry. */
  skipped: number;
  /** Sequence numbers of the records whose PutEvents failed: the stream delivers them again. */
  failedSequenceNumbers: string[];
};

export type InteractionSenderDependencies = {
  client: PersonalizeEventsClient;
  /** The event tracker's tracking id and the items dataset's ARN; each undefined when not configured. */
  settings: () => { trackingId?: string; itemsDatasetArn?: string };
  log?: (entry: Record<string, unknown>) => void;
  /** PutEvents calls in flight at once. */
  concurrency?: number;
};

export function createInteractionSender(deps: InteractionSenderDependencies) {
  const log = deps.log ?? ((entry) => console.warn(JSON.stringify(entry)));
  const concurrency = deps.concurrency ?? 4;

  return {
    async send(records: readonly StreamRecord[]): Promise<SendResult> {
      const { trackingId, itemsDatasetArn } = deps.settings();
      let events = records.map(interactionEventOf).filter((event): event is InteractionEvent => event !== null);
      let items = records.map(catalogItemOf).filter((item): item is CatalogItem => item !== null);
      // Where Personalize is not configured, nothing is held back: holding the shard for a tracker or a
      // dataset that does not exist would stop the stream for nothing.
      if (events.length > 0 && !trackingId) {
        log({ message: "Personalize's event tracker is not configured: interactions not sent", count: events.length });
        events = [];
      }
      if (items.length > 0 && !itemsDatasetArn) {
        log({ message: "Personalize's items dataset is not configured: titles not sent", count: items.length });
        items = [];
      }

      // One call per profile and 10 events, in stream order within a profile; titles 10 at a time.
      const calls: Array<{ records: string[]; what: Record<string, unknown>; send: () => Promise<unknown>; count: number; kind: "events" | "items" }> = [];
      const byProfile = new Map<string, InteractionEvent[]>();
      for (const event of events) byProfile.set(event.profileId, [...(byProfile.get(event.profileId) ?? []), event]);
      for (const [profileId, profileEvents] of byProfile) {
        for (let start = 0; start < profileEvents.length; start += perCall) {
          const call = profileEvents.slice(start, start + perCall);
          calls.push({
            kind: "events",
            count: call.length,
            records: call.map((event) => event.sequenceNumber),
            what: { profileId },
            send: () =>
              deps.client.send(
                new PutEventsCommand({
                  trackingId,
                  userId: profileId,
                  sessionId: profileId,
                  eventList: call.map((event) => ({ eventId: event.eventId, eventType: event.eventType, itemId: event.titleId, sentAt: event.sentAt })),
                }),
              ),
          });
        }
      }
      for (let start = 0; start < items.length; start += perCall) {
        const call = items.slice(start, start + perCall);
        calls.push({
          kind: "items",
          count: call.length,
          records: call.map((item) => item.sequenceNumber),
          what: { titles: call.map((item) => item.itemId) },
          send: () => deps.client.send(new PutItemsCommand({ datasetArn: itemsDatasetArn, items: call.map((item) => ({ itemId: item.itemId, properties: JSON.stringify(item.properties) })) })),
        });
      }

      const failed: string[] = [];
      const sent = { events: 0, items: 0 };
      let next = 0;
      const worker = async () => {
        while (next < calls.length) {
          const call = calls[next++]!;
          try {
            await call.send();
            sent[call.kind] += call.count;
          } catch (error) {
            failed.push(...call.records);
            log({ message: `${call.kind === "events" ? "PutEvents" : "PutItems"} failed: the stream will deliver these records again`, ...call.what, count: call.count, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) });
          }
        }
      };
      await Promise.all(Array.from({ length: Math.min(concurrency, calls.length) }, worker));
      return { sent: sent.events, itemsSent: sent.items, skipped: records.length - sent.events - sent.items - failed.length, failedSequenceNumbers: failed };
    },
  };
}

export type InteractionSender = ReturnType<typeof createInteractionSender>;

/** For the stream Lambda: bounded waits, so a hung endpoint fails the call instead of the whole batch's time. */
export function createEventsClient(): PersonalizeEventsClient {
  return sdkClient(new PersonalizeEventsClient({ maxAttempts: 3, requestHandler: { connectionTimeout: 2_000, requestTimeout: 5_000 } }));
}

let sender: InteractionSender | undefined;

/**
 * The stream Lambda's work: interactions to PutEvents, titles to PutItems; returns what failed, for the
 * stream to retry. The client and the linked settings are made on the first batch, not at import.
 */
export function sendInteractions(records: readonly StreamRecord[]): Promise<SendResult> {
  if (!sender) {
    let settings: ReturnType<typeof interactionEventsConfigFromResource> | undefined;
    sender = createInteractionSender({ client: createEventsClient(), settings: () => (settings ??= interactionEventsConfigFromResource()) });
  }
  return sender.send(records);
}
