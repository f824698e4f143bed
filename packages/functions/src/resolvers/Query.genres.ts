import type { Context } from "@aws-appsync/utils";
import { query } from "@aws-appsync/utils/dynamodb";
import { genresPartition } from "@marquee/core/appsync";
import { failOnDataSourceError } from "./errors";

// The genre list is small and bounded (the known genres), so one Query returns it whole.
export function request() {
  return query({ query: { pk: { eq: genresPartition } }, limit: 100 });
}

export function response(ctx: Context) {
  failOnDataSourceError(ctx);
  const items = (ctx.result as { items: Array<{ genre: string; titleCount?: number }> }).items;
  return items.filter((item) => (item.titleCount ?? 0) > 0).map((item) => ({ name: item.genre, titleCount: item.titleCount ?? 0 }));
}
