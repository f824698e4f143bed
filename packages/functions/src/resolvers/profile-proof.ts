// Shared by requireProfile and optionalProfile: the profile's key includes the caller's own sub, so a
// foreign or made-up profile id finds nothing and the field is Unauthorized. A malformed id (too long,
// characters no profile id has) is a BadRequest naming the argument, before anything is read.
import { util, type Context } from "@aws-appsync/utils";
import { get } from "@aws-appsync/utils/dynamodb";
import { profileKeys } from "@marquee/core/appsync";
import { callerOf } from "./actor";
import { failOnDataSourceError } from "./errors";

/** The GetItem of the caller's profile `profileId` (checked by arguments.ts checkedProfileId). */
export function getCallersProfile(ctx: Context, profileId: string) {
  return get({ key: profileKeys(callerOf(ctx).accountId, profileId), consistentRead: true });
}

/** The profile found, now in ctx.stash.profile for the functions after; none found is Unauthorized. */
export function proveProfile(ctx: Context) {
  failOnDataSourceError(ctx);
  if (!ctx.result) util.unauthorized();
  ctx.stash.profile = ctx.result;
  return ctx.result;
}
