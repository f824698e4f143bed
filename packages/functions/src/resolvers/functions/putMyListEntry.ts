// Pipeline function: adds the title (ctx.stash.title, from getTitleForProfile) to the profile's list.
// Adding twice is harmless: the write is conditional on the entry not existing, and a failed condition
// on the caller's own entry returns that entry, with its first addedAt.
import { util, type Context } from "@aws-appsync/utils";
import { put } from "@aws-appsync/utils/dynamodb";
import { myListItem, titleSummaryOf, type Keys, type MyListAttributes, type TitleRecord } from "@marquee/core/appsync";
import { callerOf, provenProfile } from "../actor";
import { failOnDataSourceError } from "../errors";
import { isConditionFailure, refuseForeignItem, toMyListEntry } from "../watching";

export function request(ctx: Context) {
  const entry = myListItem({
    accountId: callerOf(ctx).accountId,
    profileId: provenProfile(ctx).profileId,
    title: titleSummaryOf(ctx.stash.title as TitleRecord),
    addedAt: util.time.nowISO8601(),
  });
  return put<MyListAttributes & Keys>({ key: entry.key, item: entry.attributes, condition: { pk: { attributeExists: false } } });
}

export function response(ctx: Context) {
  if (isConditionFailure(ctx.error)) {
    const current = ctx.result as MyListAttributes | null;
    refuseForeignItem(current, callerOf(ctx).accountId);
    if (current) return toMyListEntry(current);
  }
  failOnDataSourceError(ctx);
  return toMyListEntry(ctx.result as MyListAttributes);
}
