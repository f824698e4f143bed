import { util, type Context } from "@aws-appsync/utils";

export function request(ctx: Context<{ text: string }>) {
  return {
    method: "POST",
    resourcePath: "/v1/feedback",
    params: { headers: { "content-type": "application/json" }, body: JSON.stringify({ text: ctx.args.text }) },
  };
}

export function response(ctx: Context) {
  if (ctx.error) util.error(ctx.error.message, ctx.error.type);
  return { statusCode: ctx.result.statusCode, echoed: JSON.parse(ctx.result.body) };
}
