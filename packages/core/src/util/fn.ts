// Domain entry points parse their input first: `create = fn(CreateInput, async (input) => ...)`.
import type { z } from "zod";
import { VisibleError } from "./error.ts";

export function fn<Schema extends z.ZodTypeAny, Result>(schema: Schema, body: (input: z.output<Schema>) => Promise<Result>) {
  // async: an invalid input rejects the promise like any other failure, never throws synchronously.
  const run = async (input: z.input<Schema>): Promise<Result> => {
    const parsed = schema.safeParse(input);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const where = issue.path.length > 0 ? `${issue.path.join(".")}: ` : "";
      throw new VisibleError("ValidationError", `${where}${issue.message}`, { issues: parsed.error.issues.map((i) => ({ path: i.path, message: i.message })) });
    }
    return body(parsed.data);
  };
  run.schema = schema;
  return run;
}
