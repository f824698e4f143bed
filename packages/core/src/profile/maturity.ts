// Which title maturities a profile may see. Kids never see unrated titles (a known hole in other
// servers' parental controls). Written without Set/Map: APPSYNC_JS resolvers import it.

export const profileMaturities = ["KIDS", "TEEN", "ADULT"] as const;
export type ProfileMaturity = (typeof profileMaturities)[number];

const allowed: Record<ProfileMaturity, string[]> = {
  KIDS: ["ALL", "SEVEN_PLUS"],
  TEEN: ["ALL", "SEVEN_PLUS", "THIRTEEN_PLUS"],
  ADULT: ["ALL", "SEVEN_PLUS", "THIRTEEN_PLUS", "SIXTEEN_PLUS", "EIGHTEEN_PLUS"],
};

/** The title maturities a profile may see; adults also see unrated titles. */
export function allowedTitleMaturities(profile: ProfileMaturity): string[] {
  return allowed[profile];
}

export function mayWatch(profile: ProfileMaturity, titleMaturity: string | null | undefined): boolean {
  if (titleMaturity === null || titleMaturity === undefined) return profile === "ADULT";
  return allowed[profile].indexOf(titleMaturity) >= 0;
}
