// The home screen's My List: ONE Query on gsi1, newest first, the titles inside.
import type { Context } from "@aws-appsync/utils";
import { homeRules, myListPartition, type MyListAttributes } from "@marquee/core/appsync";
import { homeListRequest, homeListResponse, type HomeSource } from "./profile-lists";
import { toMyListEntry } from "./watching";

export function request(ctx: Context<Record<string, never>, Record<string, unknown>, HomeSource>) {
  return homeListRequest(ctx, "gsi1", myListPartition, homeRules.myList);
}

export function response(ctx: Context<Record<string, never>, Record<string, unknown>, HomeSource>) {
  return homeListResponse(ctx, (item: MyListAttributes) => toMyListEntry(item));
}
