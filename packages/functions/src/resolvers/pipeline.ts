// Before/after handlers of a pipeline whose functions do all the work: the field's value is the last
// function's result.
import type { Context } from "@aws-appsync/utils";

export function request() {
  return {};
}

export function response(ctx: Context) {
  return ctx.prev.result;
}
