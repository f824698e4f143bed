// The home screen's My List: ONE Query on gsi1, newest first, the titles inside.
import type { Context } from "@aws-appsync/utils";
import { query } from "@aws-appsync/utils/dynamodb";
import { homeRules } from "@marquee/core/appsync";
import type { MyListAttributes } from "@marquee/core/appsync";
import { myListPartition } from "@marquee/core/appsync";
import { raiseDataSourceError } from "./paging";
import { maturityOf, toMyListEntry, visibleTo } from "./watching";

type HomeSource = { profile: { id: string; maturity: string } };

export function request(ctx: Context<Record<string, never>, Record<string, unknown>, HomeSource>) {
  return query({
    index: "gsi1",
    query: { gsi1pk: { eq: myListPartition(ctx.source.profile.id) } },
    limit: homeRules.myList,
    scanIndexForward: false,
  });
}

export function response(ctx: Context<Record<string, never>, Record<string, unknown>, HomeSource>) {
  raiseDataSourceError(ctx.error);
  const items = (ctx.result as { items: MyListAttributes[] }).items;
  return visibleTo(maturityOf(ctx.source.profile), items).map(toMyListEntry);
}
