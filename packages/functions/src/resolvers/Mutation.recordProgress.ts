// recordProgress: validate the event here (nothing is read or written for a bad one), then the pipeline
// requireProfile -> getTitleForProfile -> writeProgress (one transaction).
import { util, type Context } from "@aws-appsync/utils";
import { progressEventProblem } from "@marquee/core/appsync";

type Args = { input: { profileId: string; titleId: string; positionSeconds: number; durationSeconds: number; eventAt?: string | null } };

export function request(ctx: Context<Args>) {
  const input = ctx.args.input;
  const now = util.time.nowEpochMilliSeconds();
  // AWSDateTime has been validated on input; normalising it makes string order time order.
  const eventAtEpochMillis = input.eventAt ? util.time.parseISO8601ToEpochMilliSeconds(input.eventAt) : now;
  const event = { positionSeconds: input.positionSeconds, durationSeconds: input.durationSeconds, eventAtEpochMillis };
  const problem = progressEventProblem(event, now);
  if (problem) util.error(problem, "BadRequest");
  ctx.stash.progressEvent = { ...event, eventAt: util.time.epochMilliSecondsToISO8601(eventAtEpochMillis) };
  return {};
}

export function response(ctx: Context) {
  return ctx.prev.result;
}
