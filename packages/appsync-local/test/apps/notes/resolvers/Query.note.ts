import { util, type Context } from "@aws-appsync/utils";

// Reads a note by id from whichever table the resolver's data source is on.
export function request(ctx: Context<{ id: string }>) {
  return { operation: "GetItem", key: util.dynamodb.toMapValues({ id: ctx.args.id }) };
}

export function response(ctx: Context) {
  if (ctx.error) util.error(ctx.error.message, ctx.error.type);
  return ctx.result ?? null;
}
