// The single table's physical shape, declared once. ElectroDB entities (packages/core), SST's
// infra/storage.ts and the local stack's table creation all read it, so they cannot drift.

/** Attribute names of every key the table and its global secondary indexes use. */
export const tableKeys = {
  primary: { partitionKey: "pk", sortKey: "sk" },
  gsi1: { partitionKey: "gsi1pk", sortKey: "gsi1sk" },
  gsi2: { partitionKey: "gsi2pk", sortKey: "gsi2sk" },
  gsi3: { partitionKey: "gsi3pk", sortKey: "gsi3sk" },
} as const;

/** An ElectroDB index key on `field`: `template` filled from the `composite` attributes, kept as written. */
export const entityKey = <const Composite extends readonly string[]>(field: string, composite: Composite, template: string) => ({
  field,
  composite,
  template,
  casing: "none" as const,
});

export type GlobalIndexName = Exclude<keyof typeof tableKeys, "primary">;
export const globalIndexNames = ["gsi1", "gsi2", "gsi3"] as const satisfies readonly GlobalIndexName[];

/** Items carrying this attribute (epoch seconds) expire through DynamoDB TTL. */
export const ttlAttribute = "expiresAt";

/** The table definition in SST's `sst.aws.Dynamo` vocabulary (all keys are strings). */
export const tableDefinition = {
  fields: Object.fromEntries(
    Object.values(tableKeys).flatMap((k) => [
      [k.partitionKey, "string"],
      [k.sortKey, "string"],
    ]),
  ) as Record<string, "string">,
  primaryIndex: { hashKey: tableKeys.primary.partitionKey, rangeKey: tableKeys.primary.sortKey },
  globalIndexes: Object.fromEntries(
    globalIndexNames.map((name) => [name, { hashKey: tableKeys[name].partitionKey, rangeKey: tableKeys[name].sortKey }]),
  ) as Record<GlobalIndexName, { hashKey: string; rangeKey: string }>,
  stream: "new-and-old-images",
  ttl: ttlAttribute,
} as const;
