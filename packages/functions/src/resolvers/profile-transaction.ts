// Shared by every write under a profile (recordProgress, My List, hide, remove): the write and a
// ConditionCheck that the proven profile still exists are ONE TransactWriteItems, so a profile deleted
// after requireProfile read it gets nothing written under it (deleteProfile removes the partition after
// deleting the profile: whatever committed before is removed, whatever comes after is refused).
import { util, type Context } from "@aws-appsync/utils";
import { profileKeys } from "@marquee/core/appsync";
import { callerOf, provenProfile } from "./actor";
import { tableName } from "./watching";

/** One per transaction item, in request order; `item` is the current item of a failed condition. */
export type CancellationReason<Item = unknown> = { type: string; message?: string; item?: Item | null };

/** The transaction item that refuses the write when the caller's profile is gone. */
export function profileStillExists(ctx: Context) {
  const key = profileKeys(callerOf(ctx).accountId, provenProfile(ctx).profileId);
  return { conditionCheck: { table: tableName(), key, condition: { pk: { attributeExists: true } } } };
}

export function cancellationReasonsOf(ctx: Context): CancellationReason[] {
  const result = ctx.result as { cancellationReasons?: CancellationReason[] | null } | null;
  return (result && result.cancellationReasons) || [];
}

export const conditionFailed = (reason: CancellationReason | undefined) => !!reason && reason.type === "ConditionalCheckFailed";

/** The profile is gone: deleted meanwhile, so the caller has no such profile now. */
export function refuseIfProfileGone(reasons: CancellationReason[], profileCheckIndex: number) {
  if (conditionFailed(reasons[profileCheckIndex])) util.unauthorized();
}

/** Another transaction held one of the items (deleteProfile's, a concurrent write): nothing was written. */
export function refuseIfConflicted(reasons: CancellationReason[]) {
  if (reasons.some((reason) => reason.type === "TransactionConflict")) {
    util.error("The profile changed while this was being written; nothing was written, try again.", "Conflict");
  }
}
