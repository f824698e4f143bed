import { util, type Context } from "@aws-appsync/utils";
import { get } from "@aws-appsync/utils/dynamodb";
import { titleKeys } from "../../../core/src/keys";
import { toTitle, type TitleItem } from "./title";

export function request(ctx: Context<{ id: string }>) {
  return get({ key: titleKeys(ctx.args.id) });
}

export function response(ctx: Context) {
  if (ctx.error) util.error(ctx.error.message, ctx.error.type);
  return ctx.result ? toTitle(ctx.result as TitleItem) : null;
}
