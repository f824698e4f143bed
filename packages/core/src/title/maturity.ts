// MovieLens has no age ratings, so the seeded catalog derives one from genres. The rule, first match:
//   no genres                               -> null (unrated: never shown to kids profiles)
//   Horror                                  -> EIGHTEEN_PLUS
//   Crime, Thriller, War or Film-Noir       -> SIXTEEN_PLUS
//   Children                                -> ALL
//   Animation, with only Comedy or Musical  -> SEVEN_PLUS
//   anything else                           -> THIRTEEN_PLUS
// Dependency-free and in the APPSYNC_JS subset: resolvers import it through @marquee/core/appsync.

/** A title's age rating; a title without one is unrated. */
export const maturities = ["ALL", "SEVEN_PLUS", "THIRTEEN_PLUS", "SIXTEEN_PLUS", "EIGHTEEN_PLUS"] as const;
export type Maturity = (typeof maturities)[number];

export const isMaturity = (value: unknown): value is Maturity => maturities.indexOf(value as Maturity) >= 0;

const sixteenPlus = ["Crime", "Thriller", "War", "Film-Noir"];
const lightCompanions = ["Animation", "Comedy", "Musical"];

export function maturityFromGenres(genres: readonly string[]): Maturity | null {
  if (genres.length === 0) return null;
  if (genres.includes("Horror")) return "EIGHTEEN_PLUS";
  if (genres.some((genre) => sixteenPlus.includes(genre))) return "SIXTEEN_PLUS";
  if (genres.includes("Children")) return "ALL";
  if (genres.includes("Animation") && genres.every((genre) => lightCompanions.includes(genre))) return "SEVEN_PLUS";
  return "THIRTEEN_PLUS";
}
