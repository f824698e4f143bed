// Errors a client may see. Anything else that goes wrong is logged and masked as an internal error.
import type { VisibleErrorType } from "./visible-errors.ts";

export type VisibleErrorCode = VisibleErrorType;

export class VisibleError extends Error {
  constructor(
    readonly code: VisibleErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = "VisibleError";
  }
}
