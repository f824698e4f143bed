import { util, type Context } from "@aws-appsync/utils";

export function request() {
  return { method: "GET", resourcePath: "/" };
}

export function response(ctx: Context) {
  if (ctx.error) util.error(ctx.error.message, ctx.error.type);
  return ctx.result.body;
}
