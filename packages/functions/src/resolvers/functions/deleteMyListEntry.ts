// Pipeline function: removes a title from the profile's list (see ../delete-entry.ts).
import type { Context } from "@aws-appsync/utils";
import { myListKeys } from "@marquee/core/appsync";
import { deleteEntry, type EntryArgs } from "../delete-entry";

export function request(ctx: Context<EntryArgs>) {
  return deleteEntry(ctx, myListKeys);
}

export { deletedEntry as response } from "../delete-entry";
