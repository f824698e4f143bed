// Pipeline function: everything the profile watched, newest first, paged. ONE Query on gsi2; each
// entry carries its title, so a page needs no read per title.
import type { Context } from "@aws-appsync/utils";
import type { ProgressAttributes } from "@marquee/core/appsync";
import { historyPartition } from "@marquee/core/appsync";
import { profilePageRequest, profilePageResponse } from "../profile-lists";
import { toWatchEntry } from "../watching";

type Args = { profileId: string; limit?: number | null; nextToken?: string | null };

export function request(ctx: Context<Args>) {
  return profilePageRequest(ctx, "history", "gsi2", historyPartition);
}

export function response(ctx: Context<Args>) {
  return profilePageResponse(ctx, "history", (item: ProgressAttributes) => toWatchEntry(item));
}
