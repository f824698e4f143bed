// Progress and My List entries as ElectroDB entities: the one description of each entry. The item types
// of items.ts are derived from them, and the hand-built keys (keys.ts) and items (items.ts), which the
// APPSYNC_JS resolvers write, are tested against them. The resolvers import only the types.
import { Entity, type EntityItem } from "electrodb";
import { dynamoClient } from "../dynamo.ts";
import { entityKey as key, tableKeys } from "../table.ts";
import { titleAttributes } from "../title/attributes.ts";
import { watchStatuses } from "./rules.ts";

/**
 * Both kinds of entry: keyed in the profile's partition by title, and indexed by title (gsi3
 * `TITLE_ENTRIES#<titleId>`) so a title's change reaches every entry of it. `kind` names the entry in
 * the sort keys: PROGRESS or LIST.
 */
const entryIndexes = <const Kind extends string>(kind: Kind) => ({
  byProfile: {
    pk: key(tableKeys.primary.partitionKey, ["profileId"], "PROFILE#${profileId}"),
    sk: key(tableKeys.primary.sortKey, ["titleId"], `${kind}#\${titleId}`),
  },
  byTitle: {
    index: "gsi3",
    pk: key(tableKeys.gsi3.partitionKey, ["titleId"], "TITLE_ENTRIES#${titleId}"),
    sk: key(tableKeys.gsi3.sortKey, ["profileId"], `\${profileId}#${kind}`),
  },
});

/** The title summary an entry carries (items.ts `TitleSummary`): the title's own attributes. */
const title = { type: "map", required: true, properties: titleAttributes } as const;

/** A profile's progress on a title: pk PROFILE#<profileId>, sk PROGRESS#<titleId>. */
export const ProgressEntity = new Entity(
  {
    model: { entity: "progress", version: "1", service: "marquee" },
    attributes: {
      profileId: { type: "string", required: true, readOnly: true },
      /** The owning account's sub: writes are conditional on it (authorization in the write itself). */
      accountId: { type: "string", required: true },
      titleId: { type: "string", required: true, readOnly: true },
      title,
      positionSeconds: { type: "number", required: true },
      durationSeconds: { type: "number", required: true },
      /** Absent unless the title can be resumed. */
      resumeAtSeconds: { type: "number" },
      status: { type: watchStatuses, required: true },
      hidden: { type: "boolean", required: true },
      lastWatchedAt: { type: "string", required: true },
      /** The event time that wrote this item: older events are refused by the write's condition. */
      lastEventAt: { type: "string", required: true },
    },
    indexes: {
      ...entryIndexes("PROGRESS"),
      /** Continue watching (sparse: its keys are written only while resumable and not hidden). */
      continueWatching: {
        index: "gsi1",
        pk: key(tableKeys.gsi1.partitionKey, ["profileId"], "CW#${profileId}"),
        sk: key(tableKeys.gsi1.sortKey, ["lastWatchedAt"], "${lastWatchedAt}"),
      },
      history: {
        index: "gsi2",
        pk: key(tableKeys.gsi2.partitionKey, ["profileId"], "HISTORY#${profileId}"),
        sk: key(tableKeys.gsi2.sortKey, ["lastWatchedAt", "titleId"], "${lastWatchedAt}#${titleId}"),
      },
    },
  },
  { client: dynamoClient },
);

/** A title on a profile's list: pk PROFILE#<profileId>, sk LIST#<titleId>. */
export const MyListEntryEntity = new Entity(
  {
    model: { entity: "myListEntry", version: "1", service: "marquee" },
    attributes: {
      profileId: { type: "string", required: true, readOnly: true },
      accountId: { type: "string", required: true },
      titleId: { type: "string", required: true, readOnly: true },
      title,
      addedAt: { type: "string", required: true },
    },
    indexes: {
      ...entryIndexes("LIST"),
      newestFirst: {
        index: "gsi1",
        pk: key(tableKeys.gsi1.partitionKey, ["profileId"], "LIST#${profileId}"),
        sk: key(tableKeys.gsi1.sortKey, ["addedAt"], "${addedAt}"),
      },
    },
  },
  { client: dynamoClient },
);

/** A progress entry as ElectroDB reads it (without its keys). */
export type ProgressEntry = EntityItem<typeof ProgressEntity>;
/** A My List entry as ElectroDB reads it (without its keys). */
export type MyListEntry = EntityItem<typeof MyListEntryEntity>;
