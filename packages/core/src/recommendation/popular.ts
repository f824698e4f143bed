// The items of the popular-titles partition (data-model access pattern 20), built as plain objects so
// the catalog seed writes exactly what PopularTitleEntity models (a test compares them).
import { popularityRank, popularTitleKeys } from "../keys.ts";

export type PopularTitleItem = {
  pk: string;
  sk: string;
  titleId: string;
  popularityRank: string;
  popularity: number;
  /** Absent for an unrated title, as ElectroDB stores it. */
  maturity?: string;
  __edb_e__: "popularTitle";
  __edb_v__: "1";
};

export function popularTitleItem(title: { titleId: string; popularity: number; maturity?: string | null }): PopularTitleItem {
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
