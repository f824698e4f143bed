// Personalize Runtime and Personalize Events over HTTP on loopback, in the restJson1 protocol the SDK clients
// speak: POST /recommendations, /personalize-ranking, /events, /items, /users with JSON bodies; errors as
// `x-amzn-errortype` plus `{"__type", "message"}`. One endpoint serves both clients: point
// AWS_ENDPOINT_URL_PERSONALIZE_RUNTIME and AWS_ENDPOINT_URL_PERSONALIZE_EVENTS (or `endpoint`) at it.
// Signatures are not checked.
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Interaction, ItemRecord } from "./data/datasets.ts";
import { PersonalizeError } from "./errors.ts";
import {
  isObject,
  parseGetPersonalizedRanking,
  parseGetRecommendations,
  parsePutEvents,
  parsePutItems,
  parsePutUsers,
} from "./requests.ts";
import { LocalPersonalize, type LocalPersonalizeConfig, type ModelStatus } from "./service.ts";

const maxBodyBytes = 1024 * 1024;

type Route = (personalize: LocalPersonalize, body: Record<string, unknown>) => unknown;

const routes: Record<string, Route> = {
  "/recommendations": (personalize, body) => personalize.getRecommendations(parseGetRecommendations(body)),
  "/personalize-ranking": (personalize, body) => personalize.getPersonalizedRanking(parseGetPersonalizedRanking(body)),
  "/events": (personalize, body) => personalize.putEvents(parsePutEvents(body)),
  "/items": (personalize, body) => personalize.putItems(parsePutItems(body)),
  "/users": (personalize, body) => personalize.putUsers(parsePutUsers(body)),
};

export function createPersonalizeServer(personalize: LocalPersonalize, onError: (error: unknown) => void = () => {}): Server {
  return createServer((request, response) => {
    handle(personalize, request, response).catch((error: unknown) => {
      onError(error);
      if (!response.headersSent) sendError(response, 500, "InternalFailure", "The local Personalize failed to answer; see its log.");
      else response.end();
    });
  });
}

async function handle(personalize: LocalPersonalize, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const path = new URL(request.url ?? "/", "http://localhost").pathname;
  const route = routes[path];
  if (!route || request.method !== "POST") {
    request.resume();
    sendError(response, 404, "UnknownOperationException", `No operation at ${request.method} ${path}.`);
    return;
  }
  const body = await readJson(request);
  if (body === null) {
    sendError(response, 400, "SerializationException", "The request body is not a JSON object.");
    return;
  }
  try {
    const result = route(personalize, body);
    const text = result === undefined ? "{}" : JSON.stringify(result);
    response.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(text), "x-amzn-requestid": randomUUID() });
    response.end(text);
  } catch (error) {
    if (!(error instanceof PersonalizeError)) throw error;
    sendError(response, error.status, error.type, error.message);
  }
}

/** The parsed body, `{}` for an empty one, or null when it is not a JSON object (or too large). */
async function readJson(request: IncomingMessage): Promise<Record<string, unknown> | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > maxBodyBytes) return null;
    chunks.push(chunk as Buffer);
  }
  if (size === 0) return {};
  try {
    const parsed: unknown = JSON.parse(Buffer.concat(chunks).toString("utf8"));
    return isObject(parsed) ? parsed : null;
  } catch {
    return null;
  }
}

function sendError(response: ServerResponse, status: number, type: string, message: string): void {
  const text = JSON.stringify({ __type: type, message });
  response.writeHead(status, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(text),
    "x-amzn-errortype": type,
    "x-amzn-requestid": randomUUID(),
  });
  response.end(text);
}

/**
 * The log line of a request that failed. A client that hangs up first is expected (Marquee's recommender
 * gives up after its deadline, sooner while the machine is busy): one line. Anything else is a fault here,
 * logged with its stack.
 */
function requestFailure(error: unknown): string {
  if ((error as NodeJS.ErrnoException | undefined)?.code === "ECONNRESET") return "personalize: a client hung up before its answer (past its deadline?)";
  return `personalize: request failed: ${error instanceof Error ? error.stack : String(error)}`;
}

export type StartLocalPersonalizeOptions = LocalPersonalizeConfig & {
  /** 0 (the default) picks a free port. */
  port?: number;
  host?: string;
  /** Serve this instance instead of creating one from the config. */
  personalize?: LocalPersonalize;
  /** Bulk data imported before the first training, as dataset import jobs would. */
  interactions?: Iterable<Interaction>;
  interactionsCsv?: string;
  items?: Iterable<ItemRecord>;
  itemsCsv?: string;
};

export type RunningLocalPersonalize = {
  endpoint: string;
  port: number;
  personalize: LocalPersonalize;
  /** The first model, trained before the endpoint answered (version 0 when there was no data). */
  model: ModelStatus;
  stop(): Promise<void>;
};

/** Imports the bulk data, trains the first model (as a campaign is ACTIVE only once trained), then listens. */
export async function startLocalPersonalize(options: StartLocalPersonalizeOptions = {}): Promise<RunningLocalPersonalize> {
  const personalize = options.personalize ?? new LocalPersonalize(options);
  let imported = 0;
  if (options.interactionsCsv) imported += await personalize.importInteractionsCsv(options.interactionsCsv);
  if (options.interactions) imported += personalize.importInteractions(options.interactions);
  if (options.itemsCsv) await personalize.importItemsCsv(options.itemsCsv);
  if (options.items) personalize.importItems(options.items);
  const model = imported > 0 ? await personalize.retrain() : personalize.status();

  const server = createPersonalizeServer(personalize, (error) => options.log?.(requestFailure(error)));
  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://${host}:${port}`,
    port,
    personalize,
    model,
    async stop() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      if (!options.personalize) await personalize.close();
    },
  };
}
