// The home screen's genre rows: the genres of the profile's latest history entries (ONE Query on gsi2),
// padded with its maturity's default genres, always homeRules.genreRows rows. The rows' titles come from
// GenreRow.titles, one Query per row, so the count of requests never depends on the titles.
import type { Context } from "@aws-appsync/utils";
import { query } from "@aws-appsync/utils/dynamodb";
import { homeRules, pickGenreRows } from "@marquee/core/appsync";
import type { ProgressAttributes } from "@marquee/core/appsync";
import { historyPartition } from "@marquee/core/appsync";
import { failOnDataSourceError } from "./errors";
import type { HomeSource } from "./profile-lists";
import { maturityOf } from "./watching";

export function request(ctx: Context<Record<string, never>, Record<string, unknown>, HomeSource>) {
  return query<ProgressAttributes>({
    index: "gsi2",
    query: { gsi2pk: { eq: historyPartition(ctx.source.profile.id) } },
    limit: homeRules.historyWindow,
    scanIndexForward: false,
    projection: ["title"],
  });
}

export function response(ctx: Context<Record<string, never>, Record<string, unknown>, HomeSource>) {
  failOnDataSourceError(ctx);
  const entries = (ctx.result as { items: Array<Pick<ProgressAttributes, "title">> }).items;
  const maturity = maturityOf(ctx.source.profile);
  // GenreRow.titles filters by the profile's maturity: it reads it from its source.
  return pickGenreRows(entries.map((entry) => entry.title), maturity).map((genre) => ({ genre, profileMaturity: maturity }));
}
