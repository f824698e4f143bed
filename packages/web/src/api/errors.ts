// API failures as sentences a viewer can act on. AppSync puts `errorType` at the top level of each error
// (urql keeps the raw error as `originalError`); messages from Marquee's resolvers are written for people,
// anything else (validation, internal) becomes a plain sentence, never JSON.
import type { CombinedError } from "@urql/core";

export type ApiErrorKind = "offline" | "session" | "forbidden" | "notFound" | "notAvailable" | "conflict" | "invalid" | "limit" | "server";

export type ApiProblem = { kind: ApiErrorKind; message: string };

const readableTypes: Record<string, ApiErrorKind> = {
  BadRequest: "invalid",
  ValidationError: "invalid",
  NotFound: "notFound",
  NotAvailable: "notAvailable",
  Conflict: "conflict",
  LimitExceeded: "limit",
};

export function errorTypeOf(error: unknown): string | undefined {
  if (!error || typeof error !== "object") return undefined;
  const record = error as { errorType?: unknown; originalError?: unknown; extensions?: { errorType?: unknown } };
  if (typeof record.errorType === "string") return record.errorType;
  if (typeof record.extensions?.errorType === "string") return record.extensions.errorType;
  return record.originalError && record.originalError !== error ? errorTypeOf(record.originalError) : undefined;
}

export function describeApiError(error: CombinedError | Error | null | undefined): ApiProblem | null {
  if (!error) return null;
  const combined = error as Partial<CombinedError>;
  const status = combined.response && typeof combined.response === "object" ? (combined.response as { status?: number }).status : undefined;
  if (status === 401) return { kind: "session", message: "Your session has ended. Please sign in again." };
  const graphQLErrors = combined.graphQLErrors ?? [];
  if (graphQLErrors.length === 0) {
    if (combined.networkError || error instanceof TypeError) {
      return { kind: "offline", message: "Marquee can't be reached right now. Check your connection and try again." };
    }
    return { kind: "server", message: "Something went wrong on our side. Please try again." };
  }
  const first = graphQLErrors[0]!;
  const type = errorTypeOf(first);
  if (type === "Unauthorized" || type === "UnauthorizedException") return { kind: "forbidden", message: "You don't have access to that." };
  const kind = type ? readableTypes[type] : undefined;
  if (kind && isSentence(first.message)) return { kind, message: first.message };
  if (kind === "notFound") return { kind, message: "We couldn't find that." };
  if (kind === "conflict") return { kind, message: "That changed while you were looking at it. Reload and try again." };
  if (kind === "limit") return { kind, message: "You've reached the limit for that." };
  return { kind: "server", message: "Something went wrong on our side. Please try again." };
}

/** A resolver's message for people, not a stack trace, JSON or a validator's report. */
function isSentence(message: string): boolean {
  return message.length > 0 && message.length <= 300 && !/[{}[\]]|Validation error|Exception|DynamoDB|^\w+:\w+/.test(message);
}
