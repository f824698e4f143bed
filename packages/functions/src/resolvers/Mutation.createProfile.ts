import { util, type Context } from "@aws-appsync/utils";
import { invokeWithCaller, lambdaAnswer } from "./lambda";

export function request(ctx: Context) {
  if (!(ctx.identity as { sub?: string } | null)?.sub) util.unauthorized();
  const invocation = invokeWithCaller(ctx);
  // A brand-new account gets its default profile first, named after the email's local part.
  const claims = (ctx.identity as { claims?: { email?: string } } | null)?.claims;
  return { ...invocation, payload: { ...invocation.payload, email: claims?.email ?? null } };
}

export function response(ctx: Context) {
  return lambdaAnswer(ctx);
}
