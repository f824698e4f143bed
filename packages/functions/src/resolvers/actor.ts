// The caller as resolvers see it: built by @marquee/core/appsync's actorOf (the same as Lambda handlers),
// and the profile requireProfile or optionalProfile proved to be the caller's.
import { util, type Context } from "@aws-appsync/utils";
import { actorOf, type Actor, type CallerIdentity, type StoredProfileFields } from "@marquee/core/appsync";

/** The caller; a request without a Cognito sub is Unauthorized before anything is read or invoked. */
export function callerOf(ctx: Context): Actor {
  const actor = actorOf(ctx.identity as CallerIdentity | null);
  if (!actor) util.unauthorized();
  return actor as Actor;
}

/** The email of the caller's id token: a new account's default profile is named after it. */
export function callerEmail(ctx: Context): string | null {
  const claims = (ctx.identity as CallerIdentity | null)?.claims;
  return claims && claims.email ? claims.email : null;
}

/** The profile item requireProfile proved to be the caller's (core/profile's ProfileRecord, with keys). */
export type ProfileItem = StoredProfileFields & { accountId: string };

/** The profile requireProfile put in ctx.stash.profile (catalog reads, whose profile is optional, see catalog-filter.ts). */
export function provenProfile(ctx: Context): ProfileItem {
  return ctx.stash.profile as ProfileItem;
}
