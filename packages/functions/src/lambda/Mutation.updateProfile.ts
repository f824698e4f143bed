import * as Profile from "@marquee/core/profile";
import { resolverHandler } from "./handler.ts";

type Args = { input: Omit<Parameters<typeof Profile.update>[0], "accountId"> };

// The caller's sub goes into the key: a profile of another account is not found (the resolver answers Unauthorized).
export const handler = resolverHandler<Args, Profile.ProfileView>(async ({ arguments: args, identity }) =>
  Profile.update({ ...args.input, accountId: identity?.sub ?? "" })
);
