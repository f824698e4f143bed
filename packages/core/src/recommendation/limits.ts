// How many titles a recommendation list may hold, and what Personalize is told about maturity.
// Dependency-free and in the APPSYNC_JS subset: the resolvers validate numResults with it before any
// Lambda runs, and the core module checks it again.
import { allowedTitleMaturities, type ProfileMaturity } from "../profile/maturity";

export const recommendationLimits = {
  minResults: 1,
  maxResults: 50,
  defaultResults: 20,
  /** The home screen's "Top picks" row. */
  homeTopPicks: 20,
} as const;

/** Why numResults is refused (a message a client may see), or null when it is acceptable. */
export function numResultsProblem(numResults: number | null | undefined): string | null {
  if (numResults === null || numResults === undefined) return null;
  const { minResults, maxResults } = recommendationLimits;
  if (numResults < minResults || numResults > maxResults || Math.floor(numResults) !== numResults) {
    return `numResults must be between ${minResults} and ${maxResults} (got ${numResults}).`;
  }
  return null;
}

/**
 * Personalize's items dataset has a value for every title, so a filter can match unrated ones too:
 * MATURITY is the title's maturity, or this for a title without one.
 */
export const unratedMaturity = "UNRATED";

/** A title's MATURITY in Personalize's items dataset. */
export function itemMaturity(maturity: string | null | undefined): string {
  return maturity ? maturity : unratedMaturity;
}

/** The MATURITY values a profile may be recommended: its allowed maturities, plus unrated for adults. */
export function personalizeMaturities(profile: ProfileMaturity): string[] {
  const allowed = allowedTitleMaturities(profile).slice();
  if (profile === "ADULT") allowed.push(unratedMaturity);
  return allowed;
}
