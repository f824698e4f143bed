import { util } from "@aws-appsync/utils";

/** Every list is paged; the maximum page size is part of the API contract (see schema.graphql). */
export const maxPageSize = 50;
export const defaultPageSize = 20;

/** The page size asked for, or a BadRequest error naming the allowed range. */
export function pageSize(limit: number | null | undefined): number {
  if (limit === null || limit === undefined) return defaultPageSize;
  if (limit < 1 || limit > maxPageSize) util.error(`limit must be between 1 and ${maxPageSize} (got ${limit}).`, "BadRequest");
  return limit;
}

/** Data-source errors (a tampered nextToken, say) become the field's error with DynamoDB's type. */
export function raiseDataSourceError(error: { message: string; type: string } | null | undefined) {
  if (error) util.error(error.message, error.type);
}

// AppSync seals DynamoDB's nextToken to the resolver, not to its arguments: a Drama token sent with
// genre Comedy reaches DynamoDB as a foreign start key (a DynamoDbException about "the range key
// predicate"), and a "star" search token sent with "sta" silently continues the other query. So each
// page token also names the query it continues: base64(query) "." AppSync's token.
const foreignTokenMessage = "Invalid pagination token given: it continues another query.";

/** The token handed to the client for DynamoDB's `nextToken` of the query `scope`. */
export function pageToken(scope: string, nextToken: string | null | undefined): string | null {
  return nextToken ? `${util.base64Encode(scope)}.${nextToken}` : null;
}

/** DynamoDB's nextToken inside a client's token, or the error AppSync gives for a token it did not issue. */
export function resumeToken(scope: string, token: string | null | undefined): string | undefined {
  if (token === null || token === undefined) return undefined;
  const dot = token.indexOf(".");
  if (dot < 0 || token.slice(0, dot) !== util.base64Encode(scope)) util.error(foreignTokenMessage, "DynamoDB:UserIllegalArgumentException");
  return token.slice(dot + 1);
}
