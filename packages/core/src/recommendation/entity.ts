// The popular-titles partition as an ElectroDB entity: the one description of its items, which
// popular.ts's item type is derived from and the hand-built keys (keys.ts popularTitleKeys) and items
// (popular.ts) are tested against.
import { Entity, type EntityItem } from "electrodb";
import { dynamoClient } from "../dynamo.ts";
import { tableKeys } from "../table.ts";
import { titleAttributes } from "../title/attributes.ts";

/** A title listed by popularity: pk POPULAR, sk <popularityRank>#<titleId>. */
export const PopularTitleEntity = new Entity(
  {
    model: { entity: "popularTitle", version: "1", service: "marquee" },
    attributes: {
      titleId: titleAttributes.titleId,
      popularityRank: { type: "string", required: true },
      popularity: titleAttributes.popularity,
      maturity: titleAttributes.maturity,
    },
    indexes: {
      byPopularity: {
        pk: { field: tableKeys.primary.partitionKey, composite: [], template: "POPULAR", casing: "none" },
        sk: { field: tableKeys.primary.sortKey, composite: ["popularityRank", "titleId"], template: "${popularityRank}#${titleId}", casing: "none" },
      },
    },
  },
  { client: dynamoClient },
);

/** A popular-titles item as ElectroDB reads it (without its keys). */
export type PopularTitle = EntityItem<typeof PopularTitleEntity>;
