// profiles: listAccountProfiles reads the account partition (one Query); ensureDefaultProfile returns
// that list as is when the account exists, else creates the account and its default profile.
import type { Context } from "@aws-appsync/utils";
import { callerOf } from "./actor";

export function request(ctx: Context) {
  callerOf(ctx);
  return {};
}

export function response(ctx: Context) {
  return ctx.prev.result;
}
