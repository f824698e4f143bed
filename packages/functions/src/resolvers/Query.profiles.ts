// profiles: listAccountProfiles reads the account partition (one Query); ensureDefaultProfile returns
// that list as is when the account exists, else creates the account and its default profile.
import { util, type Context } from "@aws-appsync/utils";

export function request(ctx: Context) {
  if (!(ctx.identity as { sub?: string } | null)?.sub) util.unauthorized();
  return {};
}

export function response(ctx: Context) {
  return ctx.prev.result;
}
