// The home screen's continue watching: ONE Query on the sparse gsi1, newest first, the titles inside.
import type { Context } from "@aws-appsync/utils";
import { continueWatchingPartition, homeRules, type ProgressAttributes } from "@marquee/core/appsync";
import { homeListRequest, homeListResponse, type HomeSource } from "./profile-lists";
import { toWatchEntry } from "./watching";

export function request(ctx: Context<Record<string, never>, Record<string, unknown>, HomeSource>) {
  return homeListRequest(ctx, "gsi1", continueWatchingPartition, homeRules.continueWatching);
}

export function response(ctx: Context<Record<string, never>, Record<string, unknown>, HomeSource>) {
  return homeListResponse(ctx, (item: ProgressAttributes) => toWatchEntry(item));
}
