import { util, type Context } from "@aws-appsync/utils";

type NoteInput = { title: string; body?: string | null; tags?: string[] | null; style?: { color?: string | null; pinned?: boolean | null } | null };

// Writes only the attributes the caller gave: `hasOwnProperty` tells an omitted body from a null one.
export function request(ctx: Context<{ id: string; input: NoteInput }>) {
  const { id, input } = ctx.args;
  const note: Record<string, unknown> = { id, title: input.title };
  if (input.hasOwnProperty("body")) note.body = input.body;
  if (input.hasOwnProperty("tags")) note.tags = input.tags;
  if (input.style && input.style.hasOwnProperty("color")) note.color = input.style.color;
  return {
    operation: "PutItem",
    key: util.dynamodb.toMapValues({ id }),
    attributeValues: util.dynamodb.toMapValues(note),
    condition: { expression: "attribute_not_exists(id)" },
  };
}

export function response(ctx: Context) {
  if (ctx.error) util.error(ctx.error.message, ctx.error.type);
  return ctx.result;
}
