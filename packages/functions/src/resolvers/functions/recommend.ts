// Pipeline function on a recommendation Lambda: requireProfile (and for related lists getTitleForProfile)
// ran before it, so the profile in ctx.stash is the caller's and the title exists and is allowed.
import type { Context } from "@aws-appsync/utils";
import { lambdaAnswer } from "../lambda";
import { invokeRecommendations, type RecommendationArgs } from "../recommendations";
import type { ProfileItem } from "../watching";

export function request(ctx: Context<RecommendationArgs>) {
  return invokeRecommendations(ctx, ctx.stash.profile as ProfileItem, ctx.args.numResults, ctx.stash.title);
}

export function response(ctx: Context) {
  return lambdaAnswer(ctx);
}
