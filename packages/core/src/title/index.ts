export * as Title from "./index.ts";

import { randomUUID } from "node:crypto";
import { z } from "zod";
import { dynamoClient, tableName } from "../dynamo.ts";
import { genreKeys, genreTitleKeys, initialOf, popularityRank, searchTokenKeys, titleKeys } from "../keys.ts";
import { VisibleError } from "../util/error.ts";
import { fn } from "../util/fn.ts";
import { normalizeText, searchWords } from "../util/normalize.ts";
import { conditionFailedAt, transactWrite } from "../util/transaction.ts";
import { TitleEntity, type TitleInfo } from "./entity.ts";
import { knownGenres } from "./genres.ts";
import { maturities, maturityFromGenres } from "./maturity.ts";
import { popularTitleItem } from "../recommendation/popular.ts";

export { knownGenres } from "./genres.ts";
export { maturities, maturityFromGenres, type Maturity } from "./maturity.ts";

export const limits = {
  nameLength: 200,
  idLength: 64,
  maxGenres: 6,
  minYear: 1870,
  /** Titles may be announced a few years ahead. */
  maxYear: () => new Date().getUTCFullYear() + 5,
  /** Words of a name that are indexed for search (keeps a title's writes inside one transaction). */
  maxSearchWords: 20,
};

/** A title: the entity's item (entity.ts), its year and maturity null when it has none. */
export type Info = TitleInfo;

const name = z
  .string()
  .transform((value) => value.trim())
  .pipe(z.string().min(1, "must not be empty").max(limits.nameLength, `must be at most ${limits.nameLength} characters`));
const year = z
  .number()
  .int("must be a whole number")
  .min(limits.minYear, `must be ${limits.minYear} or later`)
  .refine((value) => value <= limits.maxYear(), { message: `must be ${limits.maxYear()} or earlier` });
const genres = z
  .array(
    z.enum(knownGenres, {
      errorMap: (issue, context) => ({
        message:
          issue.code === "invalid_enum_value"
            ? `"${String(issue.received)}" is not a genre; use one of: ${knownGenres.join(", ")}`
            : context.defaultError,
      }),
    }),
  )
  .min(1, "needs at least one genre")
  .max(limits.maxGenres, `at most ${limits.maxGenres} genres`)
  .transform((list) => [...new Set(list)]);
const maturity = z.enum(maturities);
const titleId = z
  .string()
  .min(1, "must not be empty")
  .max(limits.idLength, `must be at most ${limits.idLength} characters`)
  .regex(/^[a-z0-9][a-z0-9-]*$/, "may contain only lowercase letters, digits and dashes");

export const CreateInput = z.object({
  id: titleId.optional(),
  name,
  year: year.nullish(),
  genres,
  maturity: maturity.nullish(),
});

export const UpdateInput = z.object({
  id: z.string().min(1),
  expectedVersion: z.number().int().min(1),
  name: name.optional(),
  year: year.nullish(),
  genres: genres.optional(),
  maturity: maturity.nullish(),
});

/**
 * Every item that stores a title: the title itself, one per genre, one per search word. Built as plain
 * objects (ElectroDB's params() costs ~120 us an item, too slow for seeding 58,000); a test checks
 * they equal what the ElectroDB entities write.
 */
export function itemsOf(title: Info) {
  // ElectroDB stores absent attributes, not nulls.
  const summary = withoutNulls(title);
  const rank = popularityRank(title.popularity);
  const normalizedName = normalizeText(title.name);
  const words = searchWords(title.name).slice(0, limits.maxSearchWords);
  return {
    title: { ...summary, ...titleKeys(title.titleId), __edb_e__: "title", __edb_v__: "1" },
    genreTitles: title.genres.map((genre) => ({
      ...summary,
      genre,
      popularityRank: rank,
      ...genreTitleKeys(genre, title.popularity, title.titleId),
      __edb_e__: "genreTitle",
      __edb_v__: "1",
    })),
    searchTokens: words.map((word) => ({
      ...summary,
      initial: initialOf(word),
      word,
      popularityRank: rank,
      normalizedName,
      ...searchTokenKeys(word, title.popularity, title.titleId),
      __edb_e__: "searchToken",
      __edb_v__: "1",
    })),
    /** Its row in the most-popular list, which recommendations fall back to (maturity kept current). */
    popular: popularTitleItem(title),
  };
}

function withoutNulls(title: Info) {
  const { year, maturity, ...rest } = title;
  return { ...rest, ...(year === null || year === undefined ? {} : { year }), ...(maturity ? { maturity } : {}) };
}

/** The keys of a title's list items (to delete them when the title changes). */
function listItemKeys(title: Info) {
  return [
    ...title.genres.map((genre) => genreTitleKeys(genre, title.popularity, title.titleId)),
    ...searchWords(title.name)
      .slice(0, limits.maxSearchWords)
      .map((word) => searchTokenKeys(word, title.popularity, title.titleId)),
  ];
}

const genreCount = (genre: string, delta: number) => ({
  Update: {
    TableName: tableName(),
    Key: genreKeys(genre),
    UpdateExpression: "ADD titleCount :delta SET genre = :genre, #e = :entity, #v = :version",
    ExpressionAttributeNames: { "#e": "__edb_e__", "#v": "__edb_v__" },
    ExpressionAttributeValues: { ":delta": delta, ":genre": genre, ":entity": "genre", ":version": "1" },
  },
});

export async function get(id: string): Promise<Info | null> {
  const { data } = await TitleEntity.get({ titleId: id }).go({ consistent: true, table: tableName() });
  return data ?? null;
}

/** A title as written, and the genres whose rows the write changed (the API cache evicts those rows). */
export type Written = { title: Info; affectedGenres: string[] };

export const create = fn(CreateInput, async (input): Promise<Written> => {
  const now = new Date().toISOString();
  const title: Info = {
    titleId: input.id ?? randomUUID(),
    name: input.name,
    year: input.year ?? null,
    genres: input.genres,
    // Not given: derived from the genres by the documented rule (unrated only when the rule says so).
    maturity: input.maturity === undefined ? maturityFromGenres(input.genres) : input.maturity,
    popularity: 0,
    ratingCount: 0,
    ratingSum: 0,
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
  const items = itemsOf(title);
  const TableName = tableName();
  try {
    // Every title write also ADDs to its genres' shared counters: two editors saving titles of a genre at
    // once collide, and transactWrite retries the conflict (util/transaction.ts).
    await transactWrite(dynamoClient, {
      TransactItems: [
        { Put: { TableName, Item: items.title, ConditionExpression: "attribute_not_exists(pk)" } },
        ...[...items.genreTitles, ...items.searchTokens, items.popular].map((Item) => ({ Put: { TableName, Item } })),
        ...title.genres.map((genre) => genreCount(genre, 1)),
      ],
    });
  } catch (error) {
    if (conditionFailedAt(error, 0)) throw new VisibleError("Conflict", `A title with id "${title.titleId}" already exists.`);
    throw error;
  }
  return { title, affectedGenres: [...title.genres] };
});

export const update = fn(UpdateInput, async (input): Promise<Written> => {
  const current = await get(input.id);
  if (!current) throw new VisibleError("NotFound", `There is no title with id "${input.id}".`);
  if (current.version !== input.expectedVersion) throw staleVersion(input.id, input.expectedVersion, current.version);
  const next: Info = {
    ...current,
    name: input.name ?? current.name,
    year: input.year === undefined ? current.year : input.year,
    genres: input.genres ?? current.genres,
    maturity: input.maturity === undefined ? current.maturity : input.maturity,
    version: current.version + 1,
    updatedAt: new Date().toISOString(),
  };
  const items = itemsOf(next);
  const TableName = tableName();
  const keep = new Set([...items.genreTitles, ...items.searchTokens].map((item) => `${item.pk}|${item.sk}`));
  const removed = listItemKeys(current).filter((key) => !keep.has(`${key.pk}|${key.sk}`));
  const added = next.genres.filter((genre) => !current.genres.includes(genre));
  const dropped = current.genres.filter((genre) => !next.genres.includes(genre));
  try {
    // One transaction, conditional on the version read: a concurrent update makes it fail whole.
    await transactWrite(dynamoClient, {
      TransactItems: [
        {
          Put: {
            TableName,
            Item: items.title,
            ConditionExpression: "#version = :expected",
            ExpressionAttributeNames: { "#version": "version" },
            ExpressionAttributeValues: { ":expected": input.expectedVersion },
          },
        },
        ...[...items.genreTitles, ...items.searchTokens, items.popular].map((Item) => ({ Put: { TableName, Item } })),
        ...removed.map((Key) => ({ Delete: { TableName, Key } })),
        ...added.map((genre) => genreCount(genre, 1)),
        ...dropped.map((genre) => genreCount(genre, -1)),
      ],
    });
  } catch (error) {
    if (conditionFailedAt(error, 0)) {
      const latest = await get(input.id);
      throw staleVersion(input.id, input.expectedVersion, latest?.version ?? current.version + 1);
    }
    throw error;
  }
  // Rows of the genres it left lose it; rows of the others show its new details.
  return { title: next, affectedGenres: [...new Set([...current.genres, ...next.genres])] };
});

function staleVersion(id: string, expected: number, actual: number) {
  return new VisibleError(
    "Conflict",
    `Title "${id}" was changed since version ${expected} (it is now at version ${actual}): read it again and reapply your change.`,
    { currentVersion: actual },
  );
}
