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
