import type { Context } from "@aws-appsync/utils";

type Input = { title: string; body?: string | null; style?: Record<string, unknown> | null };

// The checks resolver code makes on input objects, answered as data.
export function request(ctx: Context<{ input: Input }>) {
  const { input } = ctx.args;
  return {
    payload: {
      hasBody: input.hasOwnProperty("body"),
      hasStyle: input.hasOwnProperty("style"),
      styleHasColor: input.style ? input.style.hasOwnProperty("color") : null,
      keys: Object.keys(input),
      text: `${input.title}`,
      json: JSON.stringify(input),
    },
  };
}

export function response(ctx: Context) {
  return ctx.result;
}
