// Pipeline: the page size is checked first (nothing is read for a bad one), then requireProfile proves
// the profile is the caller's and the function named in the manifest runs the one page Query.
import type { Context } from "@aws-appsync/utils";
import { pageSize } from "./paging";

export function request(ctx: Context<{ limit?: number | null }>) {
  pageSize(ctx.args.limit);
  return {};
}

export function response(ctx: Context) {
  return ctx.prev.result;
}
