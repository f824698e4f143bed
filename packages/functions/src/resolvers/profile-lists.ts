// Shared by the profile's lists (continue watching, history, My List), paged and on the home screen:
// ONE Query on a global index, newest first; entries carry their titles and are kept to what the
// profile may see.
import type { Context } from "@aws-appsync/utils";
import { query } from "@aws-appsync/utils/dynamodb";
import { provenProfile } from "./actor";
import { failOnDataSourceError } from "./errors";
import { failOnPageError, pageSize, pageToken, resumeToken } from "./paging";
import { maturityOf, visibleTo } from "./watching";

type Args = { profileId: string; limit?: number | null; nextToken?: string | null };
type Index = "gsi1" | "gsi2";
type ListItem = { title: { maturity?: string | null } };

/** What Query.home hands its fields: the profile requireProfile proved. */
export type HomeSource = { profile: { id: string; maturity: string } };

function newestFirst(index: Index, partition: string, limit: number, nextToken?: string) {
  const partitionKey = index === "gsi1" ? "gsi1pk" : "gsi2pk";
  return query({ index, query: { [partitionKey]: { eq: partition } }, limit, nextToken, scanIndexForward: false });
}

const scopeOf = (list: string, ctx: Context) => `${list}:${provenProfile(ctx).profileId}`;

/** The page Query of `list` on `index`, whose partition key `partitionOf` derives from the profile id. */
export function profilePageRequest(ctx: Context<Args>, list: string, index: Index, partitionOf: (profileId: string) => string) {
  return newestFirst(index, partitionOf(provenProfile(ctx).profileId), pageSize(ctx.args.limit), resumeToken(scopeOf(list, ctx), ctx.args.nextToken));
}

export function profilePageResponse<Item extends ListItem, Entry>(ctx: Context<Args>, list: string, toEntry: (item: Item) => Entry) {
  failOnPageError(ctx);
  const result = ctx.result as { items: Item[]; nextToken?: string | null };
  const items = visibleTo(maturityOf(provenProfile(ctx)), result.items);
  return { items: items.map((item) => toEntry(item)), nextToken: pageToken(scopeOf(list, ctx), result.nextToken) };
}

/** A home row: the first `limit` entries of the list on `index` (home rows have no further pages). */
export function homeListRequest(ctx: Context<Record<string, never>, Record<string, unknown>, HomeSource>, index: Index, partitionOf: (profileId: string) => string, limit: number) {
  return newestFirst(index, partitionOf(ctx.source.profile.id), limit);
}

export function homeListResponse<Item extends ListItem, Entry>(ctx: Context<Record<string, never>, Record<string, unknown>, HomeSource>, toEntry: (item: Item) => Entry) {
  failOnDataSourceError(ctx);
  const items = (ctx.result as { items: Item[] }).items;
  return visibleTo(maturityOf(ctx.source.profile), items).map((item) => toEntry(item));
}
