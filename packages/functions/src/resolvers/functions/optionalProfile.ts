// Pipeline function for catalog reads: without a profileId nothing is read (no filtering); with one,
// the profile must be the caller's (see ../profile-proof.ts) and goes to ctx.stash.profile, whose
// maturity then filters what the field returns.
import { runtime, type Context } from "@aws-appsync/utils";
import { checkedProfileId } from "../arguments";
import { getCallersProfile } from "../profile-proof";

export function request(ctx: Context<{ profileId?: string | null }>) {
  const profileId = checkedProfileId(ctx.args);
  if (profileId === null) runtime.earlyReturn(null);
  return getCallersProfile(ctx, profileId as string);
}

export { proveProfile as response } from "../profile-proof";
