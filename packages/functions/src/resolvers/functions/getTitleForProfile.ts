// Pipeline function: the title in the arguments, if it exists and the profile (ctx.stash.profile, from
// requireProfile) may watch it. Puts the title item in ctx.stash.title.
import { util, type Context } from "@aws-appsync/utils";
import { get } from "@aws-appsync/utils/dynamodb";
import { titleKeys } from "@marquee/core/appsync";
import { mayWatch } from "@marquee/core/appsync";
import { provenProfile } from "../actor";
import { checkedId } from "../arguments";
import { failOnDataSourceError } from "../errors";
import { maturityOf } from "../watching";

type Args = { titleId?: string; input?: { titleId?: string } };

const titleIdOf = (args: Args) => (args.titleId ?? args.input?.titleId) as string;
/** The argument a client named the title with, as its errors name it. */
const titleArgumentOf = (args: Args) => (args.titleId !== undefined && args.titleId !== null ? "titleId" : "input.titleId");

export function request(ctx: Context<Args>) {
  return get({ key: titleKeys(checkedId(titleArgumentOf(ctx.args), "title", titleIdOf(ctx.args))) });
}

export function response(ctx: Context<Args>) {
  failOnDataSourceError(ctx);
  const title = ctx.result as { maturity?: string | null } | null;
  if (!title) util.error(`There is no title ${titleIdOf(ctx.args)}.`, "NotFound");
  if (!mayWatch(maturityOf(provenProfile(ctx)), title!.maturity)) util.error("This title is not available for this profile.", "NotAvailable");
  ctx.stash.title = title;
  return title;
}
