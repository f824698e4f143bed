// What the executor needs from a data source. The DynamoDB, Lambda, HTTP and NONE data sources implement it.

export type DataSourceOutcome =
  | { ok: true; result: unknown }
  | { ok: false; error: { message: string; type: string }; result?: unknown };

/** Per GraphQL request: lets data sources batch sibling calls (Lambda BatchInvoke). */
export type RequestScope = {
  batches: Map<string, unknown>;
  /** AppSync's id of the GraphQL request, sent as its x-amzn-RequestId header (data sources report by it). */
  requestId: string;
};

export type DataSourceCall = {
  /** What the request handler returned (or, for a direct Lambda resolver, the whole context). */
  request: unknown;
  /** The resolver or function this call comes from: sibling calls of the same one may be batched. */
  callerId: string;
  /** Direct Lambda resolvers: there is no request handler, AppSync builds the event itself. */
  direct?: boolean;
  /** Lambda only: the resolver's or function's maxBatchSize (BatchInvoke). */
  maxBatchSize?: number;
  scope: RequestScope;
};

export type DataSource = {
  readonly type: "dynamodb" | "lambda" | "http" | "none";
  invoke(call: DataSourceCall): Promise<DataSourceOutcome>;
};

/** NONE: the request's `payload` (AppSync docs: "the payload is forwarded to the response") becomes ctx.result. */
export function createNoneDataSource(): DataSource {
  return {
    type: "none",
    async invoke({ request }) {
      const payload = request && typeof request === "object" && "payload" in request ? (request as { payload: unknown }).payload : null;
      return { ok: true, result: payload ?? null };
    },
  };
}
