// What Marquee's resolvers are told at bundle time (AppSync has no environment the Pulumi provider can set).
/**
 * Values resolvers need that differ per deployment (AppSync has no environment the Pulumi provider can
 * set), replaced in the code at bundle time. Resolvers declare them as `declare const NAME: type`.
 */
export function resolverConstants(deployment: { tableName: string }): Record<string, string> {
  return { MARQUEE_TABLE_NAME: JSON.stringify(deployment.tableName) };
}
