// Pipeline function: removes a title from the profile's list. Idempotent: removing what is not there
// succeeds. Conditional on the caller's account owning the entry.
import { util, type Context } from "@aws-appsync/utils";
import { remove } from "@aws-appsync/utils/dynamodb";
import { myListKeys } from "@marquee/core/appsync";
import { callerSub, isConditionFailure, refuseForeignItem, type ProfileItem } from "../watching";

type Args = { profileId: string; titleId: string };

export function request(ctx: Context<Args>) {
  const profile = ctx.stash.profile as ProfileItem;
  return remove({ key: myListKeys(profile.profileId, ctx.args.titleId), condition: { accountId: { eq: callerSub(ctx) } } });
}

export function response(ctx: Context<Args>) {
  // AppSync counts a conditional delete of a missing item as done (ctx.result null, no error).
  if (isConditionFailure(ctx.error)) refuseForeignItem(ctx.result as { accountId?: string } | null, callerSub(ctx));
  if (ctx.error) util.error(ctx.error.message, ctx.error.type);
  return { profileId: ctx.args.profileId, titleId: ctx.args.titleId };
}
