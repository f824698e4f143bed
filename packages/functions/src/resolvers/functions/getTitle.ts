import { util, type Context } from "@aws-appsync/utils";
import { get } from "@aws-appsync/utils/dynamodb";
import { titleKeys } from "@marquee/core/appsync";
import { mayWatch } from "@marquee/core/appsync";
import { checkedId } from "../arguments";
import { viewerMaturity } from "../catalog-filter";
import { failOnDataSourceError } from "../errors";
import { toTitle, type TitleItem } from "../title";

export function request(ctx: Context<{ id: string }>) {
  return get({ key: titleKeys(checkedId("id", "title", ctx.args.id)) });
}

export function response(ctx: Context) {
  failOnDataSourceError(ctx);
  if (!ctx.result) return null;
  const item = ctx.result as TitleItem;
  const maturity = viewerMaturity(ctx);
  if (maturity !== null && !mayWatch(maturity, item.maturity)) {
    util.error("This title is not available for this profile.", "NotAvailable");
  }
  return toTitle(item);
}
