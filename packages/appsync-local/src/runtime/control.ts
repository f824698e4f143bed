// The parts of `util` and `runtime` that end or annotate the field being resolved; they talk to the
// executor through the current invocation (see ../invocation.ts).
import type { runtime as RuntimeDeclaration } from "@aws-appsync/utils";
import { currentInvocation, EarlyReturnSignal, ResolverError, UnauthorizedSignal, type AppendedError } from "../invocation.ts";
import { AUTH_TYPE_NAMES } from "./auth-type.ts";

export type Runtime = typeof RuntimeDeclaration;

export function error(message: string, errorType?: string, data?: unknown, errorInfo?: unknown): never {
  throw new ResolverError(message, errorType, data, errorInfo);
}

export function appendError(message: string, errorType?: string, data?: unknown, errorInfo?: unknown): void {
  const appended: AppendedError = { message };
  if (errorType !== undefined) appended.errorType = errorType;
  if (data !== undefined) appended.data = data;
  if (errorInfo !== undefined) appended.errorInfo = errorInfo;
  currentInvocation().appendedErrors.push(appended);
}

export function unauthorized(): never {
  throw new UnauthorizedSignal();
}

export function authType(): string {
  return AUTH_TYPE_NAMES[currentInvocation().authType];
}

export const runtime: Runtime = {
  // Without options AppSync moves on to the next pipeline function (NEXT); in a unit resolver or a
  // pipeline's own request handler both values end in the same place, so NEXT is the default.
  earlyReturn: (value, returnOptions) => {
    throw new EarlyReturnSignal(value, returnOptions?.skipTo ?? "NEXT");
  },
};
