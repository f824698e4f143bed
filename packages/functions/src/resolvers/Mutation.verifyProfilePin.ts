import { util, type Context } from "@aws-appsync/utils";
import { invokeWithCaller, lambdaAnswer } from "./lambda";

export function request(ctx: Context) {
  if (!(ctx.identity as { sub?: string } | null)?.sub) util.unauthorized();
  return invokeWithCaller(ctx);
}

export function response(ctx: Context) {
  // The Lambda looks the profile up under the caller's own account: "not found" means another
  // account's id or a made-up one, and the caller learns nothing about which.
  const answer = ctx.result as { error?: { type?: string } } | null;
  if (!ctx.error && answer && answer.error && answer.error.type === "NotFound") util.unauthorized();
  return lambdaAnswer(ctx);
}
