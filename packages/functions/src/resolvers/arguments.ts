// Checks of arguments that become keys, before anything is read: DynamoDB refuses an oversized key with
// its own message, which a client must never see. The formats are core's (@marquee/core/appsync idFormats).
import { util } from "@aws-appsync/utils";
import { idProblem, type IdKind } from "@marquee/core/appsync";

/** The id, or a BadRequest naming the argument ("input.titleId") when it is not a well-formed id of its kind. */
export function checkedId(argument: string, kind: IdKind, id: string): string {
  const problem = idProblem(kind, id);
  if (problem) util.error(`${argument} ${problem}.`, "BadRequest");
  return id;
}

/** The profile id of a field's arguments (`profileId`, or `input.profileId`), checked; null when it has none. */
export function checkedProfileId(args: { profileId?: string | null; input?: { profileId?: string | null } | null }): string | null {
  if (args.profileId !== undefined && args.profileId !== null) return checkedId("profileId", "profile", args.profileId);
  const input = args.input;
  if (input && input.profileId !== undefined && input.profileId !== null) return checkedId("input.profileId", "profile", input.profileId);
  return null;
}
