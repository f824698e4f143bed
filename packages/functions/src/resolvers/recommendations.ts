// Shared by the recommendation resolvers: numResults checked before anything runs, and the Lambda event
// they send (the proven profile, and the title a related list starts from).
import { util, type Context } from "@aws-appsync/utils";
import { numResultsProblem } from "@marquee/core/appsync";
import { invokeWithCaller } from "./lambda";

export type RecommendationArgs = { profileId?: string; titleId?: string; numResults?: number | null };

/** A BadRequest for a numResults outside 1..50, before any read or invocation. */
export function checkNumResults(numResults: number | null | undefined) {
  const problem = numResultsProblem(numResults);
  if (problem) util.error(problem, "BadRequest");
}

/** The pipeline's before step: the arguments are checked, the functions do the rest. */
export function recommendationPipelineRequest(ctx: Context<RecommendationArgs>) {
  checkNumResults(ctx.args.numResults);
  return {};
}

/**
 * The Lambda's event: the caller and arguments, plus the profile requireProfile proved (its id and
 * maturity: the Lambda trusts them and reads no profile again) and, for related lists, the title
 * getTitleForProfile found.
 */
export function invokeRecommendations(ctx: Context, profile: { profileId: string; maturity: string }, numResults: number | null | undefined, title: unknown) {
  const invocation = invokeWithCaller(ctx);
  return {
    ...invocation,
    payload: { ...invocation.payload, viewer: { profileId: profile.profileId, maturity: profile.maturity }, numResults: numResults ?? null, title: title ?? null },
  };
}
