// Pipeline function: the profile's list, newest first, paged. ONE Query on gsi1; each entry carries
// its title, so a page needs no read per title.
import type { Context } from "@aws-appsync/utils";
import { query } from "@aws-appsync/utils/dynamodb";
import type { MyListAttributes } from "../../../../core/src/history/items";
import { myListPartition } from "../../../../core/src/keys";
import { pageSize, pageToken, raiseDataSourceError, resumeToken } from "../paging";
import { maturityOf, toMyListEntry, visibleTo, type ProfileItem } from "../watching";

type Args = { profileId: string; limit?: number | null; nextToken?: string | null };

const scopeOf = (ctx: Context<Args>) => `myList:${(ctx.stash.profile as ProfileItem).profileId}`;

export function request(ctx: Context<Args>) {
  return query({
    index: "gsi1",
    query: { gsi1pk: { eq: myListPartition((ctx.stash.profile as ProfileItem).profileId) } },
    limit: pageSize(ctx.args.limit),
    nextToken: resumeToken(scopeOf(ctx), ctx.args.nextToken),
    scanIndexForward: false,
  });
}

export function response(ctx: Context<Args>) {
  raiseDataSourceError(ctx.error);
  const result = ctx.result as { items: MyListAttributes[]; nextToken?: string | null };
  const items = visibleTo(maturityOf(ctx.stash.profile as ProfileItem), result.items);
  return { items: items.map(toMyListEntry), nextToken: pageToken(scopeOf(ctx), result.nextToken) };
}
