// Pipeline function: removes a title from the profile's history, and so from continue watching (see
// ../delete-entry.ts).
import type { Context } from "@aws-appsync/utils";
import { progressKeys } from "@marquee/core/appsync";
import { deleteEntry, type EntryArgs } from "../delete-entry";

export function request(ctx: Context<EntryArgs>) {
  return deleteEntry(ctx, progressKeys);
}

export { deletedEntry as response } from "../delete-entry";
