// The ids the API takes as arguments, each with its maximum length and alphabet, checked before any
// DynamoDB call: a key over DynamoDB's size limits (or with characters no id has) is answered with a
// message naming the argument, never with DynamoDB's. Dependency-free and in the APPSYNC_JS subset
// (no regular expressions): resolvers import it through @marquee/core/appsync, core's zod inputs too.

const lowercase = "abcdefghijklmnopqrstuvwxyz";
const uppercase = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
const digits = "0123456789";

export type IdFormat = {
  /** Characters (UTF-16 code units; every allowed character is ASCII). */
  maxLength: number;
  alphabet: string;
  /** The alphabet as a client is told it. */
  described: string;
};

/**
 * - title: the length and characters Title.create accepts for a new title (seed ids "ml-<movieId>",
 *   generated UUIDs; it also refuses a leading dash, which a lookup simply does not find);
 * - profile: what core issues (UUIDs; the seed's "movielens-<userId>");
 * - genre: a genre's name ("Sci-Fi", "Film-Noir"); an unknown one is an empty page, not an error.
 */
export const idFormats = {
  title: { maxLength: 64, alphabet: `${lowercase}${digits}-`, described: "lowercase letters, digits and dashes" },
  profile: { maxLength: 64, alphabet: `${lowercase}${uppercase}${digits}-_`, described: "letters, digits, dashes and underscores" },
  genre: { maxLength: 32, alphabet: `${lowercase}${uppercase}${digits}- `, described: "letters, digits, dashes and spaces" },
} as const satisfies Record<string, IdFormat>;

export type IdKind = keyof typeof idFormats;

/** What is wrong with `id` as an id of this kind ("must not be empty", ...), or null when it is well formed. */
export function idProblem(kind: IdKind, id: string): string | null {
  const format: IdFormat = idFormats[kind];
  if (id.length === 0) return "must not be empty";
  // Length first: a 10 KB id is refused without walking it.
  if (id.length > format.maxLength) return `must be at most ${format.maxLength} characters`;
  for (const char of id) {
    if (format.alphabet.indexOf(char) < 0) return `may contain only ${format.described}`;
  }
  return null;
}
