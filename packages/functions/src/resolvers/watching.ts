// Shared by the watch-history, My List and home resolvers: items as GraphQL types, the maturity filter
// every list applies, and the ownership rule of the writes.
import { util } from "@aws-appsync/utils";
import type { MyListAttributes, ProgressAttributes } from "@marquee/core/appsync";
import { mayWatch, type ProfileMaturity } from "@marquee/core/appsync";
import { toTitle } from "./title";

/** Replaced at bundle time by the deployment's table (resolvers/constants.ts). */
declare const MARQUEE_TABLE_NAME: string;

/** Transactions name their table. */
export function tableName(): string {
  return MARQUEE_TABLE_NAME;
}

/** A profile without a valid maturity is treated as a kids profile: the safe side. */
export function maturityOf(profile: { maturity?: string | null }): ProfileMaturity {
  const maturity = profile.maturity;
  return maturity === "ADULT" || maturity === "TEEN" || maturity === "KIDS" ? maturity : "KIDS";
}

export function toWatchEntry(item: ProgressAttributes) {
  return {
    title: toTitle(item.title),
    positionSeconds: item.positionSeconds,
    durationSeconds: item.durationSeconds,
    resumeAtSeconds: item.resumeAtSeconds ?? null,
    status: item.status,
    hidden: !!item.hidden,
    lastWatchedAt: item.lastWatchedAt,
  };
}

export function toMyListEntry(item: MyListAttributes) {
  return { title: toTitle(item.title), addedAt: item.addedAt };
}

/** List items the profile may see now (its maturity may have been lowered since they were written). */
export function visibleTo<T extends { title: { maturity?: string | null } }>(maturity: ProfileMaturity, items: T[]): T[] {
  return items.filter((item) => mayWatch(maturity, item.title.maturity));
}

/**
 * Pattern 4: an item in a profile's partition is written only by the account that owns it. A failed
 * condition hands back the current item (or none): another account's item means Unauthorized.
 */
export function refuseForeignItem(current: { accountId?: string } | null | undefined, sub: string) {
  if (current && current.accountId !== sub) util.unauthorized();
}

export const isConditionFailure = (error: { type: string } | null | undefined) => !!error && error.type === "DynamoDB:ConditionalCheckFailedException";
