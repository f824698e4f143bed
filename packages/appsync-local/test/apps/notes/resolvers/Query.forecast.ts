import { util, type Context } from "@aws-appsync/utils";

// GET /v1/forecast/<city>?units=metric on the weather service; a 404 is an answer, not an error.
export function request(ctx: Context<{ city: string }>) {
  return {
    method: "GET",
    resourcePath: `/v1/forecast/${ctx.args.city}`,
    params: { query: { units: "metric", days: 1 }, headers: { "x-client": "notes-app" } },
  };
}

export function response(ctx: Context<{ city: string }>) {
  if (ctx.error) util.error(ctx.error.message, ctx.error.type);
  const { statusCode, headers, body } = ctx.result;
  const summary = statusCode === 200 ? JSON.parse(body).summary : null;
  return { city: ctx.args.city, summary, status: statusCode, contentType: headers["content-type"] };
}
