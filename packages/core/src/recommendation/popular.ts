// The items of the popular-titles partition (data-model access pattern 20), built as plain objects so
// the catalog seed writes exactly what PopularTitleEntity models (a test compares them).
import { popularityRank, popularTitleKeys } from "../keys.ts";
import type { TitleInfo } from "../title/entity.ts";
import type { PopularTitle } from "./entity.ts";

/** The item as written: the entity's attributes (an unrated title's maturity absent) and its keys. */
export type PopularTitleItem = PopularTitle & ReturnType<typeof popularTitleKeys> & { __edb_e__: "popularTitle"; __edb_v__: "1" };

export function popularTitleItem(title: Pick<TitleInfo, "titleId" | "popularity" | "maturity">): PopularTitleItem {
  const item: PopularTitleItem = {
    ...popularTitleKeys(title.popularity, title.titleId),
    titleId: title.titleId,
    popularityRank: popularityRank(title.popularity),
    popularity: title.popularity,
    __edb_e__: "popularTitle",
    __edb_v__: "1",
  };
  if (title.maturity) item.maturity = title.maturity;
  return item;
}
