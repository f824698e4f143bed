import { Entity } from "electrodb";
import { dynamoClient } from "../dynamo.ts";
import { tableKeys } from "../table.ts";

export const maturities = ["ALL", "SEVEN_PLUS", "THIRTEEN_PLUS", "SIXTEEN_PLUS", "EIGHTEEN_PLUS"] as const;
export type Maturity = (typeof maturities)[number];

const key = <const Composite extends readonly string[]>(field: string, composite: Composite, template: string) => ({
  field,
  composite,
  template,
  casing: "none" as const,
});

/** A title of the catalog: pk TITLE#<titleId>, sk TITLE. */
export const TitleEntity = new Entity(
  {
    model: { entity: "title", version: "1", service: "marquee" },
    attributes: {
      titleId: { type: "string", required: true, readOnly: true },
      name: { type: "string", required: true },
      year: { type: "number" },
      genres: { type: "list", items: { type: "string" }, required: true },
      maturity: { type: maturities },
      popularity: { type: "number", required: true, default: 0 },
      ratingCount: { type: "number", required: true, default: 0 },
      ratingSum: { type: "number", required: true, default: 0 },
      version: { type: "number", required: true, default: 1 },
      createdAt: { type: "string", required: true },
      updatedAt: { type: "string", required: true },
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

/** The denormalised title summary that list items carry, so a page is one Query. */
export const summary = {
  titleId: { type: "string", required: true },
  name: { type: "string", required: true },
  year: { type: "number" },
  genres: { type: "list", items: { type: "string" }, required: true },
  maturity: { type: maturities },
  popularity: { type: "number", required: true },
  ratingCount: { type: "number", required: true, default: 0 },
  ratingSum: { type: "number", required: true, default: 0 },
  version: { type: "number", required: true, default: 1 },
  createdAt: { type: "string", required: true },
  updatedAt: { type: "string", required: true },
} as const;

/** A title listed under one of its genres, most popular first: pk GENRE#<genre>, sk <popularityRank>#<titleId>. */
export const GenreTitleEntity = new Entity(
  {
    model: { entity: "genreTitle", version: "1", service: "marquee" },
    attributes: {
      genre: { type: "string", required: true },
      popularityRank: { type: "string", required: true },
      ...summary,
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
      ...summary,
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
