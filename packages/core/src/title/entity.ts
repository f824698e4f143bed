// The catalog's items as ElectroDB entities: the one description of each item, which the types below,
// the hand-built keys (keys.ts) and items (index.ts itemsOf) are derived from or tested against.
import { Entity, type EntityItem } from "electrodb";
import { dynamoClient } from "../dynamo.ts";
import { entityKey as key, tableKeys } from "../table.ts";
import { titleAttributes } from "./attributes.ts";

/** A title of the catalog: pk TITLE#<titleId>, sk TITLE. */
export const TitleEntity = new Entity(
  {
    model: { entity: "title", version: "1", service: "marquee" },
    attributes: {
      ...titleAttributes,
      titleId: { ...titleAttributes.titleId, readOnly: true },
      popularity: { ...titleAttributes.popularity, default: 0 },
    },
    indexes: {
      byId: {
        pk: key(tableKeys.primary.partitionKey, ["titleId"], "TITLE#${titleId}"),
        sk: key(tableKeys.primary.sortKey, [], "TITLE"),
      },
    },
  },
  { client: dynamoClient },
);

/** A title listed under one of its genres, most popular first: pk GENRE#<genre>, sk <popularityRank>#<titleId>. */
export const GenreTitleEntity = new Entity(
  {
    model: { entity: "genreTitle", version: "1", service: "marquee" },
    attributes: {
      genre: { type: "string", required: true },
      popularityRank: { type: "string", required: true },
      ...titleAttributes,
    },
    indexes: {
      byGenre: {
        pk: key(tableKeys.primary.partitionKey, ["genre"], "GENRE#${genre}"),
        sk: key(tableKeys.primary.sortKey, ["popularityRank", "titleId"], "${popularityRank}#${titleId}"),
      },
    },
  },
  { client: dynamoClient },
);

/** A genre and how many titles it has: pk GENRES, sk GENRE#<genre>. */
export const GenreEntity = new Entity(
  {
    model: { entity: "genre", version: "1", service: "marquee" },
    attributes: {
      genre: { type: "string", required: true },
      titleCount: { type: "number", required: true, default: 0 },
    },
    indexes: {
      all: {
        pk: key(tableKeys.primary.partitionKey, [], "GENRES"),
        sk: key(tableKeys.primary.sortKey, ["genre"], "GENRE#${genre}"),
      },
    },
  },
  { client: dynamoClient },
);

/** One word of a title's name: pk SEARCH#<first letter>, sk <word>#<popularityRank>#<titleId>. */
export const SearchTokenEntity = new Entity(
  {
    model: { entity: "searchToken", version: "1", service: "marquee" },
    attributes: {
      initial: { type: "string", required: true },
      word: { type: "string", required: true },
      popularityRank: { type: "string", required: true },
      /** The whole normalised name, for ranking exact > prefix > word-prefix matches. */
      normalizedName: { type: "string", required: true },
      ...titleAttributes,
    },
    indexes: {
      byWord: {
        pk: key(tableKeys.primary.partitionKey, ["initial"], "SEARCH#${initial}"),
        sk: key(tableKeys.primary.sortKey, ["word", "popularityRank", "titleId"], "${word}#${popularityRank}#${titleId}"),
      },
    },
  },
  { client: dynamoClient },
);

/** A title as ElectroDB reads it: every attribute, the optional ones (year, maturity) absent when unset. */
export type TitleItem = EntityItem<typeof TitleEntity>;

/** A title as the domain hands it around: as read, except that an optional attribute may also be null (none). */
export type TitleInfo = { [K in keyof TitleItem]: undefined extends TitleItem[K] ? TitleItem[K] | null : TitleItem[K] };

type Identifying = "titleId" | "name" | "createdAt" | "updatedAt";
/** A title item as read from the table, or anything carrying its fields: beyond these four, any may be missing or null. */
export type TitleRecord = Pick<TitleItem, Identifying> & { [K in Exclude<keyof TitleItem, Identifying>]?: TitleItem[K] | null };
