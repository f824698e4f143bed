// What a catalog read may show the profile it is made for (ctx.stash.profile, set by optionalProfile).
import type { Context } from "@aws-appsync/utils";
import { allowedTitleMaturities, type ProfileMaturity } from "@marquee/core/appsync";

/** The profile's maturity, or null when the read is not made for a profile (no filtering). */
export function viewerMaturity(ctx: Context): ProfileMaturity | null {
  const profile = ctx.stash.profile as { maturity?: ProfileMaturity } | null | undefined;
  if (!profile) return null;
  return profile.maturity ?? "ADULT";
}

/**
 * A DynamoDB filter keeping the titles a profile may see; null when everything may be seen. Unrated
 * titles have no maturity attribute, so `in` leaves them out, as kids and teen profiles require.
 */
export function maturityFilter(maturity: ProfileMaturity | null) {
  if (maturity === null || maturity === "ADULT") return null;
  return { maturity: { in: allowedTitleMaturities(maturity) } };
}
