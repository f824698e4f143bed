// Shared by the pipeline functions that remove one entry of the proven profile (deleteMyListEntry,
// deleteProgress). Idempotent: removing what is not there succeeds. Conditional on the caller's account
// owning the entry.
import type { Context } from "@aws-appsync/utils";
import { remove } from "@aws-appsync/utils/dynamodb";
import type { Keys } from "@marquee/core/appsync";
import { callerOf, provenProfile } from "./actor";
import { checkedId } from "./arguments";
import { failOnDataSourceError } from "./errors";
import { isConditionFailure, refuseForeignItem } from "./watching";

export type EntryArgs = { profileId: string; titleId: string };

/** The conditional DeleteItem of the entry whose keys `keysOf(profileId, titleId)` gives. */
export function deleteEntry(ctx: Context<EntryArgs>, keysOf: (profileId: string, titleId: string) => Keys) {
  const key = keysOf(provenProfile(ctx).profileId, checkedId("titleId", ctx.args.titleId));
  return remove({ key, condition: { accountId: { eq: callerOf(ctx).accountId } } });
}

export function deletedEntry(ctx: Context<EntryArgs>) {
  // AppSync counts a conditional delete of a missing item as done (ctx.result null, no error).
  if (isConditionFailure(ctx.error)) refuseForeignItem(ctx.result as { accountId?: string } | null, callerOf(ctx).accountId);
  failOnDataSourceError(ctx);
  return { profileId: ctx.args.profileId, titleId: ctx.args.titleId };
}
