// Shared by resolvers in front of a Lambda: the event sent, and its answer turned into a result
// or an AppSync error (see packages/functions/src/lambda/handler.ts for the other side).
import { util, type Context } from "@aws-appsync/utils";

export function invokeWithCaller(ctx: Context) {
  const identity = ctx.identity as { sub?: string; groups?: string[] | null; username?: string } | null;
  return {
    operation: "Invoke" as const,
    payload: {
      arguments: ctx.args,
      identity: identity ? { sub: identity.sub, groups: identity.groups ?? null, username: identity.username } : null,
    },
  };
}

export function lambdaAnswer(ctx: Context) {
  if (ctx.error) util.error("Something went wrong on our side; it has been logged.", "InternalFailure");
  const answer = ctx.result as { data?: unknown; error?: { type: string; message: string; details?: unknown } };
  if (answer.error) util.error(answer.error.message, answer.error.type, null, answer.error.details ?? null);
  return answer.data;
}
