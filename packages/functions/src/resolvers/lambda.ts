// Shared by resolvers in front of a Lambda: the event sent, and its answer turned into a result
// or an AppSync error (see packages/functions/src/lambda/handler.ts for the other side).
import type { Context } from "@aws-appsync/utils";
import { callerEmail, callerOf } from "./actor";
import { fail } from "./errors";

/** The Invoke request: the arguments and the caller (refused here when it has no sub); `email` adds its email. */
export function invokeWithCaller(ctx: Context, options: { email?: boolean } = {}) {
  const actor = callerOf(ctx);
  const payload = { arguments: ctx.args, identity: { sub: actor.accountId, groups: actor.groups } };
  return { operation: "Invoke" as const, payload: options.email ? { ...payload, email: callerEmail(ctx) } : payload };
}

export function lambdaAnswer(ctx: Context) {
  // The Lambda itself failed (an unexpected exception, a timeout): masked, the cause logged.
  if (ctx.error) fail(ctx, ctx.error);
  const answer = ctx.result as { data?: unknown; error?: { type: string; message: string; details?: unknown } };
  if (answer.error) fail(ctx, answer.error);
  return answer.data;
}
