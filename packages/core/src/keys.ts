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
export const searchPartition = (word: string) => `SEARCH#${word.slice(0, 1)}`;
