import { util, type Context } from "@aws-appsync/utils";
import { contentTeamGroup } from "@marquee/core/appsync";
import { invokeWithCaller } from "./lambda";

/** Request handler for content-team mutations: refuses anyone outside the group, then invokes the Lambda. */
export function requireContentTeam(ctx: Context) {
  const groups = (ctx.identity as { groups?: string[] | null } | null)?.groups ?? [];
  if (groups.indexOf(contentTeamGroup) < 0) util.unauthorized();
  return invokeWithCaller(ctx);
}
