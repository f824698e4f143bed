// The items of a profile's watch history, My List and interaction events, built as plain objects so
// the APPSYNC_JS resolvers (and a seed) write exactly the same shapes. Each builder returns the
// primary key apart from the other attributes, as DynamoDB requests take them.
import {
  continueWatchingIndexKeys,
  historyIndexKeys,
  interactionKeys,
  myListIndexKeys,
  myListKeys,
  progressKeys,
  titleEntryIndexKeys,
} from "../keys.ts";
import type { TitleItem, TitleRecord } from "../title/entity.ts";
import type { MyListEntry, ProgressEntry } from "./entity.ts";
import { classifyProgress, interactionExpiresAt, interactionTypeOf, isResumable, progressRules, type InteractionType, type ProgressRules } from "./rules.ts";

/**
 * The title details a list item carries, so a page of history or My List is one Query with no read
 * per title: the title's own attributes (title/attributes.ts), as the catalog's genre rows carry them.
 */
export type TitleSummary = TitleItem;

export type { TitleRecord } from "../title/entity.ts";

/** A title reduced to its summary; absent values stay absent (as ElectroDB stores them). */
export function titleSummaryOf(title: TitleRecord): TitleSummary {
  const summary: TitleSummary = {
    titleId: title.titleId,
    name: title.name,
    genres: title.genres ?? [],
    popularity: title.popularity ?? 0,
    ratingCount: title.ratingCount ?? 0,
    ratingSum: title.ratingSum ?? 0,
    version: title.version ?? 1,
    createdAt: title.createdAt,
    updatedAt: title.updatedAt,
  };
  if (title.year !== null && title.year !== undefined) summary.year = title.year;
  if (title.maturity) summary.maturity = title.maturity;
  return summary;
}

export type Keys = { pk: string; sk: string };

/** The model's own identification of an item, which ElectroDB writes on every put. */
type Identified<Entity extends string> = { __edb_e__: Entity; __edb_v__: "1" };

/** A progress item as written, without its primary key: the entity's attributes and its index keys. */
export type ProgressAttributes = ProgressEntry &
  ReturnType<typeof historyIndexKeys> &
  /** The title's entries (gsi3), so a change of the title refreshes `title`. */
  ReturnType<typeof titleEntryIndexKeys> &
  /** Continue watching (sparse index): present only while resumable and not hidden. */
  Partial<ReturnType<typeof continueWatchingIndexKeys>> &
  Identified<"progress">;

export type ProgressInput = {
  accountId: string;
  profileId: string;
  title: TitleSummary;
  positionSeconds: number;
  durationSeconds: number;
  /** Canonical ISO 8601 (`toISOString`), so string order is time order. */
  eventAt: string;
};

/** A profile's progress on a title after an event: a new entry is never hidden. */
export function progressItem(input: ProgressInput, rules: ProgressRules = progressRules): { key: Keys; attributes: ProgressAttributes } {
  const progress = classifyProgress(input.positionSeconds, input.durationSeconds, rules);
  const attributes: ProgressAttributes = {
    profileId: input.profileId,
    accountId: input.accountId,
    titleId: input.title.titleId,
    title: input.title,
    positionSeconds: input.positionSeconds,
    durationSeconds: input.durationSeconds,
    status: progress.status,
    hidden: false,
    lastWatchedAt: input.eventAt,
    lastEventAt: input.eventAt,
    ...historyIndexKeys(input.profileId, input.eventAt, input.title.titleId),
    ...titleEntryIndexKeys(input.title.titleId, input.profileId, "PROGRESS"),
    __edb_e__: "progress",
    __edb_v__: "1",
  };
  if (progress.resumeAtSeconds !== null) attributes.resumeAtSeconds = progress.resumeAtSeconds;
  if (isResumable(progress)) {
    const index = continueWatchingIndexKeys(input.profileId, input.eventAt);
    attributes.gsi1pk = index.gsi1pk;
    attributes.gsi1sk = index.gsi1sk;
  }
  return { key: progressKeys(input.profileId, input.title.titleId), attributes };
}

/** An interaction event as written (no entity models it: only the stream reads it, by these names). */
export type InteractionAttributes = {
  profileId: string;
  accountId: string;
  titleId: string;
  eventType: InteractionType;
  eventAt: string;
  positionSeconds: number;
  durationSeconds: number;
  /** TTL (epoch seconds). */
  expiresAt: number;
} & Identified<"interaction">;

/** The interaction event a progress event leaves for recommendations (data-model access pattern 12). */
export function interactionItem(
  input: Omit<ProgressInput, "title"> & { titleId: string; eventAtEpochMillis: number },
  rules: ProgressRules = progressRules,
): { key: Keys; attributes: InteractionAttributes } {
  const eventType = interactionTypeOf(classifyProgress(input.positionSeconds, input.durationSeconds, rules));
  return {
    key: interactionKeys(input.profileId, input.eventAt, input.titleId, eventType),
    attributes: {
      profileId: input.profileId,
      accountId: input.accountId,
      titleId: input.titleId,
      eventType,
      eventAt: input.eventAt,
      positionSeconds: input.positionSeconds,
      durationSeconds: input.durationSeconds,
      expiresAt: interactionExpiresAt(input.eventAtEpochMillis),
      __edb_e__: "interaction",
      __edb_v__: "1",
    },
  };
}

/** A My List item as written, without its primary key: the entity's attributes and its index keys. */
export type MyListAttributes = MyListEntry & ReturnType<typeof myListIndexKeys> & ReturnType<typeof titleEntryIndexKeys> & Identified<"myListEntry">;

export function myListItem(input: { accountId: string; profileId: string; title: TitleSummary; addedAt: string }): { key: Keys; attributes: MyListAttributes } {
  return {
    key: myListKeys(input.profileId, input.title.titleId),
    attributes: {
      profileId: input.profileId,
      accountId: input.accountId,
      titleId: input.title.titleId,
      title: input.title,
      addedAt: input.addedAt,
      ...myListIndexKeys(input.profileId, input.addedAt),
      ...titleEntryIndexKeys(input.title.titleId, input.profileId, "LIST"),
      __edb_e__: "myListEntry",
      __edb_v__: "1",
    },
  };
}
