// Pipeline function: the profile's entry for the title, read after a write that returns none
// (hideProgress's transaction), consistent so it shows that write.
import { util, type Context } from "@aws-appsync/utils";
import { get } from "@aws-appsync/utils/dynamodb";
import type { ProgressAttributes } from "@marquee/core/appsync";
import { progressKeys } from "@marquee/core/appsync";
import { callerOf, provenProfile } from "../actor";
import { failOnDataSourceError } from "../errors";
import { refuseForeignItem, toWatchEntry } from "../watching";

type Args = { profileId: string; titleId: string };

export function request(ctx: Context<Args>) {
  return get({ key: progressKeys(provenProfile(ctx).profileId, ctx.args.titleId), consistentRead: true });
}

export function response(ctx: Context<Args>) {
  failOnDataSourceError(ctx);
  const entry = ctx.result as ProgressAttributes | null;
  // Removed from the history between the two requests.
  if (!entry) util.error(`There is no title ${ctx.args.titleId} in this profile's history.`, "NotFound");
  refuseForeignItem(entry, callerOf(ctx).accountId);
  return toWatchEntry(entry as ProgressAttributes);
}
