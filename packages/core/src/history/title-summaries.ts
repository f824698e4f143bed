// Progress and My List entries carry a copy of their title's summary (items.ts), so each list is one
// Query. When an editor changes a title, the table's stream brings the change here, and every entry of
// the title (gsi3 `TITLE_ENTRIES#<titleId>`, paged) gets the new summary. Each write is conditional on
// the entry still existing and on its summary being of an older title version, so a record delivered
// twice, or an older one after a newer one, changes nothing, and a removed entry is not re-created.
import { QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { titleEntriesPartition } from "../keys.ts";
import type { StreamAttribute, StreamRecord } from "../table-stream.ts";
import { tableKeys } from "../table.ts";
import { isMaturity } from "../title/maturity.ts";
import { titleSummaryOf, type TitleRecord, type TitleSummary } from "./items.ts";

export type TitleSummaryChange = { titleId: string; summary: TitleSummary; sequenceNumber: string };

export type RefreshResult = {
  /** Entries whose summary was rewritten. */
  refreshed: number;
  /** Entries already at this title version or newer, or removed since the index was read. */
  current: number;
  /** Records that change no summary (or cannot be read): nothing to do, nothing to retry. */
  skipped: number;
  /** Sequence numbers of the records whose entries could not all be written: the stream delivers them again. */
  failedSequenceNumbers: string[];
};

export type TitleSummaryRefresherDependencies = {
  dynamo: Pick<DynamoDBDocumentClient, "send">;
  tableName: () => string;
  log?: (entry: Record<string, unknown>) => void;
  /** Entry updates in flight at once. */
  concurrency?: number;
};

const text = (attribute: StreamAttribute | undefined) => (typeof attribute?.S === "string" ? attribute.S : undefined);
const number = (attribute: StreamAttribute | undefined) => {
  const value = attribute?.N === undefined ? Number.NaN : Number(attribute.N);
  return Number.isFinite(value) ? value : undefined;
};

const maturityOf = (attribute: StreamAttribute | undefined) => {
  const value = text(attribute);
  return isMaturity(value) ? value : null;
};

/** A title item's stream image as the record titleSummaryOf reads, or null when it is not one. */
function titleOf(image: Record<string, StreamAttribute> | undefined): TitleRecord | null {
  if (!image || text(image.__edb_e__) !== "title") return null;
  const titleId = text(image.titleId);
  const name = text(image.name);
  const createdAt = text(image.createdAt);
  const updatedAt = text(image.updatedAt);
  if (!titleId || !name || !createdAt || !updatedAt) return null;
  return {
    titleId,
    name,
    year: number(image.year) ?? null,
    genres: (image.genres?.L ?? []).flatMap((genre) => (typeof genre.S === "string" ? [genre.S] : [])),
    maturity: maturityOf(image.maturity),
    popularity: number(image.popularity) ?? null,
    ratingCount: number(image.ratingCount) ?? null,
    ratingSum: number(image.ratingSum) ?? null,
    version: number(image.version) ?? null,
    createdAt,
    updatedAt,
  };
}

/** What an editor changes (updateTitle): a change of these is worth a write per entry. */
const editedFields = (summary: TitleSummary) => JSON.stringify([summary.name, summary.year ?? null, summary.genres, summary.maturity ?? null]);

/** The new summary a title's MODIFY stands for, or null when the record changes no summary (or is not a title's). */
export function titleSummaryChangeOf(record: StreamRecord): TitleSummaryChange | null {
  if (record.eventName !== "MODIFY") return null;
  const next = titleOf(record.dynamodb?.NewImage);
  const sequenceNumber = record.dynamodb?.SequenceNumber;
  if (!next || !sequenceNumber) return null;
  const summary = titleSummaryOf(next);
  const previous = titleOf(record.dynamodb?.OldImage);
  if (previous && editedFields(titleSummaryOf(previous)) === editedFields(summary)) return null;
  return { titleId: next.titleId, summary, sequenceNumber };
}

const isConditionFailure = (error: unknown) => error instanceof Error && error.name === "ConditionalCheckFailedException";

export function createTitleSummaryRefresher(deps: TitleSummaryRefresherDependencies) {
  const log = deps.log ?? ((entry) => console.warn(JSON.stringify(entry)));
  const concurrency = deps.concurrency ?? 10;

  /** One entry: the new summary, only over an older one of an entry that still exists. */
  async function refreshEntry(TableName: string, Key: { pk: string; sk: string }, summary: TitleSummary): Promise<boolean> {
    try {
      await deps.dynamo.send(
        new UpdateCommand({
          TableName,
          Key,
          UpdateExpression: "SET #title = :summary",
          ConditionExpression: "attribute_exists(#pk) AND #title.#titleId = :titleId AND (attribute_not_exists(#title.#version) OR #title.#version < :version)",
          ExpressionAttributeNames: { "#pk": tableKeys.primary.partitionKey, "#title": "title", "#titleId": "titleId", "#version": "version" },
          ExpressionAttributeValues: { ":summary": summary, ":titleId": summary.titleId, ":version": summary.version },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  /** Every entry of the title, a page of the index at a time. */
  async function refreshTitle(summary: TitleSummary): Promise<{ refreshed: number; current: number }> {
    const TableName = deps.tableName();
    const counts = { refreshed: 0, current: 0 };
    let ExclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const page = await deps.dynamo.send(
        new QueryCommand({
          TableName,
          IndexName: "gsi3",
          KeyConditionExpression: "#pk = :pk",
          ExpressionAttributeNames: { "#pk": tableKeys.gsi3.partitionKey, "#tablePk": tableKeys.primary.partitionKey, "#tableSk": tableKeys.primary.sortKey },
          ExpressionAttributeValues: { ":pk": titleEntriesPartition(summary.titleId) },
          ProjectionExpression: "#tablePk, #tableSk",
          ExclusiveStartKey,
        }),
      );
      const keys = (page.Items ?? []) as Array<{ pk: string; sk: string }>;
      for (let start = 0; start < keys.length; start += concurrency) {
        const written = await Promise.all(keys.slice(start, start + concurrency).map((key) => refreshEntry(TableName, { pk: key.pk, sk: key.sk }, summary)));
        for (const wrote of written) counts[wrote ? "refreshed" : "current"] += 1;
      }
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey);
    return counts;
  }

  return {
    async refresh(records: readonly StreamRecord[]): Promise<RefreshResult> {
      // Per title, only the newest summary of the batch is written; its records fail or succeed together.
      const byTitle = new Map<string, { summary: TitleSummary; sequenceNumbers: string[] }>();
      let skipped = 0;
      for (const record of records) {
        const change = titleSummaryChangeOf(record);
        if (!change) {
          skipped += 1;
          continue;
        }
        const seen = byTitle.get(change.titleId);
        if (!seen) byTitle.set(change.titleId, { summary: change.summary, sequenceNumbers: [change.sequenceNumber] });
        else {
          seen.sequenceNumbers.push(change.sequenceNumber);
          if (change.summary.version > seen.summary.version) seen.summary = change.summary;
        }
      }

      const result: RefreshResult = { refreshed: 0, current: 0, skipped, failedSequenceNumbers: [] };
      for (const { summary, sequenceNumbers } of byTitle.values()) {
        try {
          const counts = await refreshTitle(summary);
          result.refreshed += counts.refreshed;
          result.current += counts.current;
        } catch (error) {
          result.failedSequenceNumbers.push(...sequenceNumbers);
          log({
            message: "Refreshing a title's summaries failed: the stream will deliver its records again",
            titleId: summary.titleId,
            version: summary.version,
            error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
          });
        }
      }
      return result;
    },
  };
}

export type TitleSummaryRefresher = ReturnType<typeof createTitleSummaryRefresher>;
