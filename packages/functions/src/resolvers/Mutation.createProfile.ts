import type { Context } from "@aws-appsync/utils";
import { invokeWithCaller, lambdaAnswer } from "./lambda";

export function request(ctx: Context) {
  // A brand-new account gets its default profile first, named after the email's local part.
  return invokeWithCaller(ctx, { email: true });
}

export function response(ctx: Context) {
  return lambdaAnswer(ctx);
}
