import * as Profile from "@marquee/core/profile";
import { resolverHandler } from "./handler.ts";
import type { AccountEvent } from "./Query.profiles.ts";

type Args = { input: Omit<Parameters<typeof Profile.create>[0], "accountId" | "email"> };

export const handler = resolverHandler<Args, Profile.ProfileView, AccountEvent<Args>>(async (event, actor) =>
  Profile.create({ ...event.arguments.input, accountId: actor.accountId, email: event.email }),
);
