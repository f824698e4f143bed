// Pipeline function: everything the profile watched, newest first, paged. ONE Query on gsi2; each
// entry carries its title, so a page needs no read per title.
import type { Context } from "@aws-appsync/utils";
import { query } from "@aws-appsync/utils/dynamodb";
import type { ProgressAttributes } from "../../../../core/src/history/items";
import { historyPartition } from "../../../../core/src/keys";
import { pageSize, pageToken, raiseDataSourceError, resumeToken } from "../paging";
import { maturityOf, toWatchEntry, visibleTo, type ProfileItem } from "../watching";

type Args = { profileId: string; limit?: number | null; nextToken?: string | null };

const scopeOf = (ctx: Context<Args>) => `history:${(ctx.stash.profile as ProfileItem).profileId}`;

export function request(ctx: Context<Args>) {
  return query({
    index: "gsi2",
    query: { gsi2pk: { eq: historyPartition((ctx.stash.profile as ProfileItem).profileId) } },
    limit: pageSize(ctx.args.limit),
    nextToken: resumeToken(scopeOf(ctx), ctx.args.nextToken),
    scanIndexForward: false,
  });
}

export function response(ctx: Context<Args>) {
  raiseDataSourceError(ctx.error);
  const result = ctx.result as { items: ProgressAttributes[]; nextToken?: string | null };
  const items = visibleTo(maturityOf(ctx.stash.profile as ProfileItem), result.items);
  return { items: items.map(toWatchEntry), nextToken: pageToken(scopeOf(ctx), result.nextToken) };
}
