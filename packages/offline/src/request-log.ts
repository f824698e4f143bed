// What each GraphQL request did: its DynamoDB requests, by the resolver or pipeline function that made
// them, and its Lambda invocations with their awsRequestIds (the id the function's log lines carry as
// function_request_id / correlation_id): what a deployed API's X-Ray trace shows. Served at
// GET /local/requests/<x-amzn-RequestId> (the header of every GraphQL response), so a test can count what
// a query really costs and a developer can follow one request from the runtime into the handlers' logs.
import type { IncomingMessage, ServerResponse } from "node:http";

/** `byResolver`: "Home.myList" or "function:requireProfile" -> DynamoDB API -> requests. */
export type DynamoDBRequestRecord = { total: number; byResolver: Record<string, Record<string, number>> };
/** One Lambda invocation made for the request: its function (data source), resolver, events and id. */
export type LambdaInvocationRecord = { dataSource: string; callerId: string; events: number; awsRequestId: string };
export type RequestRecord = { dynamodb: DynamoDBRequestRecord; lambda: LambdaInvocationRecord[] };

export type RequestLog = ReturnType<typeof createRequestLog>;

const keptRequests = 1000;
const routePrefix = "/local/requests/";

export function createRequestLog() {
  const records = new Map<string, RequestRecord>();
  const recordOf = (requestId: string) => {
    let record = records.get(requestId);
    if (!record) {
      if (records.size >= keptRequests) records.delete(records.keys().next().value!);
      record = { dynamodb: { total: 0, byResolver: {} }, lambda: [] };
      records.set(requestId, record);
    }
    return record;
  };
  return {
    /** The runtime's onDynamoDBRequest hook. */
    record(operation: string, origin: { requestId?: string; callerId: string }) {
      if (!origin.requestId) return;
      const { dynamodb } = recordOf(origin.requestId);
      dynamodb.total += 1;
      const operations = (dynamodb.byResolver[origin.callerId] ??= {});
      operations[operation] = (operations[operation] ?? 0) + 1;
    },
    /** The runtime's onLambdaInvoke hook. */
    recordInvocation(dataSource: string, events: number, origin: { requestId?: string; callerId: string; awsRequestId: string }) {
      if (!origin.requestId) return;
      recordOf(origin.requestId).lambda.push({ dataSource, callerId: origin.callerId, events, awsRequestId: origin.awsRequestId });
    },
    /** Answers GET /local/requests/<id> (404 when that request reached no data source); false for other routes. */
    serve(request: IncomingMessage, response: ServerResponse): boolean {
      const path = (request.url ?? "/").split("?")[0]!;
      if (request.method !== "GET" || !path.startsWith(routePrefix)) return false;
      const record = records.get(decodeURIComponent(path.slice(routePrefix.length)));
      response.writeHead(record ? 200 : 404, { "content-type": "application/json" });
      response.end(JSON.stringify(record ?? { message: "No DynamoDB request or Lambda invocation was recorded for this request id." }));
      return true;
    },
  };
}
