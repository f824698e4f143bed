// Pipeline function: proves the profile in the arguments belongs to the caller. The key includes the
// caller's own sub, so a foreign or made-up profile id finds nothing and the field is Unauthorized.
import { util, type Context } from "@aws-appsync/utils";
import { get } from "@aws-appsync/utils/dynamodb";
import { profileKeys } from "@marquee/core/appsync";

type Args = { profileId?: string; input?: { profileId?: string } };

export function request(ctx: Context<Args>) {
  const sub = (ctx.identity as { sub?: string } | null)?.sub;
  const profileId = ctx.args.profileId ?? ctx.args.input?.profileId;
  if (!sub || !profileId) util.unauthorized();
  return get({ key: profileKeys(sub as string, profileId as string), consistentRead: true });
}

export function response(ctx: Context) {
  if (ctx.error) util.error(ctx.error.message, ctx.error.type);
  if (!ctx.result) util.unauthorized();
  ctx.stash.profile = ctx.result;
  return ctx.result;
}
