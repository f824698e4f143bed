import * as Profile from "@marquee/core/profile";
import { resolverHandler } from "./handler.ts";

export const handler = resolverHandler<{ profileId: string }, { profileId: string }>(async ({ arguments: args, identity }) =>
  Profile.remove({ profileId: args.profileId, accountId: identity?.sub ?? "" })
);
