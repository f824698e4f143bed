// home: requireProfile proves the profile once (one GetItem); the Home fields resolve from it, each with
// one Query, so the request count is fixed (see Home.genreRows and GenreRow.titles):
//   1 GetItem + continue watching 1 + My List 1 + genre rows 1 + one per row (homeRules.genreRows).
import type { Context } from "@aws-appsync/utils";
import { toProfile, type StoredProfileFields } from "@marquee/core/appsync";

export function request() {
  return {};
}

export function response(ctx: Context) {
  // The Home fields read the profile (its id and maturity) from ctx.source.
  return { profile: toProfile(ctx.stash.profile as StoredProfileFields) };
}
