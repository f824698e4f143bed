// Pipeline function: adds the title (ctx.stash.title, from getTitleForProfile) to the profile's list, in
// one transaction with the check that the profile still exists (../profile-transaction.ts). Adding
// twice is harmless: the put is conditional on the entry not existing, and a failed condition on the
// caller's own entry returns that entry, with its first addedAt.
import { util, type Context } from "@aws-appsync/utils";
import { transactWrite } from "@aws-appsync/utils/dynamodb";
import { myListItem, titleSummaryOf, type MyListAttributes, type TitleRecord } from "@marquee/core/appsync";
import { callerOf, provenProfile } from "../actor";
import { fail } from "../errors";
import { cancellationReasonsOf, conditionFailed, profileStillExists, refuseIfConflicted, refuseIfProfileGone } from "../profile-transaction";
import { refuseForeignItem, tableName, toMyListEntry } from "../watching";

export function request(ctx: Context) {
  const entry = myListItem({
    accountId: callerOf(ctx).accountId,
    profileId: provenProfile(ctx).profileId,
    title: titleSummaryOf(ctx.stash.title as TitleRecord),
    addedAt: util.time.nowISO8601(),
  });
  ctx.stash.written = entry.attributes;
  return transactWrite({
    items: [
      { putItem: { table: tableName(), key: entry.key, item: entry.attributes, condition: { pk: { attributeExists: false } } } },
      profileStillExists(ctx),
    ],
  });
}

export function response(ctx: Context) {
  if (!ctx.error) return toMyListEntry(ctx.stash.written as MyListAttributes);
  const reasons = cancellationReasonsOf(ctx);
  refuseIfProfileGone(reasons, 1);
  if (conditionFailed(reasons[0])) {
    // Already on the list: that entry is the answer, unless it is another account's.
    const current = (reasons[0]!.item ?? null) as MyListAttributes | null;
    refuseForeignItem(current, callerOf(ctx).accountId);
    if (current) return toMyListEntry(current);
  }
  refuseIfConflicted(reasons);
  return fail(ctx, ctx.error);
}
