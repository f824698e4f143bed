// The DynamoDB requests each GraphQL request made, by the resolver or pipeline function that made them:
// what a deployed API's X-Ray trace shows. Served at GET /local/requests/<x-amzn-RequestId> (the header
// of every GraphQL response), so a test can count what a query really costs.
import type { IncomingMessage, ServerResponse } from "node:http";

/** `byResolver`: "Home.myList" or "function:requireProfile" -> DynamoDB API -> requests. */
export type DynamoDBRequestRecord = { total: number; byResolver: Record<string, Record<string, number>> };

export type RequestLog = ReturnType<typeof createRequestLog>;

const keptRequests = 1000;
const routePrefix = "/local/requests/";

export function createRequestLog() {
  const records = new Map<string, DynamoDBRequestRecord>();
  return {
    /** The runtime's onDynamoDBRequest hook. */
    record(operation: string, origin: { requestId?: string; callerId: string }) {
      if (!origin.requestId) return;
      let record = records.get(origin.requestId);
      if (!record) {
        if (records.size >= keptRequests) records.delete(records.keys().next().value!);
        record = { total: 0, byResolver: {} };
        records.set(origin.requestId, record);
      }
      record.total += 1;
      const operations = (record.byResolver[origin.callerId] ??= {});
      operations[operation] = (operations[operation] ?? 0) + 1;
    },
    /** Answers GET /local/requests/<id> (404 when that request made no DynamoDB request); false for other routes. */
    serve(request: IncomingMessage, response: ServerResponse): boolean {
      const path = (request.url ?? "/").split("?")[0]!;
      if (request.method !== "GET" || !path.startsWith(routePrefix)) return false;
      const record = records.get(decodeURIComponent(path.slice(routePrefix.length)));
      response.writeHead(record ? 200 : 404, { "content-type": "application/json" });
      response.end(JSON.stringify(record ? { dynamodb: record } : { message: "No DynamoDB request was recorded for this request id." }));
      return true;
    },
  };
}
