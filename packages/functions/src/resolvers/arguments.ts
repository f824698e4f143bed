// Checks of arguments that become keys, before anything is read: DynamoDB refuses an oversized key with
// its own message, which a client must never see.
import { util } from "@aws-appsync/utils";

/** The longest id Marquee issues is a profile id (128 characters, core/profile); a longer one names nothing. */
export const maxIdLength = 128;

/** The id, or a BadRequest naming the argument when it is too long to be one. */
export function checkedId(name: string, id: string): string {
  if (id.length > maxIdLength) util.error(`${name} must be at most ${maxIdLength} characters.`, "BadRequest");
  return id;
}
