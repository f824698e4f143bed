import * as Profile from "@marquee/core/profile";
import { resolverHandler } from "./handler.ts";

export const handler = resolverHandler<{ profileId: string }, { profileId: string }>(async ({ arguments: args }, actor) =>
  Profile.remove({ profileId: args.profileId, accountId: actor.accountId }),
);
