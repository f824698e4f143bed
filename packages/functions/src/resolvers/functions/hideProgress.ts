// Pipeline function: takes a title off the profile's continue watching (its gsi1 keys) and marks it
// hidden; the history entry stays. One transaction with the check that the profile still exists
// (../profile-transaction.ts), conditional on the entry existing and being the caller's account's.
// A transaction returns no item: readProgress, next, answers with the entry.
import { util, type Context } from "@aws-appsync/utils";
import { operations, transactWrite } from "@aws-appsync/utils/dynamodb";
import type { ProgressAttributes } from "@marquee/core/appsync";
import { progressKeys } from "@marquee/core/appsync";
import { callerOf, provenProfile } from "../actor";
import { checkedId } from "../arguments";
import { fail } from "../errors";
import { cancellationReasonsOf, conditionFailed, profileStillExists, refuseIfConflicted, refuseIfProfileGone } from "../profile-transaction";
import { refuseForeignItem, tableName } from "../watching";

type Args = { profileId: string; titleId: string };

export function request(ctx: Context<Args>) {
  const key = progressKeys(provenProfile(ctx).profileId, checkedId("titleId", "title", ctx.args.titleId));
  const hide = { table: tableName(), key, update: { hidden: true, gsi1pk: operations.remove(), gsi1sk: operations.remove() }, condition: { accountId: { eq: callerOf(ctx).accountId } } };
  return transactWrite({ items: [{ updateItem: hide }, profileStillExists(ctx)] });
}

export function response(ctx: Context<Args>) {
  if (!ctx.error) return null;
  const reasons = cancellationReasonsOf(ctx);
  refuseIfProfileGone(reasons, 1);
  if (conditionFailed(reasons[0])) {
    refuseForeignItem((reasons[0]!.item ?? null) as ProgressAttributes | null, callerOf(ctx).accountId);
    util.error(`There is no title ${ctx.args.titleId} in this profile's history.`, "NotFound");
  }
  refuseIfConflicted(reasons);
  return fail(ctx, ctx.error);
}
