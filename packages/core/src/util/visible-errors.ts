// The error types a client may see, one list for both sides of the API: Lambda handlers raise them as
// VisibleError codes (./error.ts), APPSYNC_JS resolvers as util.error's errorType. Any other failure (a
// DynamoDB message, an unexpected exception) is logged with its cause and reaches the client as
// internalFailure. Dependency-free: resolvers import it through @marquee/core/appsync.
export const visibleErrorTypes = ["Unauthorized", "BadRequest", "ValidationError", "NotFound", "NotAvailable", "Conflict", "LimitExceeded"] as const;

export type VisibleErrorType = (typeof visibleErrorTypes)[number];

export function isVisibleErrorType(type: string | null | undefined): type is VisibleErrorType {
  return visibleErrorTypes.indexOf(type as VisibleErrorType) >= 0;
}

/** What a client is told of everything else. */
export const internalFailure = { type: "InternalFailure", message: "Something went wrong on our side; it has been logged." } as const;
