// The one way resolvers fail a field. Errors a client may see (@marquee/core/appsync visibleErrorTypes,
// the same names Lambda handlers raise) keep their message; anything else, a DynamoDB message or a
// Lambda that crashed, is logged with its cause and reaches the client as the masked internalFailure.
import { util, type Context } from "@aws-appsync/utils";
import { internalFailure, isVisibleErrorType } from "@marquee/core/appsync";

export type FieldError = { type: string; message: string; details?: unknown };

export function fail(ctx: Context, error: FieldError): never {
  if (error.type === "Unauthorized") util.unauthorized();
  if (isVisibleErrorType(error.type)) util.error(error.message, error.type, null, error.details ?? null);
  // console.error in resolver code is what AppSync sends to CloudWatch: the cause stays in the logs.
  console.error(`${ctx.info.parentTypeName}.${ctx.info.fieldName} failed: ${error.type}: ${error.message}`);
  return util.error(internalFailure.message, internalFailure.type);
}

/** Fails the field when its data source did (ctx.error): DynamoDB's own words never reach a client. */
export function failOnDataSourceError(ctx: Context): void {
  if (ctx.error) fail(ctx, ctx.error);
}
