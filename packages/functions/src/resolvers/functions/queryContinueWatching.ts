// Pipeline function: the profile's resumable titles, most recently watched first. ONE Query on the
// sparse gsi1 (only resumable, not hidden entries carry its keys); each entry carries its title.
import type { Context } from "@aws-appsync/utils";
import type { ProgressAttributes } from "@marquee/core/appsync";
import { continueWatchingPartition } from "@marquee/core/appsync";
import { profilePageRequest, profilePageResponse } from "../profile-lists";
import { toWatchEntry } from "../watching";

type Args = { profileId: string; limit?: number | null; nextToken?: string | null };

export function request(ctx: Context<Args>) {
  return profilePageRequest(ctx, "continueWatching", "gsi1", continueWatchingPartition);
}

export function response(ctx: Context<Args>) {
  return profilePageResponse(ctx, "continueWatching", (item: ProgressAttributes) => toWatchEntry(item));
}
