// Pipeline function: ONE TransactWriteItems writes the profile's progress on the title and the
// interaction event recommendations read. The progress write is conditional on its event being newer
// than the stored one and, when the item exists, on it belonging to the caller's account; the same
// transaction checks the profile still exists under the caller's account (a profile deleted since
// requireProfile read it gets no orphaned history). An older event or a forged id changes nothing.
import { util, type Context } from "@aws-appsync/utils";
import { transactWrite } from "@aws-appsync/utils/dynamodb";
import { interactionItem, progressItem, titleSummaryOf, type ProgressAttributes, type TitleRecord } from "@marquee/core/appsync";
import { callerOf, provenProfile } from "../actor";
import { fail } from "../errors";
import { cancellationReasonsOf, profileStillExists, refuseIfConflicted, refuseIfProfileGone, type CancellationReason } from "../profile-transaction";
import { refuseForeignItem, tableName, toWatchEntry } from "../watching";

/** Set by Mutation.recordProgress's before step, once the input is valid. */
export type ProgressEventStash = { positionSeconds: number; durationSeconds: number; eventAt: string; eventAtEpochMillis: number };

export function request(ctx: Context) {
  const event = ctx.stash.progressEvent as ProgressEventStash;
  const profile = provenProfile(ctx);
  const sub = callerOf(ctx).accountId;
  const title = titleSummaryOf(ctx.stash.title as TitleRecord);
  const input = { accountId: sub, profileId: profile.profileId, positionSeconds: event.positionSeconds, durationSeconds: event.durationSeconds, eventAt: event.eventAt };
  const progress = progressItem({ ...input, title });
  const interaction = interactionItem({ ...input, titleId: title.titleId, eventAtEpochMillis: event.eventAtEpochMillis });
  ctx.stash.written = progress.attributes;
  const table = tableName();
  return transactWrite({
    items: [
      {
        putItem: {
          table,
          key: progress.key,
          item: progress.attributes,
          condition: {
            or: [{ pk: { attributeExists: false } }, { and: [{ lastEventAt: { lt: event.eventAt } }, { accountId: { eq: sub } }] }],
          },
        },
      },
      // The event's key is its identity (time, title, type): a replay of the same event is refused.
      { putItem: { table, key: interaction.key, item: interaction.attributes, condition: { sk: { attributeExists: false } } } },
      profileStillExists(ctx),
    ],
  });
}

export function response(ctx: Context) {
  if (!ctx.error) return toWatchEntry(ctx.stash.written as ProgressAttributes);
  const reasons = cancellationReasonsOf(ctx) as CancellationReason<ProgressAttributes>[];
  refuseIfProfileGone(reasons, 2);
  const progressReason = reasons[0];
  if (progressReason && progressReason.type === "ConditionalCheckFailed") {
    // An older (or repeated) event: nothing changes, the entry stays as it is, unless it is another account's.
    const current = progressReason.item ?? null;
    refuseForeignItem(current, callerOf(ctx).accountId);
    if (current) return toWatchEntry(current);
  }
  if (reasons[1] && reasons[1].type === "ConditionalCheckFailed") util.error("This progress event was already recorded.", "Conflict");
  refuseIfConflicted(reasons);
  return fail(ctx, ctx.error);
}
