import { util, type Context } from "@aws-appsync/utils";

export function request(ctx: Context<{ id: string; title: string }>) {
  return {
    operation: "PutItem",
    key: util.dynamodb.toMapValues({ id: ctx.args.id }),
    attributeValues: util.dynamodb.toMapValues({ title: ctx.args.title }),
  };
}

export function response(ctx: Context) {
  if (ctx.error) util.error(ctx.error.message, ctx.error.type);
  return ctx.result;
}
