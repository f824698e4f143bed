// Key shapes of the single table, as plain functions with no dependencies: APPSYNC_JS resolvers
// (which cannot run ElectroDB) import these, and a test checks each against ElectroDB's own keys
// (`entity.conversions.fromComposite.toKeys`), so hand-built keys cannot drift from the model.

/** Sort keys order ascending; storing 999,999,999 - popularity lists the most popular first. */
export function popularityRank(popularity: number): string {
  const clamped = Math.max(0, Math.min(999_999_999, Math.floor(popularity)));
  return String(999_999_999 - clamped).padStart(9, "0");
}

export const titleKeys = (titleId: string) => ({ pk: `TITLE#${titleId}`, sk: "TITLE" });

export const genreTitleKeys = (genre: string, popularity: number, titleId: string) => ({
  pk: `GENRE#${genre}`,
  sk: `${popularityRank(popularity)}#${titleId}`,
});
export const genreTitlePartition = (genre: string) => `GENRE#${genre}`;

export const genreKeys = (genre: string) => ({ pk: "GENRES", sk: `GENRE#${genre}` });
export const genresPartition = "GENRES";

export const searchTokenKeys = (word: string, popularity: number, titleId: string) => ({
  pk: searchPartition(word),
  sk: `${word}#${popularityRank(popularity)}#${titleId}`,
});
/** Search tokens are bucketed by their first character, so any prefix of one or more characters is one Query. */
export const searchPartition = (word: string) => `SEARCH#${initialOf(word)}`;

/**
 * The first character of a word, whole: `slice(0, 1)` would cut a character outside the Basic
 * Multilingual Plane (an emoji) in half, and a lone surrogate cannot be encoded in a key.
 */
export function initialOf(word: string): string {
  for (const char of word) return char;
  return "";
}

/**
 * The sort-key prefix of a search Query: every token of words starting with `word`, or (`wholeWord`)
 * only the tokens of `word` itself.
 */
export const searchTokenPrefix = (word: string, wholeWord: boolean) => (wholeWord ? `${word}#` : word);

// Accounts and profiles. A profile's key includes its account: a GetItem with the caller's own sub
// is the ownership check, so a forged or foreign profile id reads nothing.
export const accountPartition = (accountId: string) => `ACCOUNT#${accountId}`;
export const accountKeys = (accountId: string) => ({ pk: accountPartition(accountId), sk: "ACCOUNT" });
export const profileKeys = (accountId: string, profileId: string) => ({ pk: accountPartition(accountId), sk: `PROFILE#${profileId}` });
export const profileSortKeyPrefix = "PROFILE#";

// A profile's own partition: watch progress, My List, interaction events.
export const profilePartition = (profileId: string) => `PROFILE#${profileId}`;
export const progressKeys = (profileId: string, titleId: string) => ({ pk: profilePartition(profileId), sk: `PROGRESS#${titleId}` });
/** gsi1, sparse: only resumable, not hidden entries carry it. */
export const continueWatchingIndexKeys = (profileId: string, lastWatchedAt: string) => ({ gsi1pk: `CW#${profileId}`, gsi1sk: lastWatchedAt });
export const continueWatchingPartition = (profileId: string) => `CW#${profileId}`;
/** gsi2: every watched title, newest first. */
export const historyIndexKeys = (profileId: string, lastWatchedAt: string, titleId: string) => ({
  gsi2pk: `HISTORY#${profileId}`,
  gsi2sk: `${lastWatchedAt}#${titleId}`,
});
export const historyPartition = (profileId: string) => `HISTORY#${profileId}`;
export const myListKeys = (profileId: string, titleId: string) => ({ pk: profilePartition(profileId), sk: `LIST#${titleId}` });
/** gsi1: My List, newest first. */
export const myListIndexKeys = (profileId: string, addedAt: string) => ({ gsi1pk: `LIST#${profileId}`, gsi1sk: addedAt });
export const myListPartition = (profileId: string) => `LIST#${profileId}`;
/**
 * gsi3: every entry that carries a title's summary (progress, My List), by title, so a change of the
 * title reaches them all (history/title-summaries.ts, from the table's stream). `kind` tells them apart.
 */
export type TitleEntryKind = "PROGRESS" | "LIST";
export const titleEntriesPartition = (titleId: string) => `TITLE_ENTRIES#${titleId}`;
export const titleEntryIndexKeys = (titleId: string, profileId: string, kind: TitleEntryKind) => ({
  gsi3pk: titleEntriesPartition(titleId),
  gsi3sk: `${profileId}#${kind}`,
});
/** An interaction (watch, finish, list add...) kept for recommendations; the stream carries it to Personalize. */
export const interactionKeys = (profileId: string, eventAt: string, titleId: string, eventType: string) => ({
  pk: profilePartition(profileId),
  sk: `EVENT#${eventAt}#${titleId}#${eventType}`,
});

/** Interaction events of a profile's partition (`begins_with` on the sort key). */
export const interactionSortKeyPrefix = "EVENT#";

/** Progress items of a profile's partition (`begins_with` on the sort key): the titles it finished, for recommendations. */
export const progressSortKeyPrefix = "PROGRESS#";

/**
 * Every title once more, most popular first, in one partition: the non-personalized list recommendations
 * fall back to (one Query). Slim items: id, maturity (for a filter), popularity; the titles themselves are
 * batch-read, so a stale entry never shows stale details.
 */
export const popularPartition = "POPULAR";
export const popularTitleKeys = (popularity: number, titleId: string) => ({ pk: popularPartition, sk: `${popularityRank(popularity)}#${titleId}` });
