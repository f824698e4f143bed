// The contract between the resolver runtime (executor) and the `util` / `runtime` / `extensions`
// implementation that resolver code imports as `@aws-appsync/utils`.
//
// Resolver handlers are synchronous, so "the invocation being evaluated right now" is a plain
// module-level slot: the executor sets it around each request/response call.

/** What `util.error(...)` raises: it aborts the handler and becomes a field error. */
export class ResolverError extends Error {
  constructor(
    message: string,
    readonly errorType?: string,
    readonly data?: unknown,
    readonly errorInfo?: unknown,
  ) {
    super(message);
    this.name = "ResolverError";
  }
}

/** What `util.unauthorized()` raises: the field becomes null with AppSync's Unauthorized error. */
export class UnauthorizedSignal extends Error {
  constructor() {
    super("Unauthorized");
    this.name = "UnauthorizedSignal";
  }
}

/**
 * What `runtime.earlyReturn(value, { skipTo })` raises: skip the data source (or the rest of the pipeline).
 * `skipTo` is undefined when no options were given: the default depends on where it was called.
 */
export class EarlyReturnSignal extends Error {
  constructor(
    readonly value: unknown,
    readonly skipTo?: "END" | "NEXT",
  ) {
    super("earlyReturn");
    this.name = "EarlyReturnSignal";
  }
}

export type AppendedError = { message: string; errorType?: string; data?: unknown; errorInfo?: unknown };

export type InvocationState = {
  /** Errors added with util.appendError: reported with the field, the value still resolves. */
  appendedErrors: AppendedError[];
  /** The caller's identity as ctx.identity holds it (null for API_KEY / no auth). */
  identity: unknown;
  /** How the request was authorized, for util.authType(). */
  authType: "API_KEY" | "AWS_IAM" | "AMAZON_COGNITO_USER_POOLS" | "OPENID_CONNECT" | "AWS_LAMBDA";
  /** Subscription filters / invalidation set through `extensions` (kept for subscriptions). */
  subscriptionFilters: unknown[];
  subscriptionInvalidationFilters: unknown[];
  invalidations: unknown[];
};

let current: InvocationState | null = null;

/** Runs `fn` (a synchronous resolver handler call) with `state` as the current invocation. */
export function withInvocation<T>(state: InvocationState, fn: () => T): T {
  const previous = current;
  current = state;
  try {
    return fn();
  } finally {
    current = previous;
  }
}

/** The invocation being evaluated; util functions that need it call this. */
export function currentInvocation(): InvocationState {
  if (!current) throw new Error("@aws-appsync/utils called outside a resolver invocation");
  return current;
}

export function newInvocationState(
  identity: unknown,
  authType: InvocationState["authType"],
): InvocationState {
  return {
    appendedErrors: [],
    identity,
    authType,
    subscriptionFilters: [],
    subscriptionInvalidationFilters: [],
    invalidations: [],
  };
}
