import { util, type Context } from "@aws-appsync/utils";
import { callerOf } from "./actor";
import { invokeWithCaller } from "./lambda";

/** Request handler for content-team mutations: refuses anyone outside the group, then invokes the Lambda. */
export function requireContentTeam(ctx: Context) {
  if (!callerOf(ctx).isContentTeam) util.unauthorized();
  return invokeWithCaller(ctx);
}
