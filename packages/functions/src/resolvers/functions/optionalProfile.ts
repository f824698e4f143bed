// Pipeline function for catalog reads: without a profileId nothing is read (no filtering); with one,
// the profile must be the caller's (the key holds the caller's sub) and goes to ctx.stash.profile,
// whose maturity then filters what the field returns.
import { runtime, util, type Context } from "@aws-appsync/utils";
import { get } from "@aws-appsync/utils/dynamodb";
import { profileKeys } from "@marquee/core/appsync";

export function request(ctx: Context<{ profileId?: string | null }>) {
  const profileId = ctx.args.profileId;
  if (profileId === null || profileId === undefined) runtime.earlyReturn(null);
  const sub = (ctx.identity as { sub?: string } | null)?.sub;
  if (!sub) util.unauthorized();
  return get({ key: profileKeys(sub as string, profileId as string), consistentRead: true });
}

export function response(ctx: Context) {
  if (ctx.error) util.error(ctx.error.message, ctx.error.type);
  if (!ctx.result) util.unauthorized();
  ctx.stash.profile = ctx.result;
  return ctx.result;
}
