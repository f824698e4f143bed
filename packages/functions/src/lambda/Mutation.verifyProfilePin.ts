import * as Profile from "@marquee/core/profile";
import { resolverHandler } from "./handler.ts";

export const handler = resolverHandler<{ profileId: string; pin: string }, Profile.PinCheck>(async ({ arguments: args }, actor) =>
  Profile.verifyPin({ profileId: args.profileId, pin: args.pin, accountId: actor.accountId }),
);
