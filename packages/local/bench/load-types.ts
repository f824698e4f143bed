// What the load generator is asked to do and what it answers: plain data, so it crosses to the worker thread.
import type { GetItemCommandInput, QueryCommandInput } from "@aws-sdk/client-dynamodb";

/** POST GraphQL bodies (taken in turn) with one Authorization header; a response with `errors` is a failure. */
export type GraphQLTarget = { kind: "graphql"; url: string; authorization: string; bodies: string[] };

/** One DynamoDB request as the SDK takes it. */
export type DirectRequest = { operation: "GetItem"; input: GetItemCommandInput } | { operation: "Query"; input: QueryCommandInput };

/** The same requests a resolver sends, issued straight through the SDK (taken in turn). */
export type DynamoDBTarget = { kind: "dynamodb"; endpoint: string; region: string; requests: DirectRequest[] };

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
