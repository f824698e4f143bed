// How every GraphQL field of schema.graphql is resolved: the one declaration that SST's
// infra/api.ts deploys and @marquee/offline runs. Paths are from the repository root.
import { genreRowCachingKeys, homeRules } from "@marquee/core/appsync";
import { defineManifest } from "@marquee/appsync-contract";

const resolver = (field: string) => `packages/functions/src/resolvers/${field}.ts`;
const handler = (field: string) => `packages/functions/src/lambda/${field}.handler`;
const fn = (name: string) => `packages/functions/src/resolvers/functions/${name}.ts`;

export const manifest = defineManifest({
  dataSources: {
    table: { type: "dynamodb" },
    none: { type: "none" },
    createTitleFunction: { type: "lambda", handler: handler("Mutation.createTitle") },
    updateTitleFunction: { type: "lambda", handler: handler("Mutation.updateTitle") },
    ensureDefaultProfileFunction: { type: "lambda", handler: handler("Query.profiles") },
    createProfileFunction: { type: "lambda", handler: handler("Mutation.createProfile") },
    updateProfileFunction: { type: "lambda", handler: handler("Mutation.updateProfile") },
    deleteProfileFunction: { type: "lambda", handler: handler("Mutation.deleteProfile") },
    verifyProfilePinFunction: { type: "lambda", handler: handler("Mutation.verifyProfilePin") },
    // Recommendations call Personalize through the SDK: Lambdas (see personalizeDataSources below).
    topPicksFunction: { type: "lambda", handler: handler("Query.topPicks") },
    becauseYouWatchedFunction: { type: "lambda", handler: handler("Query.becauseYouWatched") },
    moreLikeThisFunction: { type: "lambda", handler: handler("Query.moreLikeThis") },
    trendingFunction: { type: "lambda", handler: handler("Query.trending") },
    mostPopularFunction: { type: "lambda", handler: handler("Query.mostPopular") },
  },
  functions: {
    optionalProfile: { dataSource: "table", code: fn("optionalProfile") },
    getTitle: { dataSource: "table", code: fn("getTitle") },
    queryGenreTitles: { dataSource: "table", code: fn("queryGenreTitles") },
    searchTitleWords: { dataSource: "table", code: fn("searchTitleWords") },
    // Proves args.profileId (or args.input.profileId) belongs to the caller; puts it in ctx.stash.profile.
    requireProfile: { dataSource: "table", code: fn("requireProfile") },
    listAccountProfiles: { dataSource: "table", code: fn("listAccountProfiles") },
    ensureDefaultProfile: { dataSource: "ensureDefaultProfileFunction", code: fn("ensureDefaultProfile") },
    getTitleForProfile: { dataSource: "table", code: fn("getTitleForProfile") },
    writeProgress: { dataSource: "table", code: fn("writeProgress") },
    hideProgress: { dataSource: "table", code: fn("hideProgress") },
    readProgress: { dataSource: "table", code: fn("readProgress") },
    deleteProgress: { dataSource: "table", code: fn("deleteProgress") },
    putMyListEntry: { dataSource: "table", code: fn("putMyListEntry") },
    deleteMyListEntry: { dataSource: "table", code: fn("deleteMyListEntry") },
    queryContinueWatching: { dataSource: "table", code: fn("queryContinueWatching") },
    queryHistory: { dataSource: "table", code: fn("queryHistory") },
    queryMyList: { dataSource: "table", code: fn("queryMyList") },
    // One code file, one function per recommendation Lambda (an AppSync function has one data source).
    recommendTopPicks: { dataSource: "topPicksFunction", code: fn("recommend") },
    recommendBecauseYouWatched: { dataSource: "becauseYouWatchedFunction", code: fn("recommend") },
    recommendMoreLikeThis: { dataSource: "moreLikeThisFunction", code: fn("recommend") },
    recommendTrending: { dataSource: "trendingFunction", code: fn("recommend") },
    recommendMostPopular: { dataSource: "mostPopularFunction", code: fn("recommend") },
  },
  resolvers: [
    // Catalog reads: APPSYNC_JS straight onto the table.
    // With a profileId, optionalProfile proves it is the caller's and its maturity filters the result.
    { field: "Query.title", kind: "pipeline", functions: ["optionalProfile", "getTitle"], code: resolver("Query.title") },
    { field: "Query.titlesByGenre", kind: "pipeline", functions: ["optionalProfile", "queryGenreTitles"], code: resolver("Query.titlesByGenre") },
    { field: "Query.searchTitles", kind: "pipeline", functions: ["optionalProfile", "searchTitleWords"], code: resolver("Query.searchTitles") },
    { field: "Query.genres", kind: "unit", dataSource: "table", code: resolver("Query.genres") },
    { field: "Query.choices", kind: "unit", dataSource: "none", code: resolver("Query.choices") },
    // Catalog writes: validation and multi-item transactions live in core, behind a Lambda.
    { field: "Mutation.createTitle", kind: "unit", dataSource: "createTitleFunction", code: resolver("Mutation.createTitle") },
    { field: "Mutation.updateTitle", kind: "unit", dataSource: "updateTitleFunction", code: resolver("Mutation.updateTitle") },

    // Profiles: reads on the table, writes in a Lambda (PIN hashing, limits, cascading deletes).
    { field: "Query.profiles", kind: "pipeline", functions: ["listAccountProfiles", "ensureDefaultProfile"], code: resolver("Query.profiles") },
    { field: "Mutation.createProfile", kind: "unit", dataSource: "createProfileFunction", code: resolver("Mutation.createProfile") },
    { field: "Mutation.updateProfile", kind: "unit", dataSource: "updateProfileFunction", code: resolver("Mutation.updateProfile") },
    { field: "Mutation.deleteProfile", kind: "unit", dataSource: "deleteProfileFunction", code: resolver("Mutation.deleteProfile") },
    { field: "Mutation.verifyProfilePin", kind: "unit", dataSource: "verifyProfilePinFunction", code: resolver("Mutation.verifyProfilePin") },

    // Watching: every profile-scoped field first proves the profile is the caller's.
    { field: "Query.continueWatching", kind: "pipeline", functions: ["requireProfile", "queryContinueWatching"], code: resolver("Query.continueWatching") },
    { field: "Query.history", kind: "pipeline", functions: ["requireProfile", "queryHistory"], code: resolver("Query.history") },
    { field: "Query.myList", kind: "pipeline", functions: ["requireProfile", "queryMyList"], code: resolver("Query.myList") },
    { field: "Mutation.recordProgress", kind: "pipeline", functions: ["requireProfile", "getTitleForProfile", "writeProgress"], code: resolver("Mutation.recordProgress") },
    { field: "Mutation.hideFromContinueWatching", kind: "pipeline", functions: ["requireProfile", "hideProgress", "readProgress"], code: resolver("Mutation.hideFromContinueWatching") },
    { field: "Mutation.removeFromHistory", kind: "pipeline", functions: ["requireProfile", "deleteProgress"], code: resolver("Mutation.removeFromHistory") },
    { field: "Mutation.addToMyList", kind: "pipeline", functions: ["requireProfile", "getTitleForProfile", "putMyListEntry"], code: resolver("Mutation.addToMyList") },
    { field: "Mutation.removeFromMyList", kind: "pipeline", functions: ["requireProfile", "deleteMyListEntry"], code: resolver("Mutation.removeFromMyList") },

    // Home: the profile is proven once; its rows resolve from it (a constant number of requests).
    { field: "Query.home", kind: "pipeline", functions: ["requireProfile"], code: resolver("Query.home") },
    { field: "Home.continueWatching", kind: "unit", dataSource: "table", code: resolver("Home.continueWatching") },
    { field: "Home.myList", kind: "unit", dataSource: "table", code: resolver("Home.myList") },
    { field: "Home.genreRows", kind: "unit", dataSource: "table", code: resolver("Home.genreRows") },
    // A genre row is the same for every profile of a maturity: kept in the API cache, evicted by title writes.
    {
      field: "GenreRow.titles",
      kind: "unit",
      dataSource: "table",
      code: resolver("GenreRow.titles"),
      caching: { ttlSeconds: homeRules.genreRowCacheSeconds, keys: [...genreRowCachingKeys] },
    },
    { field: "Home.topPicks", kind: "unit", dataSource: "topPicksFunction", code: resolver("Home.topPicks") },

    // Recommendations: numResults checked, the profile proven (and for related lists the title found and
    // allowed), then a Lambda asks Personalize and reads the page's titles in one BatchGetItem.
    { field: "Query.topPicks", kind: "pipeline", functions: ["requireProfile", "recommendTopPicks"], code: resolver("Query.topPicks") },
    { field: "Query.becauseYouWatched", kind: "pipeline", functions: ["requireProfile", "getTitleForProfile", "recommendBecauseYouWatched"], code: resolver("Query.becauseYouWatched") },
    { field: "Query.moreLikeThis", kind: "pipeline", functions: ["requireProfile", "getTitleForProfile", "recommendMoreLikeThis"], code: resolver("Query.moreLikeThis") },
    { field: "Query.trending", kind: "pipeline", functions: ["requireProfile", "recommendTrending"], code: resolver("Query.trending") },
    { field: "Query.mostPopular", kind: "pipeline", functions: ["requireProfile", "recommendMostPopular"], code: resolver("Query.mostPopular") },
  ],
});

/**
 * The Lambda data sources that call Personalize: infra/api.ts links the recommendation config (ARNs,
 * filter, deadline, and the permission to call Personalize) to these and no others.
 */
export const personalizeDataSources: readonly string[] = [
  "topPicksFunction",
  "becauseYouWatchedFunction",
  "moreLikeThisFunction",
  "trendingFunction",
  "mostPopularFunction",
] satisfies ReadonlyArray<keyof typeof manifest.dataSources>;
