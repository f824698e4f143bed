// AppSync's error shapes. GraphQL errors carry errorType / errorInfo / data at the top level of
// each error object (not under `extensions`); HTTP-level failures have their own small body.
import { GraphQLError, type ASTNode } from "graphql";

export type AppSyncLocation = { line: number; column: number; sourceName: null };

export type AppSyncGraphQLError = {
  path: ReadonlyArray<string | number> | null;
  data: unknown;
  errorType?: string;
  errorInfo: unknown;
  locations: AppSyncLocation[] | null;
  message: string;
};

export type AppSyncResponseBody = {
  data: Record<string, unknown> | null;
  errors?: Array<AppSyncGraphQLError | Record<string, unknown>>;
};

/** An HTTP-level failure: `{ errors: [{ errorType, message }] }` with a 4xx status. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly errorType: string,
    message: string,
  ) {
    super(message);
    this.name = "HttpError";
  }

  body(): { errors: Array<{ errorType: string; message: string }> } {
    return { errors: [{ errorType: this.errorType, message: this.message }] };
  }
}

export const unauthorizedRequest = {
  noAuthorizationHeader: () => new HttpError(401, "UnauthorizedException", "Valid authorization header not provided."),
  unparseableToken: () => new HttpError(401, "UnauthorizedException", "Unable to parse JWT token."),
  expiredToken: () => new HttpError(401, "UnauthorizedException", "Token has expired."),
  /** A well-formed token AppSync does not accept (signature, issuer, audience, expiry). */
  rejectedToken: () => new HttpError(401, "UnauthorizedException", "You are not authorized to make this call."),
  /** An unknown or expired API key (conformance/errors.json: "http401-api-key-or-generic"). */
  rejectedApiKey: () => new HttpError(401, "UnauthorizedException", "You are not authorized to make this call."),
};

/**
 * A subscription sent as an HTTP request. AppSync serves subscriptions over its real-time WebSocket endpoint
 * only and answers what old clients still POST with this (aws-amplify-appsync-graphql-real-time-canvas#28).
 */
export const subscriptionOverHttp = () => new HttpError(400, "BadRequestException", "Subscriptions over MQTT is not supported.");

/** Raised inside field resolution; `formatError` lifts these fields to the top level of the error. */
export function fieldError(
  message: string,
  fields: { errorType?: string; errorInfo?: unknown; data?: unknown },
  nodes?: ReadonlyArray<ASTNode>,
): GraphQLError {
  return new GraphQLError(message, { nodes, extensions: { appsync: fields } });
}

export function unauthorizedFieldError(fieldName: string, typeName: string, nodes?: ReadonlyArray<ASTNode>): GraphQLError {
  return fieldError(`Not Authorized to access ${fieldName} on type ${typeName}`, { errorType: "Unauthorized" }, nodes);
}

/** graphql-js error -> AppSync's error object. */
export function formatError(error: GraphQLError): AppSyncGraphQLError {
  const appsync = (error.extensions?.appsync ?? {}) as { errorType?: string; errorInfo?: unknown; data?: unknown };
  // Keys in AppSync's order (path, data, errorType, errorInfo, locations, message): clients that compare
  // or log raw bodies see what AppSync sends.
  return {
    path: error.path ?? null,
    data: appsync.data ?? null,
    ...(appsync.errorType !== undefined ? { errorType: appsync.errorType } : {}),
    errorInfo: appsync.errorInfo ?? null,
    locations: error.locations ? error.locations.map((l) => ({ line: l.line, column: l.column, sourceName: null })) : null,
    message: error.message,
  };
}
