// Pipeline function: the caller's account partition in one Query: the account item (does the account
// exist yet?) and its profiles, oldest first. Sets ctx.stash.accountExists for ensureDefaultProfile.
import type { Context } from "@aws-appsync/utils";
import { query } from "@aws-appsync/utils/dynamodb";
import { accountKeys, accountPartition, profileSortKeyPrefix } from "@marquee/core/appsync";
import { inCreationOrder, toProfile, type StoredProfileFields } from "@marquee/core/appsync";
import { callerOf } from "../actor";
import { failOnDataSourceError } from "../errors";

export function request(ctx: Context) {
  // An account holds at most 6 items (itself and 5 profiles): one page.
  return query({ query: { pk: { eq: accountPartition(callerOf(ctx).accountId) } }, consistentRead: true });
}

export function response(ctx: Context) {
  failOnDataSourceError(ctx);
  const items = (ctx.result as { items: Array<StoredProfileFields & { sk: string }> }).items;
  ctx.stash.accountExists = items.some((item) => item.sk === accountKeys(callerOf(ctx).accountId).sk);
  return inCreationOrder(items.filter((item) => item.sk.indexOf(profileSortKeyPrefix) === 0).map(toProfile));
}
