// What one request to Marquee's API may cost, in one place: infra/api.ts sets the AppSync settings on the
// deployed API and the local stack hands all of these to its runtime, so both refuse the same requests.
// The runtime's other limits keep its defaults (packages/appsync-local/README.md, "Limits").
export const apiLimits = {
  /** AppSync's queryDepthLimit. Marquee's deepest query is 4 levels (home > continueWatching > title > id). */
  queryDepthLimit: 10,
  /**
   * AppSync's resolverCountLimit. The home query runs 11 resolvers (home, its four rows, one per genre
   * row's titles); the web client's largest request, home beside the recommendation rows, about 15.
   */
  resolverCountLimit: 50,
  /**
   * Root fields (aliases included) per operation: the web client sends at most 6. The local runtime
   * refuses more; AppSync has no such setting, so on AWS resolverCountLimit bounds them (every root field
   * of Marquee's is a resolver).
   */
  maxRootFields: 10,
};
