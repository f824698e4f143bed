// ensureDefaultProfile's Lambda: only called when listAccountProfiles found no account item, so this is
// the account's first request; concurrent first requests still create one default profile.
import * as Profile from "@marquee/core/profile";
import { resolverHandler, type ResolverEvent } from "./handler.ts";

/** The caller's email comes from the id token's claims (see resolvers/functions/ensureDefaultProfile.ts). */
export type AccountEvent<Args> = ResolverEvent<Args> & { email?: string | null };

export const handler = resolverHandler<Record<string, never>, Profile.ProfileView[], AccountEvent<Record<string, never>>>(async (event, actor) =>
  Profile.ensureDefault({ accountId: actor.accountId, email: event.email }),
);
