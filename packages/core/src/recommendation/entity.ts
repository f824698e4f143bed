// The popular-titles partition as an ElectroDB entity: the model the hand-built keys (keys.ts
// popularTitleKeys) and items (popular.ts) are tested against.
import { Entity } from "electrodb";
import { dynamoClient } from "../dynamo.ts";
import { tableKeys } from "../table.ts";
import { maturities } from "../title/entity.ts";

/** A title listed by popularity: pk POPULAR, sk <popularityRank>#<titleId>. */
export const PopularTitleEntity = new Entity(
  {
    model: { entity: "popularTitle", version: "1", service: "marquee" },
    attributes: {
      titleId: { type: "string", required: true },
      popularityRank: { type: "string", required: true },
      popularity: { type: "number", required: true },
      maturity: { type: maturities },
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
