// What the load generator is asked to do and what it answers: plain data, so it crosses to the worker thread.
import type { GetItemCommandInput, QueryCommandInput, TransactWriteItemsCommandInput } from "@aws-sdk/client-dynamodb";

/**
 * Which request a client sends next. "shared": all clients take the list in turn. "byClient": client c
 * sends only the entries at indices c, c + n, c + 2n ... (n clients), so no two clients ever write the
 * same item at once (the list's length must be a multiple of n).
 */
export type Assignment = "shared" | "byClient";

/**
 * Requests that carry an event time which must grow with every request (recordProgress's `eventAt`: an
 * event not newer than the stored one is refused). The template was captured with the time
 * `templateMillis`; before each request the worker replaces that time, wherever it appears, with a
 * fresh one from a clock that only moves forward: as ISO 8601 text, and as the epoch-seconds numbers
 * derived from it (each `epochSecondsOffsets` entry k: a DynamoDB number equal to the time in seconds + k).
 */
export type EventTimeTemplate = { templateMillis: number; epochSecondsOffsets: number[] };

/** POST GraphQL bodies (taken in turn) with one Authorization header; a response with `errors` is a failure. */
export type GraphQLTarget = {
  kind: "graphql";
  url: string;
  authorization: string;
  bodies: string[];
  assignment?: Assignment;
  eventTime?: EventTimeTemplate;
};

/** One DynamoDB request as the SDK takes it. */
export type DirectRequest =
  | { operation: "GetItem"; input: GetItemCommandInput }
  | { operation: "Query"; input: QueryCommandInput }
  | { operation: "TransactWriteItems"; input: TransactWriteItems };

/** TransactWriteItems' input without the SDK's optional extras (it crosses threads as plain data). */
export type TransactWriteItems = Pick<TransactWriteItemsCommandInput, "TransactItems">;

/**
 * The DynamoDB requests of one GraphQL operation, in the order the runtime sends them: a pipeline's
 * functions one after another, sibling fields at the same time (AppSync resolves a query's fields in parallel).
 */
export type DirectPlan = { request: DirectRequest } | { sequence: DirectPlan[] } | { parallel: DirectPlan[] };

/** The same requests a resolver sends, issued straight through the SDK (one plan per operation, taken in turn). */
export type DynamoDBTarget = {
  kind: "dynamodb";
  endpoint: string;
  region: string;
  operations: DirectPlan[];
  assignment?: Assignment;
  eventTime?: EventTimeTemplate;
};

export type LoadTarget = GraphQLTarget | DynamoDBTarget;

export type LoadShape = {
  /** Clients, each with at most one request in flight. */
  concurrency: number;
  /** Measured window; requests that complete before it only warm up connections and caches. */
  seconds: number;
  warmupSeconds: number;
};

export type LoadJob = { id: number; target: LoadTarget; shape: LoadShape };

export type LoadResult = {
  /** Latency of each request completed inside the window, in milliseconds. */
  latenciesMs: Float64Array;
  failed: number;
  firstFailure: string | null;
  seconds: number;
};

export type LoadReply = { id: number; result: LoadResult } | { id: number; error: string };
