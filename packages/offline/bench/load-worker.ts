// The load generator's worker thread: it has its own event loop, so the clients' work does not queue
// behind the server's on the main thread (on 2 cores they still share the machine with DynamoDB Local).
import { DynamoDBClient, GetItemCommand, QueryCommand, TransactWriteItemsCommand } from "@aws-sdk/client-dynamodb";
import { Agent, request } from "node:http";
import { parentPort } from "node:worker_threads";
import type { Assignment, DirectPlan, DirectRequest, DynamoDBTarget, GraphQLTarget, LoadJob, LoadReply, LoadResult, LoadShape } from "./load-types.ts";
import { entrySelector, eventClock, runPlan, stampEventTime } from "./plans.ts";
import { sdkLogger } from "@marquee/core/util/sdk-logger";

/** Sends the entry at `index` of the target's list. */
type Send = (index: number) => Promise<void>;

/** One clock for every job of this worker: both sides of a comparison write the same items. */
const nextEventMillis = eventClock();

if (!parentPort) throw new Error("load-worker.ts runs as a worker thread (see load.ts).");
const port = parentPort;

port.on("message", (job: LoadJob) => {
  run(job).then(
    (result) => port.postMessage({ id: job.id, result } satisfies LoadReply, [result.latenciesMs.buffer as ArrayBuffer]),
    (error: unknown) => port.postMessage({ id: job.id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) } satisfies LoadReply),
  );
});

async function run(job: LoadJob): Promise<LoadResult> {
  if (job.target.kind === "graphql") {
    const agent = new Agent({ keepAlive: true, maxSockets: job.shape.concurrency });
    try {
      return await drive(graphqlSender(job.target, agent), job.target.bodies.length, job.target.assignment ?? "shared", job.shape);
    } finally {
      agent.destroy();
    }
  }
  const client = new DynamoDBClient({
    endpoint: job.target.endpoint,
    region: job.target.region,
    credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" },
    // The baseline as fast as the SDK can be: no redacted log copies of each response (as the runtime).
    logger: sdkLogger,
  });
  try {
    return await drive(dynamodbSender(job.target, client), job.target.operations.length, job.target.assignment ?? "shared", job.shape);
  } finally {
    client.destroy();
  }
}

/** Closed loop: each client sends its next request when the previous one is answered. */
async function drive(send: Send, entries: number, assignment: Assignment, shape: LoadShape): Promise<LoadResult> {
  const latencies: number[] = [];
  let failed = 0;
  let firstFailure: string | null = null;
  let sentByAll = 0;
  const entryOf = entrySelector(assignment, entries, shape.concurrency);
  const windowStart = performance.now() + shape.warmupSeconds * 1000;
  const windowEnd = windowStart + shape.seconds * 1000;
  const client = async (_: unknown, clientNumber: number) => {
    let sentByClient = 0;
    for (let started = performance.now(); started < windowEnd; started = performance.now()) {
      let failure: string | null = null;
      try {
        await send(entryOf(clientNumber, sentByClient++, sentByAll++));
      } catch (error) {
        failure = error instanceof Error ? error.message : String(error);
      }
      const ended = performance.now();
      if (ended < windowStart || ended > windowEnd) continue;
      if (failure === null) latencies.push(ended - started);
      else {
        failed += 1;
        firstFailure ??= failure;
      }
    }
  };
  await Promise.all(Array.from({ length: shape.concurrency }, client));
  return { latenciesMs: Float64Array.from(latencies), failed, firstFailure, seconds: shape.seconds };
}

function graphqlSender(target: GraphQLTarget, agent: Agent): Send {
  const url = new URL(target.url);
  const bodies = target.bodies.map((body) => Buffer.from(body));
  const { eventTime } = target;
  return (index) => {
    const body = eventTime ? Buffer.from(stampEventTime(target.bodies[index]!, eventTime, nextEventMillis())) : bodies[index]!;
    return new Promise<void>((resolve, reject) => {
      const outgoing = request(
        {
          agent,
          host: url.hostname,
          port: url.port,
          path: url.pathname,
          method: "POST",
          headers: { "content-type": "application/json", "content-length": body.length, authorization: target.authorization },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on("data", (chunk: Buffer) => chunks.push(chunk));
          response.on("error", reject);
          response.on("end", () => {
            const text = Buffer.concat(chunks).toString("utf8");
            // A real client reads the answer: parse it, and count GraphQL errors as failures.
            const parsed = parseJson(text);
            if (response.statusCode !== 200 || !parsed || parsed.errors !== undefined || !parsed.data) {
              reject(new Error(`HTTP ${response.statusCode}: ${text.slice(0, 300)}`));
            } else resolve();
          });
        },
      );
      outgoing.on("error", reject);
      outgoing.end(body);
    });
  };
}

function parseJson(text: string): { data?: unknown; errors?: unknown } | null {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === "object" ? (value as { data?: unknown; errors?: unknown }) : null;
  } catch {
    return null;
  }
}

function dynamodbSender(target: DynamoDBTarget, client: DynamoDBClient): Send {
  const { eventTime } = target;
  const templates = target.operations.map((plan) => JSON.stringify(plan));
  const send = (direct: DirectRequest) => sendDirect(client, direct);
  return (index) => {
    // Stamping parses the plan again for each operation: the GraphQL side stamps its body alike.
    const plan: DirectPlan = eventTime ? (JSON.parse(stampEventTime(templates[index]!, eventTime, nextEventMillis())) as DirectPlan) : target.operations[index]!;
    return runPlan(plan, send);
  };
}

/** One request; an answer that lacks what the resolver would read is a failure. */
async function sendDirect(client: DynamoDBClient, direct: DirectRequest): Promise<void> {
  if (direct.operation === "GetItem") {
    const output = await client.send(new GetItemCommand(direct.input));
    if (!output.Item) throw new Error(`GetItem found no item for ${JSON.stringify(direct.input.Key)}`);
  } else if (direct.operation === "Query") {
    const output = await client.send(new QueryCommand(direct.input));
    if (!output.Items) throw new Error("Query answered without Items");
  } else {
    // A cancelled transaction rejects with its reasons.
    await client.send(new TransactWriteItemsCommand(direct.input));
  }
}
