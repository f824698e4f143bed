// Pipeline function: proves the profile in the arguments belongs to the caller (see ../profile-proof.ts).
import { util, type Context } from "@aws-appsync/utils";
import { checkedProfileId } from "../arguments";
import { getCallersProfile } from "../profile-proof";

type Args = { profileId?: string; input?: { profileId?: string } };

export function request(ctx: Context<Args>) {
  const profileId = checkedProfileId(ctx.args);
  if (profileId === null) util.unauthorized();
  return getCallersProfile(ctx, profileId as string);
}

export { proveProfile as response } from "../profile-proof";
