// DynamoDB attribute values in and out of the data source.
//
// In: AppSync's "Type system (request mapping)". Typed values look like the DynamoDB API's, except
// that a number may be a JSON number (`{ "N": 25 }`, what `util.dynamodb.toDynamoDB` produces) and a
// binary is a base64 string. They become the SDK's AttributeValue.
//
// Out: AppSync's "Type system (response mapping)". S -> string, N -> number, SS/NS -> lists of
// strings/numbers, B -> base64 string, BS -> list of base64 strings, BOOL -> boolean, NULL -> null,
// L -> list, M -> object.
import type { AttributeValue } from "@aws-sdk/client-dynamodb";
import { MappingTemplateError, describeJsonType } from "./dynamodb-errors.ts";

export type Item = Record<string, AttributeValue>;

const typeTags = ["S", "N", "B", "SS", "NS", "BS", "M", "L", "NULL", "BOOL"] as const;

function invalid(path: string, expected: string, value: unknown): MappingTemplateError {
  return new MappingTemplateError(`Expected ${expected} for attribute value '${path}' but got '${describeJsonType(value)}' instead.`);
}

function toNumberText(value: unknown, path: string): string {
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  if (typeof value === "string" && value.trim() !== "" && Number.isFinite(Number(value))) return value;
  throw invalid(path, "a number", value);
}

function toBinary(value: unknown, path: string): Uint8Array {
  if (typeof value !== "string") throw invalid(path, "a base64 STRING", value);
  return new Uint8Array(Buffer.from(value, "base64"));
}

function toList<T>(value: unknown, path: string, convert: (entry: unknown, path: string) => T): T[] {
  if (!Array.isArray(value)) throw invalid(path, "ARRAY", value);
  return value.map((entry, index) => convert(entry, `${path}[${index}]`));
}

function toText(value: unknown, path: string): string {
  if (typeof value !== "string") throw invalid(path, "STRING", value);
  return value;
}

/** One typed value from a request, e.g. `{ "S": "x" }`, to the SDK's AttributeValue. */
export function toAttributeValue(value: unknown, path: string): AttributeValue {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new MappingTemplateError(
      `Expected JSON object for attribute value '${path}' but got '${describeJsonType(value)}' instead (a typed value such as { "S": "text" }).`,
    );
  }
  const tags = Object.keys(value);
  const tag = tags[0];
  if (tags.length !== 1 || !(typeTags as readonly string[]).includes(tag)) {
    throw new MappingTemplateError(
      `Attribute value '${path}' must have exactly one type key out of ${typeTags.join(", ")}; it has ${tags.length === 0 ? "none" : tags.join(", ")}.`,
    );
  }
  const inner = (value as Record<string, unknown>)[tag];
  const at = `${path}[${tag}]`;
  switch (tag) {
    case "S":
      return { S: toText(inner, at) };
    case "N":
      return { N: toNumberText(inner, at) };
    case "B":
      return { B: toBinary(inner, at) };
    case "SS":
      return { SS: toList(inner, at, toText) };
    case "NS":
      return { NS: toList(inner, at, toNumberText) };
    case "BS":
      return { BS: toList(inner, at, toBinary) };
    case "M":
      return { M: toItem(inner, at) };
    case "L":
      return { L: toList(inner, at, toAttributeValue) };
    case "NULL":
      if (inner !== true) throw invalid(at, "true", inner);
      return { NULL: true };
    default:
      if (typeof inner !== "boolean") throw invalid(at, "BOOLEAN", inner);
      return { BOOL: inner };
  }
}

/** A map of typed values (a key, attributeValues, expressionValues) to SDK attribute values. */
export function toItem(value: unknown, path: string): Item {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new MappingTemplateError(`Expected JSON object for field '${path}' but got '${describeJsonType(value)}' instead.`);
  }
  const item: Item = {};
  for (const [name, attribute] of Object.entries(value)) item[name] = toAttributeValue(attribute, `${path}[${name}]`);
  return item;
}

const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString("base64");

/** An SDK attribute value to the plain JSON AppSync hands the response handler. */
export function fromAttributeValue(value: AttributeValue): unknown {
  if (value.S !== undefined) return value.S;
  if (value.N !== undefined) return Number(value.N);
  if (value.B !== undefined) return base64(value.B);
  if (value.SS !== undefined) return [...value.SS];
  if (value.NS !== undefined) return value.NS.map(Number);
  if (value.BS !== undefined) return value.BS.map(base64);
  if (value.M !== undefined) return fromItem(value.M);
  if (value.L !== undefined) return value.L.map(fromAttributeValue);
  if (value.NULL !== undefined) return null;
  if (value.BOOL !== undefined) return value.BOOL;
  throw new Error(`DynamoDB returned an attribute value of an unknown type: ${JSON.stringify(value)}`);
}

export function fromItem(item: Item): Record<string, unknown> {
  const plain: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(item)) plain[name] = fromAttributeValue(value);
  return plain;
}

/** The typed JSON form of an item (binaries as base64), which `toItem` reads back: for sealing in tokens. */
export function toTypedJson(item: Item): Record<string, unknown> {
  const typed = (value: AttributeValue): unknown => {
    if (value.B !== undefined) return { B: base64(value.B) };
    if (value.BS !== undefined) return { BS: value.BS.map(base64) };
    if (value.M !== undefined) return { M: toTypedJson(value.M) };
    if (value.L !== undefined) return { L: value.L.map(typed) };
    return value;
  };
  const json: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(item)) json[name] = typed(value);
  return json;
}

/** DynamoDB stores numbers normalised ("1.50" reads back as "1.5"): compare them as numbers. */
function canonicalNumber(text: string): string {
  const match = /^([+-]?)0*(\d*?)(?:\.(\d*?)0*)?$/.exec(text.trim());
  if (!match) return String(Number(text));
  const [, sign, whole, fraction] = match;
  const digits = `${whole || "0"}${fraction ? `.${fraction}` : ""}`;
  return digits === "0" ? "0" : `${sign === "-" ? "-" : ""}${digits}`;
}

const sameBytes = (a: Uint8Array, b: Uint8Array) => Buffer.from(a).equals(Buffer.from(b));

function sameSet(a: string[], b: string[]): boolean {
  const left = [...a].sort();
  const right = [...b].sort();
  return left.length === right.length && left.every((entry, index) => entry === right[index]);
}

export function sameAttributeValue(a: AttributeValue, b: AttributeValue): boolean {
  if (a.S !== undefined || b.S !== undefined) return a.S === b.S;
  if (a.N !== undefined || b.N !== undefined) return a.N !== undefined && b.N !== undefined && canonicalNumber(a.N) === canonicalNumber(b.N);
  if (a.B !== undefined || b.B !== undefined) return a.B !== undefined && b.B !== undefined && sameBytes(a.B, b.B);
  if (a.SS !== undefined || b.SS !== undefined) return a.SS !== undefined && b.SS !== undefined && sameSet(a.SS, b.SS);
  if (a.NS !== undefined || b.NS !== undefined) return a.NS !== undefined && b.NS !== undefined && sameSet(a.NS.map(canonicalNumber), b.NS.map(canonicalNumber));
  if (a.BS !== undefined || b.BS !== undefined) return a.BS !== undefined && b.BS !== undefined && sameSet(a.BS.map(base64), b.BS.map(base64));
  if (a.M !== undefined || b.M !== undefined) return a.M !== undefined && b.M !== undefined && sameItem(a.M, b.M);
  if (a.L !== undefined || b.L !== undefined) {
    return a.L !== undefined && b.L !== undefined && a.L.length === b.L.length && a.L.every((entry, index) => sameAttributeValue(entry, b.L![index]));
  }
  if (a.NULL !== undefined || b.NULL !== undefined) return a.NULL === b.NULL;
  return a.BOOL === b.BOOL;
}

/** Item equality as AppSync's PutItem condition-failure check does it, skipping `ignore`d attributes. */
export function sameItem(a: Item, b: Item, ignore: readonly string[] = []): boolean {
  const names = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const name of names) {
    if (ignore.includes(name)) continue;
    const left = a[name];
    const right = b[name];
    if (left === undefined || right === undefined || !sameAttributeValue(left, right)) return false;
  }
  return true;
}

/** A string naming the item's values for `attributes`, to find an item again among unordered results. */
export function keySignature(item: Item, attributes: readonly string[]): string {
  return JSON.stringify(
    [...attributes].sort().map((name) => {
      const value = item[name];
      if (value?.S !== undefined) return [name, "S", value.S];
      if (value?.N !== undefined) return [name, "N", canonicalNumber(value.N)];
      if (value?.B !== undefined) return [name, "B", base64(value.B)];
      return [name, "?", JSON.stringify(value ?? null)];
    }),
  );
}
