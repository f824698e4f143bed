// Interactions to Personalize: the interaction items the table's stream carries become PutEvents calls
// (at most 10 events, one user each). Each event's id is derived from the item's key, so a batch the
// stream delivers again (a retry, a duplicate record) sends the same ids, and Personalize uses only the
// first event with a given id for training: no interaction counts twice.
import { PersonalizeEventsClient, PutEventsCommand } from "@aws-sdk/client-personalize-events";
import { createHash } from "node:crypto";
import type { StreamAttribute, StreamRecord } from "./stream.ts";

export type InteractionEvent = {
  /** Personalize's USER_ID is the profile: each profile of an account has its own taste. */
  profileId: string;
  titleId: string;
  eventType: string;
  sentAt: Date;
  eventId: string;
  sequenceNumber: string;
};

/** PutEvents takes at most 10 events per call. */
const eventsPerCall = 10;

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

export type SendResult = {
  sent: number;
  /** Records that are not interactions (or cannot be read): nothing to send, nothing to retry. */
  skipped: number;
  /** Sequence numbers of the records whose PutEvents failed: the stream delivers them again. */
  failedSequenceNumbers: string[];
};

export type InteractionSenderDependencies = {
  client: PersonalizeEventsClient;
  /** The event tracker's tracking id; undefined when Personalize is not configured. */
  trackingId: () => string | undefined;
  log?: (entry: Record<string, unknown>) => void;
  /** PutEvents calls in flight at once. */
  concurrency?: number;
};

export function createInteractionSender(deps: InteractionSenderDependencies) {
  const log = deps.log ?? ((entry) => console.warn(JSON.stringify(entry)));
  const concurrency = deps.concurrency ?? 4;

  return {
    async send(records: readonly StreamRecord[]): Promise<SendResult> {
      const events = records.map(interactionEventOf).filter((event): event is InteractionEvent => event !== null);
      const skipped = records.length - events.length;
      if (events.length === 0) return { sent: 0, skipped, failedSequenceNumbers: [] };
      const trackingId = deps.trackingId();
      if (!trackingId) {
        // Holding the shard for a tracker that does not exist would stop the stream for nothing.
        log({ message: "Personalize is not configured: interactions not sent", count: events.length });
        return { sent: 0, skipped: records.length, failedSequenceNumbers: [] };
      }

      // One call per profile and 10 events, in stream order within a profile.
      const calls: InteractionEvent[][] = [];
      const byProfile = new Map<string, InteractionEvent[]>();
      for (const event of events) byProfile.set(event.profileId, [...(byProfile.get(event.profileId) ?? []), event]);
      for (const profileEvents of byProfile.values()) {
        for (let start = 0; start < profileEvents.length; start += eventsPerCall) calls.push(profileEvents.slice(start, start + eventsPerCall));
      }

      const failed: string[] = [];
      let sent = 0;
      let next = 0;
      const worker = async () => {
        while (next < calls.length) {
          const call = calls[next++]!;
          try {
            await deps.client.send(
              new PutEventsCommand({
                trackingId,
                userId: call[0]!.profileId,
                sessionId: call[0]!.profileId,
                eventList: call.map((event) => ({ eventId: event.eventId, eventType: event.eventType, itemId: event.titleId, sentAt: event.sentAt })),
              }),
            );
            sent += call.length;
          } catch (error) {
            failed.push(...call.map((event) => event.sequenceNumber));
            log({ message: "PutEvents failed: the stream will deliver these records again", profileId: call[0]!.profileId, count: call.length, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) });
          }
        }
      };
      await Promise.all(Array.from({ length: Math.min(concurrency, calls.length) }, worker));
      return { sent, skipped, failedSequenceNumbers: failed };
    },
  };
}

export type InteractionSender = ReturnType<typeof createInteractionSender>;

/** For the stream Lambda: bounded waits, so a hung endpoint fails the call instead of the whole batch's time. */
export function createEventsClient(): PersonalizeEventsClient {
  return new PersonalizeEventsClient({ maxAttempts: 3, requestHandler: { connectionTimeout: 2_000, requestTimeout: 5_000 } });
}
