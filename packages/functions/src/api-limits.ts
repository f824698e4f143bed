// What one request to Marquee's API may cost, in one place: infra/api.ts sets AppSync's settings on the
// deployed API and the local stack hands all of these to its runtime, which enforces them as AppSync
// does. The runtime's other limits keep its defaults (packages/appsync-local/README.md, "Limits").
export const apiLimits = {
  /** AppSync's queryDepthLimit. Marquee's deepest query is 4 levels (home > continueWatching > title > id). */
  queryDepthLimit: 10,
  /**
   * AppSync's resolverCountLimit. The home query with Top picks runs 11 resolvers (home, its four rows,
   * one per genre row's titles), more than any other request of the web client's.
   */
  resolverCountLimit: 50,
  /**
   * Root fields (aliases included) per operation; the web client's widest query, its recommendation
   * rows, has one a row. Local only: AppSync has no such setting, and on AWS resolverCountLimit bounds
   * them (every root field of Marquee's is a resolver).
   */
  maxRootFields: 10,
};
