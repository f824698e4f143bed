// The restJson1 request bodies of the operations served, as the SDK clients' schemas define them
// (@aws-sdk/client-personalize-runtime and -events, dist-cjs), validated from untyped JSON with the
// API's documented limits. A violation is an InvalidInputException naming the field.
import { invalidInput } from "./errors.ts";

export type GetRecommendationsRequest = {
  campaignArn?: string;
  recommenderArn?: string;
  itemId?: string;
  userId?: string;
  numResults: number;
  context?: Record<string, string>;
  filterArn?: string;
  filterValues?: Record<string, string>;
};

export type GetPersonalizedRankingRequest = {
  campaignArn: string;
  inputList: string[];
  userId: string;
  context?: Record<string, string>;
  filterArn?: string;
  filterValues?: Record<string, string>;
};

export type PredictedItem = { itemId: string; score: number };
export type RecommendationsResponse = { itemList: PredictedItem[]; recommendationId: string };
export type PersonalizedRankingResponse = { personalizedRanking: PredictedItem[]; recommendationId: string };

export type TrackedEvent = { eventId?: string; eventType: string; eventValue?: number; itemId?: string; sentAt: number; properties?: string };
export type PutEventsRequest = { trackingId: string; sessionId: string; userId?: string; eventList: TrackedEvent[] };
export type PutItemsRequest = { datasetArn: string; items: Array<{ itemId: string; properties?: string }> };
export type PutUsersRequest = { datasetArn: string; users: Array<{ userId: string; properties?: string }> };

export const numResultsRange = { min: 1, max: 500, default: 25 } as const;
export const maxRankingInputs = 500;
const arnPattern = /^arn:([a-z\d-]+):personalize:.*:.*:.+$/;

export const isPersonalizeArn = (value: string) => value.length <= 256 && arnPattern.test(value);

type Json = Record<string, unknown>;

export function parseGetRecommendations(body: Json): GetRecommendationsRequest {
  const request: GetRecommendationsRequest = { numResults: numResultsRange.default };
  assign(request, "campaignArn", arn(body, "campaignArn"));
  assign(request, "recommenderArn", arn(body, "recommenderArn"));
  assign(request, "itemId", text(body, "itemId", 256));
  assign(request, "userId", text(body, "userId", 256));
  assign(request, "context", stringMap(body, "context", { entries: 150, keyLength: 150, valueLength: 1000 }));
  assign(request, "filterArn", arn(body, "filterArn"));
  assign(request, "filterValues", stringMap(body, "filterValues", { entries: 25, keyLength: 50, valueLength: 1000 }));
  const numResults = body.numResults;
  if (numResults !== undefined && numResults !== null) {
    if (typeof numResults !== "number" || !Number.isInteger(numResults) || numResults < numResultsRange.min || numResults > numResultsRange.max) {
      throw invalidInput(`numResults must be an integer from ${numResultsRange.min} to ${numResultsRange.max}, got ${JSON.stringify(numResults)}.`);
    }
    request.numResults = numResults;
  }
  if (body.promotions !== undefined || body.metadataColumns !== undefined) {
    throw invalidInput("promotions and metadataColumns are not supported by the local Personalize.");
  }
  return request;
}

export function parseGetPersonalizedRanking(body: Json): GetPersonalizedRankingRequest {
  const campaignArn = arn(body, "campaignArn");
  if (campaignArn === undefined) throw invalidInput("campaignArn is required.");
  const userId = text(body, "userId", 256);
  if (userId === undefined) throw invalidInput("userId is required.");
  const inputList = body.inputList;
  if (!Array.isArray(inputList) || inputList.length === 0) throw invalidInput("inputList is required: a list of 1 to 500 item IDs.");
  if (inputList.length > maxRankingInputs) throw invalidInput(`inputList has ${inputList.length} items; at most ${maxRankingInputs} are allowed.`);
  for (const itemId of inputList) {
    if (typeof itemId !== "string" || itemId.length === 0 || itemId.length > 256) throw invalidInput("inputList must hold item IDs of 1 to 256 characters.");
  }
  const request: GetPersonalizedRankingRequest = { campaignArn, userId, inputList: inputList as string[] };
  assign(request, "context", stringMap(body, "context", { entries: 150, keyLength: 150, valueLength: 1000 }));
  assign(request, "filterArn", arn(body, "filterArn"));
  assign(request, "filterValues", stringMap(body, "filterValues", { entries: 25, keyLength: 50, valueLength: 1000 }));
  if (body.metadataColumns !== undefined) throw invalidInput("metadataColumns is not supported by the local Personalize.");
  return request;
}

export function parsePutEvents(body: Json): PutEventsRequest {
  const trackingId = required(text(body, "trackingId", 256), "trackingId");
  const sessionId = required(text(body, "sessionId", 256), "sessionId");
  const list = body.eventList;
  if (!Array.isArray(list) || list.length < 1 || list.length > 10) throw invalidInput("eventList must hold 1 to 10 events.");
  const eventList = list.map((entry: unknown, index): TrackedEvent => {
    if (!isObject(entry)) throw invalidInput(`eventList[${index}] must be an object.`);
    const where = `eventList[${index}]`;
    const eventType = required(text(entry, "eventType", 256, where), `${where}.eventType`);
    const sentAt = entry.sentAt;
    if (typeof sentAt !== "number" || !Number.isFinite(sentAt)) throw invalidInput(`${where}.sentAt is required: a timestamp in epoch seconds.`);
    const event: TrackedEvent = { eventType, sentAt };
    assign(event, "eventId", text(entry, "eventId", 256, where));
    assign(event, "itemId", text(entry, "itemId", 256, where));
    assign(event, "properties", jsonText(entry, "properties", 1024, where));
    if (entry.eventValue !== undefined && entry.eventValue !== null) {
      if (typeof entry.eventValue !== "number" || !Number.isFinite(entry.eventValue)) throw invalidInput(`${where}.eventValue must be a number.`);
      event.eventValue = entry.eventValue;
    }
    return event;
  });
  const request: PutEventsRequest = { trackingId, sessionId, eventList };
  assign(request, "userId", text(body, "userId", 256));
  return request;
}

export function parsePutItems(body: Json): PutItemsRequest {
  const datasetArn = required(arn(body, "datasetArn"), "datasetArn");
  const items = records(body, "items", "itemId");
  return { datasetArn, items: items.map(({ id, properties }) => (properties === undefined ? { itemId: id } : { itemId: id, properties })) };
}

export function parsePutUsers(body: Json): PutUsersRequest {
  const datasetArn = required(arn(body, "datasetArn"), "datasetArn");
  const users = records(body, "users", "userId");
  return { datasetArn, users: users.map(({ id, properties }) => (properties === undefined ? { userId: id } : { userId: id, properties })) };
}

/** PutItems / PutUsers properties: a JSON object string with camelCase keys for the schema's SNAKE_CASE fields. */
export function propertiesToFields(properties: string | undefined): Record<string, string | number> {
  if (properties === undefined) return {};
  const parsed: unknown = JSON.parse(properties);
  if (!isObject(parsed)) throw invalidInput("properties must be a JSON object.");
  const fields: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(parsed)) {
    if (typeof value !== "string" && typeof value !== "number") throw invalidInput(`properties.${key} must be a string or a number.`);
    fields[key.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toUpperCase()] = value;
  }
  return fields;
}

function records(body: Json, field: "items" | "users", idField: "itemId" | "userId"): Array<{ id: string; properties?: string }> {
  const list = body[field];
  if (!Array.isArray(list) || list.length < 1 || list.length > 10) throw invalidInput(`${field} must hold 1 to 10 records.`);
  return list.map((entry: unknown, index) => {
    if (!isObject(entry)) throw invalidInput(`${field}[${index}] must be an object.`);
    const id = required(text(entry, idField, 256, `${field}[${index}]`), `${field}[${index}].${idField}`);
    const properties = jsonText(entry, "properties", 24262, `${field}[${index}]`);
    return properties === undefined ? { id } : { id, properties };
  });
}

function assign<T extends object, K extends keyof T>(target: T, key: K, value: T[K] | undefined): void {
  if (value !== undefined) target[key] = value;
}

function required<T>(value: T | undefined, name: string): T {
  if (value === undefined) throw invalidInput(`${name} is required.`);
  return value;
}

function text(body: Json, field: string, maxLength: number, where?: string): string | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  const name = where ? `${where}.${field}` : field;
  if (typeof value !== "string") throw invalidInput(`${name} must be a string.`);
  if (value.length === 0) throw invalidInput(`${name} must not be empty.`);
  if (value.length > maxLength) throw invalidInput(`${name} is longer than ${maxLength} characters.`);
  return value;
}

function arn(body: Json, field: string): string | undefined {
  const value = text(body, field, 256);
  if (value !== undefined && !arnPattern.test(value)) throw invalidInput(`${field} "${value}" is not a Personalize ARN (arn:aws:personalize:<region>:<account>:<resource>).`);
  return value;
}

function jsonText(body: Json, field: string, maxLength: number, where: string): string | undefined {
  const value = text(body, field, maxLength, where);
  if (value === undefined) return undefined;
  try {
    JSON.parse(value);
  } catch {
    throw invalidInput(`${where}.${field} must be a JSON string.`);
  }
  return value;
}

function stringMap(body: Json, field: string, limits: { entries: number; keyLength: number; valueLength: number }): Record<string, string> | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (!isObject(value)) throw invalidInput(`${field} must be a map of strings.`);
  const entries = Object.entries(value);
  if (entries.length > limits.entries) throw invalidInput(`${field} has ${entries.length} entries; at most ${limits.entries} are allowed.`);
  const map: Record<string, string> = {};
  for (const [key, entry] of entries) {
    if (typeof entry !== "string") throw invalidInput(`${field}.${key} must be a string.`);
    if (key.length > limits.keyLength || entry.length > limits.valueLength) throw invalidInput(`${field}.${key} exceeds the key or value length limit.`);
    map[key] = entry;
  }
  return map;
}

export function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
