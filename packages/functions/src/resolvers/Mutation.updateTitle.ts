import type { Context } from "@aws-appsync/utils";
import { checkedId } from "./arguments";
import { requireContentTeam } from "./content-team";
import { titleWriteResponse } from "./title-write";

// The content-team group is also enforced by the schema directive; checked here too because
// AppSync's group directives have known gaps on nested fields. The id is checked before the Lambda
// reads it (a new title's id, in createTitle, is Title.create's to check).
export function request(ctx: Context<{ input: { id: string } }>) {
  const invocation = requireContentTeam(ctx);
  checkedId("input.id", "title", ctx.args.input.id);
  return invocation;
}

export { titleWriteResponse as response };
