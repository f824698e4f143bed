// Shared by the pipeline functions that remove one entry of the proven profile (deleteMyListEntry,
// deleteProgress): the delete and the check that the profile still exists are one transaction
// (./profile-transaction.ts). Idempotent: removing what is not there succeeds. Conditional on the
// caller's account owning the entry.
import { util, type Context } from "@aws-appsync/utils";
import { transactWrite } from "@aws-appsync/utils/dynamodb";
import type { Keys } from "@marquee/core/appsync";
import { callerOf, provenProfile } from "./actor";
import { checkedId } from "./arguments";
import { fail } from "./errors";
import { cancellationReasonsOf, conditionFailed, profileStillExists, refuseIfConflicted, refuseIfProfileGone } from "./profile-transaction";
import { tableName } from "./watching";

export type EntryArgs = { profileId: string; titleId: string };

/** The conditional delete of the entry whose keys `keysOf(profileId, titleId)` gives, with the profile check. */
export function deleteEntry(ctx: Context<EntryArgs>, keysOf: (profileId: string, titleId: string) => Keys) {
  const key = keysOf(provenProfile(ctx).profileId, checkedId("titleId", "title", ctx.args.titleId));
  // In a transaction a missing item fails `accountId = sub`: absence is allowed explicitly.
  const condition = { or: [{ pk: { attributeExists: false } }, { accountId: { eq: callerOf(ctx).accountId } }] };
  return transactWrite({ items: [{ deleteItem: { table: tableName(), key, condition } }, profileStillExists(ctx)] });
}

export function deletedEntry(ctx: Context<EntryArgs>) {
  if (!ctx.error) return { profileId: ctx.args.profileId, titleId: ctx.args.titleId };
  const reasons = cancellationReasonsOf(ctx);
  refuseIfProfileGone(reasons, 1);
  // Only an entry that exists and is another account's fails the condition.
  if (conditionFailed(reasons[0])) util.unauthorized();
  refuseIfConflicted(reasons);
  return fail(ctx, ctx.error);
}
