// What the home screen shows, as configuration, and how its genre rows are chosen. APPSYNC_JS subset.

export const homeRules = {
  continueWatching: 20,
  myList: 20,
  /** Genre rows, each one Query: the home query's request count is fixed by this number. */
  genreRows: 6,
  titlesPerRow: 20,
  /** The latest history entries whose genres are counted to pick the rows. */
  historyWindow: 50,
  /**
   * Titles a row reads when the profile may not see every maturity: the maturity filter runs after
   * DynamoDB's limit, so a wider window still fills most rows of a kids profile in one Query.
   */
  filteredRowWindow: 100,
  /**
   * How long a genre row's titles stay in the API cache (GenreRow.titles is cached per genre and profile
   * maturity). Title writes evict the rows they change at once; the TTL bounds anything else, such as
   * a popularity re-rank by a batch job.
   */
  genreRowCacheSeconds: 300,
} as const;

/** GenreRow.titles' caching keys, in order; evictions name them without the `$`, in the same order. */
export const genreRowCachingKeys = ["$context.source.genre", "$context.source.profileMaturity"] as const;

/**
 * Rows for a profile with too little history, by profile maturity: the catalog's largest genres
 * (MovieLens: Drama, Comedy, Thriller, Action, Romance, Adventure ...), led for kids and teens by the
 * genres they may actually see. A fixed list keeps the home query at one request for its rows.
 */
export const defaultGenreRows: Record<string, string[]> = {
  KIDS: ["Children", "Animation", "Comedy", "Adventure", "Fantasy", "Musical"],
  TEEN: ["Comedy", "Adventure", "Drama", "Action", "Romance", "Sci-Fi"],
  ADULT: ["Drama", "Comedy", "Thriller", "Action", "Romance", "Adventure"],
};

/**
 * The genres a profile watched most across `entries` (ties: the genre seen most recently first, as
 * entries come newest first), padded with the defaults for its maturity, exactly `rows` long when the
 * defaults allow.
 */
export function pickGenreRows(entries: Array<{ genres?: string[] | null }>, profileMaturity: string, rows: number = homeRules.genreRows): string[] {
  const counted: Array<{ genre: string; count: number; firstSeen: number }> = [];
  entries.forEach((entry, position) => {
    (entry.genres ?? []).forEach((genre) => {
      const found = counted.filter((candidate) => candidate.genre === genre)[0];
      if (found) found.count += 1;
      else counted.push({ genre, count: 1, firstSeen: position });
    });
  });
  counted.sort((a, b) => b.count - a.count || a.firstSeen - b.firstSeen);
  const picked = counted.slice(0, rows).map((candidate) => candidate.genre);
  const defaults = defaultGenreRows[profileMaturity] ?? defaultGenreRows.KIDS!;
  defaults.forEach((genre) => {
    if (picked.length < rows && picked.indexOf(genre) < 0) picked.push(genre);
  });
  return picked;
}
