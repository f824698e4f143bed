// The home screen's "Top picks" row: the topPicks Lambda (the same data source as Query.topPicks) for
// the profile Query.home proved, homeTopPicks titles. A failure leaves this row null, not the home screen.
import type { Context } from "@aws-appsync/utils";
import { recommendationLimits } from "@marquee/core/appsync";
import { lambdaAnswer } from "./lambda";
import type { HomeSource } from "./profile-lists";
import { invokeRecommendations } from "./recommendations";

export function request(ctx: Context<Record<string, never>, Record<string, unknown>, HomeSource>) {
  const profile = ctx.source.profile;
  return invokeRecommendations(ctx, { profileId: profile.id, maturity: profile.maturity }, recommendationLimits.homeTopPicks, null);
}

export function response(ctx: Context) {
  return lambdaAnswer(ctx);
}
