import { util, type Context } from "@aws-appsync/utils";

export function request(ctx: Context) {
  return { payload: { identity: ctx.identity === undefined ? "undefined" : ctx.identity, authType: util.authType() } };
}

export function response(ctx: Context) {
  return ctx.result;
}
