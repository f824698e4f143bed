// The caller of a request, read from AppSync's identity (Cognito user pools) in one place: APPSYNC_JS
// resolvers (through @marquee/core/appsync) and Lambda handlers (packages/functions/src/lambda/handler.ts)
// build it the same way. Dependency-free, in the subset of JavaScript AppSync runs.
import { contentTeamGroup } from "./groups.ts";

/** Who is asking: the Cognito sub is the account; groups decide what they may change. */
export type Actor = { accountId: string; groups: string[]; isContentTeam: boolean };

/** What AppSync puts in ctx.identity for a Cognito caller, and what resolvers pass on to Lambdas. */
export type CallerIdentity = { sub?: string | null; groups?: string[] | null; claims?: { email?: string | null } | null };

/** The caller, or null when the request carries no Cognito sub (the caller is then Unauthorized). */
export function actorOf(identity: CallerIdentity | null | undefined): Actor | null {
  const sub = identity ? identity.sub : null;
  if (typeof sub !== "string" || sub.length === 0) return null;
  const groups = identity && Array.isArray(identity.groups) ? identity.groups : [];
  return { accountId: sub, groups, isContentTeam: groups.indexOf(contentTeamGroup) >= 0 };
}
