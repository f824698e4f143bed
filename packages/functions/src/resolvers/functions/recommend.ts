// Pipeline function on a recommendation Lambda: requireProfile (and for related lists getTitleForProfile)
// ran before it, so the profile in ctx.stash is the caller's and the title exists and is allowed.
import type { Context } from "@aws-appsync/utils";
import { provenProfile } from "../actor";
import { lambdaAnswer } from "../lambda";
import { invokeRecommendations, type RecommendationArgs } from "../recommendations";

export function request(ctx: Context<RecommendationArgs>) {
  return invokeRecommendations(ctx, provenProfile(ctx), ctx.args.numResults, ctx.stash.title);
}

export function response(ctx: Context) {
  return lambdaAnswer(ctx);
}
