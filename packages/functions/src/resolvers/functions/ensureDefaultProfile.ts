// Pipeline function: a new account's first request creates its account item and default profile (in
// a Lambda: one transaction conditional on the account not existing). Existing accounts skip the Lambda.
import { runtime, type Context } from "@aws-appsync/utils";
import { invokeWithCaller, lambdaAnswer } from "../lambda";

export function request(ctx: Context) {
  if (ctx.stash.accountExists) runtime.earlyReturn(ctx.prev.result);
  // The default profile is named after the email's local part.
  return invokeWithCaller(ctx, { email: true });
}

export function response(ctx: Context) {
  return lambdaAnswer(ctx);
}
