// The single table and the uploads bucket. The table's shape comes from packages/core's
// tableDefinition, which the ElectroDB entities and the local stack also read: they cannot drift.
import { tableDefinition } from "../packages/core/src/table.ts";

export const table = new sst.aws.Dynamo("Table", {
  fields: tableDefinition.fields,
  primaryIndex: tableDefinition.primaryIndex,
  globalIndexes: tableDefinition.globalIndexes,
  stream: tableDefinition.stream,
  ttl: tableDefinition.ttl,
});

/** Browser uploads (artwork, media) arrive here through presigned URLs. */
export const uploads = new sst.aws.Bucket("Uploads");
