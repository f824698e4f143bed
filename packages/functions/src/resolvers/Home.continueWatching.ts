// The home screen's continue watching: ONE Query on the sparse gsi1, newest first, the titles inside.
import type { Context } from "@aws-appsync/utils";
import { query } from "@aws-appsync/utils/dynamodb";
import { homeRules } from "@marquee/core/appsync";
import type { ProgressAttributes } from "@marquee/core/appsync";
import { continueWatchingPartition } from "@marquee/core/appsync";
import { raiseDataSourceError } from "./paging";
import { maturityOf, toWatchEntry, visibleTo } from "./watching";

type HomeSource = { profile: { id: string; maturity: string } };

export function request(ctx: Context<Record<string, never>, Record<string, unknown>, HomeSource>) {
  return query({
    index: "gsi1",
    query: { gsi1pk: { eq: continueWatchingPartition(ctx.source.profile.id) } },
    limit: homeRules.continueWatching,
    scanIndexForward: false,
  });
}

export function response(ctx: Context<Record<string, never>, Record<string, unknown>, HomeSource>) {
  raiseDataSourceError(ctx.error);
  const items = (ctx.result as { items: ProgressAttributes[] }).items;
  return visibleTo(maturityOf(ctx.source.profile), items).map(toWatchEntry);
}
