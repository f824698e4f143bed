// Pipeline function: takes a title off the profile's continue watching (its gsi1 keys) and marks it
// hidden; the history entry stays. Conditional on the entry existing and being the caller's account's.
import { util, type Context } from "@aws-appsync/utils";
import { operations, update } from "@aws-appsync/utils/dynamodb";
import type { ProgressAttributes } from "@marquee/core/appsync";
import { progressKeys } from "@marquee/core/appsync";
import { callerOf, provenProfile } from "../actor";
import { checkedId } from "../arguments";
import { failOnDataSourceError } from "../errors";
import { isConditionFailure, refuseForeignItem, toWatchEntry } from "../watching";

type Args = { profileId: string; titleId: string };

export function request(ctx: Context<Args>) {
  return update({
    key: progressKeys(provenProfile(ctx).profileId, checkedId("titleId", ctx.args.titleId)),
    update: { hidden: true, gsi1pk: operations.remove(), gsi1sk: operations.remove() },
    condition: { accountId: { eq: callerOf(ctx).accountId } },
  });
}

export function response(ctx: Context<Args>) {
  if (isConditionFailure(ctx.error)) {
    refuseForeignItem(ctx.result as ProgressAttributes | null, callerOf(ctx).accountId);
    util.error(`There is no title ${ctx.args.titleId} in this profile's history.`, "NotFound");
  }
  failOnDataSourceError(ctx);
  return toWatchEntry(ctx.result as ProgressAttributes);
}
