import { util, type Context } from "@aws-appsync/utils";
import { fail } from "./errors";

/** Every list is paged; the maximum page size is part of the API contract (see schema.graphql). */
export const maxPageSize = 50;
export const defaultPageSize = 20;

/** The page size asked for, or a BadRequest error naming the allowed range. */
export function pageSize(limit: number | null | undefined): number {
  if (limit === null || limit === undefined) return defaultPageSize;
  if (limit < 1 || limit > maxPageSize) util.error(`limit must be between 1 and ${maxPageSize} (got ${limit}).`, "BadRequest");
  return limit;
}

/** The before step of a paged pipeline: the page size is checked before anything is read. */
export function pagedListRequest(ctx: Context<{ limit?: number | null }>) {
  pageSize(ctx.args.limit);
  return {};
}

// AppSync seals DynamoDB's nextToken to the resolver, not to its arguments: a Drama token sent with
// genre Comedy reaches DynamoDB as a foreign start key (a DynamoDbException about "the range key
// predicate"), and a "star" search token sent with "sta" silently continues the other query. So each
// page token also names the query it continues: base64(query) "." AppSync's token.
const invalidTokenMessage = "Invalid pagination token given";

/** The token handed to the client for DynamoDB's `nextToken` of the query `scope`. */
export function pageToken(scope: string, nextToken: string | null | undefined): string | null {
  return nextToken ? `${util.base64Encode(scope)}.${nextToken}` : null;
}

/** DynamoDB's nextToken inside a client's token, or a BadRequest for a token of another query. */
export function resumeToken(scope: string, token: string | null | undefined): string | undefined {
  if (token === null || token === undefined) return undefined;
  const dot = token.indexOf(".");
  if (dot < 0 || token.slice(0, dot) !== util.base64Encode(scope)) util.error(`${invalidTokenMessage}: it continues another query.`, "BadRequest");
  return token.slice(dot + 1);
}

/**
 * Fails a page's field when its Query did. A token AppSync did not issue (tampered with, say) is the
 * client's BadRequest; anything else is masked (see ./errors.ts).
 */
export function failOnPageError(ctx: Context<{ nextToken?: string | null }>) {
  if (!ctx.error) return;
  if (ctx.args.nextToken && ctx.error.type === "DynamoDB:UserIllegalArgumentException") util.error(`${invalidTokenMessage}.`, "BadRequest");
  fail(ctx, ctx.error);
}
