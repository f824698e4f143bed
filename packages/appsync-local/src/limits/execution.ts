// The limits AppSync applies while a request runs: query depth and resolver count (field errors, the
// field null) and the 30-second timeout (the whole answer).
import type { ASTNode, GraphQLError, GraphQLResolveInfo } from "graphql";
import { fieldError, type AppSyncResponseBody } from "../errors.ts";

/**
 * AppSync's error for resolvers past resolverCountLimit (aws-amplify/amplify-cli#6128,
 * aws-amplify/amplify-js#8342: errorType ResolverExecutionLimitReached, "Resolver invocation limit reached.").
 */
export function resolverLimitReached(nodes: ReadonlyArray<ASTNode>): GraphQLError {
  return fieldError("Resolver invocation limit reached.", { errorType: "ResolverExecutionLimitReached" }, nodes);
}

/**
 * A field deeper than queryDepthLimit. AppSync's docs say such a field "will produce a limit error" and
 * that the null moves up to the nearest nullable field; its errorType and wording are unverified.
 */
export function depthLimitReached(limit: number, nodes: ReadonlyArray<ASTNode>): GraphQLError {
  return fieldError(`Query depth limit of ${limit} reached.`, { errorType: "QueryDepthLimitReached" }, nodes);
}

/** Fields on the path to this one, itself included (list indexes are not levels). */
export function fieldDepth(info: GraphQLResolveInfo): number {
  let depth = 0;
  for (let segment: GraphQLResolveInfo["path"] | undefined = info.path; segment; segment = segment.prev) {
    if (typeof segment.key === "string") depth += 1;
  }
  return depth;
}

/**
 * What AppSync answers a request still running after 30 s: errorType ExecutionTimeout, "Execution timed
 * out." (aws-mobile-appsync-sdk-android#280, aws-appsync-community#43), with no data. Whether AppSync keeps
 * the fields that had finished is unverified; none are kept here.
 */
export function executionTimedOut(): AppSyncResponseBody {
  return {
    data: null,
    errors: [{ path: null, data: null, errorType: "ExecutionTimeout", errorInfo: null, locations: null, message: "Execution timed out." }],
  };
}

/** Resolves with the work's value, or with `timedOut` once `ms` have passed (then calls `onTimeout`). */
export async function withDeadline<T>(work: Promise<T>, ms: number, onTimeout: () => void): Promise<T | typeof timedOut> {
  let timer: NodeJS.Timeout | undefined;
  // Once the deadline has answered, a late failure of the work is nobody's to handle.
  work.catch(() => {});
  const deadline = new Promise<typeof timedOut>((resolve) => {
    timer = setTimeout(() => {
      onTimeout();
      resolve(timedOut);
    }, ms);
  });
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

export const timedOut: unique symbol = Symbol("timed out");
