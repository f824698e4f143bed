// A home genre row's titles: ONE Query on the genre's partition (most popular first), restricted to
// the maturities the profile may see (passed down by Home.genreRows).
import type { Context } from "@aws-appsync/utils";
import { query } from "@aws-appsync/utils/dynamodb";
import { homeRules } from "@marquee/core/appsync";
import { genreTitlePartition } from "@marquee/core/appsync";
import { allowedTitleMaturities } from "@marquee/core/appsync";
import { failOnDataSourceError } from "./errors";
import { maturityOf } from "./watching";
import { toTitle, type TitleItem } from "./title";

type RowSource = { genre: string; profileMaturity: string };

export function request(ctx: Context<Record<string, never>, Record<string, unknown>, RowSource>) {
  const maturity = maturityOf({ maturity: ctx.source.profileMaturity });
  const partition = { pk: { eq: genreTitlePartition(ctx.source.genre) } };
  if (maturity === "ADULT") return query({ query: partition, limit: homeRules.titlesPerRow, scanIndexForward: true });
  // Unrated titles have no maturity attribute, so `in` leaves them out, as kids profiles require.
  return query({
    query: partition,
    filter: { maturity: { in: allowedTitleMaturities(maturity) } },
    limit: homeRules.filteredRowWindow,
    scanIndexForward: true,
  });
}

export function response(ctx: Context<Record<string, never>, Record<string, unknown>, RowSource>) {
  failOnDataSourceError(ctx);
  const items = (ctx.result as { items: TitleItem[] }).items;
  return items.slice(0, homeRules.titlesPerRow).map(toTitle);
}
