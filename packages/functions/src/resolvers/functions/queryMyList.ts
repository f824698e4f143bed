// Pipeline function: the profile's list, newest first, paged. ONE Query on gsi1; each entry carries
// its title, so a page needs no read per title.
import type { Context } from "@aws-appsync/utils";
import type { MyListAttributes } from "@marquee/core/appsync";
import { myListPartition } from "@marquee/core/appsync";
import { profilePageRequest, profilePageResponse } from "../profile-lists";
import { toMyListEntry } from "../watching";

type Args = { profileId: string; limit?: number | null; nextToken?: string | null };

export function request(ctx: Context<Args>) {
  return profilePageRequest(ctx, "myList", "gsi1", myListPartition);
}

export function response(ctx: Context<Args>) {
  return profilePageResponse(ctx, "myList", (item: MyListAttributes) => toMyListEntry(item));
}
