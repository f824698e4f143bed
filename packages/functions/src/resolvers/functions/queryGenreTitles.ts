import type { Context } from "@aws-appsync/utils";
import { query } from "@aws-appsync/utils/dynamodb";
import { genreTitlePartition } from "@marquee/core/appsync";
import { checkedId } from "../arguments";
import { failOnPageError, pageSize, pageToken, resumeToken } from "../paging";
import { toTitle, type TitleItem } from "../title";

import { maturityFilter, viewerMaturity } from "../catalog-filter";

type Args = { genre: string; limit?: number | null; nextToken?: string | null; profileId?: string | null };

// One Query on the genre's partition: its sort key orders titles by popularity. For a profile, a
// filter keeps what its maturity allows (a page may then hold fewer than `limit` titles).
export function request(ctx: Context<Args>) {
  const filter = maturityFilter(viewerMaturity(ctx));
  return query({
    query: { pk: { eq: genreTitlePartition(checkedId("genre", "genre", ctx.args.genre)) } },
    ...(filter ? { filter } : {}),
    limit: pageSize(ctx.args.limit),
    nextToken: resumeToken(scopeOf(ctx.args), ctx.args.nextToken),
    scanIndexForward: true,
  });
}

export function response(ctx: Context<Args>) {
  failOnPageError(ctx);
  const result = ctx.result as { items: TitleItem[]; nextToken?: string | null };
  return { items: result.items.map(toTitle), nextToken: pageToken(scopeOf(ctx.args), result.nextToken) };
}

const scopeOf = (args: Args) => `titlesByGenre:${args.genre}`;
