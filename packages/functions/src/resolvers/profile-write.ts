// Shared by the profile mutations that name an existing profile (updateProfile, deleteProfile,
// verifyProfilePin): their Lambda looks the profile up under the caller's own account. A malformed
// profile id is refused here, before the Lambda runs.
import { util, type Context } from "@aws-appsync/utils";
import { checkedProfileId } from "./arguments";
import { invokeWithCaller, lambdaAnswer } from "./lambda";

export function request(ctx: Context<{ profileId?: string; input?: { profileId?: string } }>) {
  checkedProfileId(ctx.args);
  return invokeWithCaller(ctx);
}

export function response(ctx: Context) {
  // "Not found" means another account's id or a made-up one, and the caller learns nothing about which.
  const answer = ctx.result as { error?: { type?: string } } | null;
  if (!ctx.error && answer && answer.error && answer.error.type === "NotFound") util.unauthorized();
  return lambdaAnswer(ctx);
}
