// Pipeline: requireProfile proves the profile is the caller's, then the function named in the manifest
// does the one conditional write.
import type { Context } from "@aws-appsync/utils";

export function request() {
  return {};
}

export function response(ctx: Context) {
  return ctx.prev.result;
}
