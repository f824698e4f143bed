import * as Profile from "@marquee/core/profile";
import { resolverHandler } from "./handler.ts";

type Args = { input: Omit<Parameters<typeof Profile.update>[0], "accountId"> };

// The caller's account goes into the key: a profile of another account is not found (the resolver answers Unauthorized).
export const handler = resolverHandler<Args, Profile.ProfileView>(async ({ arguments: args }, actor) =>
  Profile.update({ ...args.input, accountId: actor.accountId }),
);
