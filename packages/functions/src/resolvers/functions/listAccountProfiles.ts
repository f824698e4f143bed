// Pipeline function: the caller's account partition in one Query: the account item (does the account
// exist yet?) and its profiles, oldest first. Sets ctx.stash.accountExists for ensureDefaultProfile.
import { util, type Context } from "@aws-appsync/utils";
import { query } from "@aws-appsync/utils/dynamodb";
import { accountKeys, accountPartition, profileSortKeyPrefix } from "@marquee/core/appsync";
import { inCreationOrder, toProfile, type StoredProfileFields } from "@marquee/core/appsync";

export function request(ctx: Context) {
  const sub = (ctx.identity as { sub?: string } | null)?.sub;
  if (!sub) util.unauthorized();
  // An account holds at most 6 items (itself and 5 profiles): one page.
  return query({ query: { pk: { eq: accountPartition(sub as string) } }, consistentRead: true });
}

export function response(ctx: Context) {
  if (ctx.error) util.error(ctx.error.message, ctx.error.type);
  const sub = (ctx.identity as { sub: string }).sub;
  const items = (ctx.result as { items: Array<StoredProfileFields & { sk: string }> }).items;
  ctx.stash.accountExists = items.some((item) => item.sk === accountKeys(sub).sk);
  return inCreationOrder(items.filter((item) => item.sk.indexOf(profileSortKeyPrefix) === 0).map(toProfile));
}
