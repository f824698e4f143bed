// Shared by the profile's paged lists (continue watching, history, My List): ONE Query on a global
// index, newest first; entries carry their titles and are kept to what the profile may see.
import type { Context } from "@aws-appsync/utils";
import { query } from "@aws-appsync/utils/dynamodb";
import { pageSize, pageToken, raiseDataSourceError, resumeToken } from "./paging";
import { maturityOf, visibleTo, type ProfileItem } from "./watching";

type Args = { profileId: string; limit?: number | null; nextToken?: string | null };
type Index = "gsi1" | "gsi2";

const profileOf = (ctx: Context) => ctx.stash.profile as ProfileItem;
const scopeOf = (list: string, ctx: Context) => `${list}:${profileOf(ctx).profileId}`;

/** The page Query of `list` on `index`, whose partition key `partitionOf` derives from the profile id. */
export function profilePageRequest(ctx: Context<Args>, list: string, index: Index, partitionOf: (profileId: string) => string) {
  const partitionKey = index === "gsi1" ? "gsi1pk" : "gsi2pk";
  return query({
    index,
    query: { [partitionKey]: { eq: partitionOf(profileOf(ctx).profileId) } },
    limit: pageSize(ctx.args.limit),
    nextToken: resumeToken(scopeOf(list, ctx), ctx.args.nextToken),
    scanIndexForward: false,
  });
}

export function profilePageResponse<Item extends { title: { maturity?: string | null } }, Entry>(ctx: Context<Args>, list: string, toEntry: (item: Item) => Entry) {
  raiseDataSourceError(ctx.error);
  const result = ctx.result as { items: Item[]; nextToken?: string | null };
  const items = visibleTo(maturityOf(profileOf(ctx)), result.items);
  return { items: items.map((item) => toEntry(item)), nextToken: pageToken(scopeOf(list, ctx), result.nextToken) };
}
