// Shared by requireProfile and optionalProfile: the profile's key includes the caller's own sub, so a
// foreign or made-up profile id finds nothing and the field is Unauthorized.
import { util, type Context } from "@aws-appsync/utils";
import { get } from "@aws-appsync/utils/dynamodb";
import { profileKeys } from "@marquee/core/appsync";
import { callerOf } from "./actor";
import { maxIdLength } from "./arguments";
import { failOnDataSourceError } from "./errors";

/** The GetItem of the caller's profile `profileId`. */
export function getCallersProfile(ctx: Context, profileId: string) {
  // Too long to be an id, so not one of the caller's profiles either (and DynamoDB would refuse the key).
  if (profileId.length > maxIdLength) util.unauthorized();
  return get({ key: profileKeys(callerOf(ctx).accountId, profileId), consistentRead: true });
}

/** The profile found, now in ctx.stash.profile for the functions after; none found is Unauthorized. */
export function proveProfile(ctx: Context) {
  failOnDataSourceError(ctx);
  if (!ctx.result) util.unauthorized();
  ctx.stash.profile = ctx.result;
  return ctx.result;
}
