// `util.dynamodb`: plain JavaScript values to the typed `{ "S": ... }` values DynamoDB requests carry.
//
// Numbers stay JSON numbers (`{ "N": 12345 }`), as AppSync's EvaluateCode recordings show, even though
// the package's types declare `N: string`. Lists become `L` (never sets) and objects `M`.
import type { Util } from "@aws-appsync/utils";

export type AttributeValue =
  | { S: string }
  | { N: number | string }
  | { B: string }
  | { BOOL: boolean }
  | { NULL: null }
  | { SS: string[] }
  | { NS: (number | string)[] }
  | { BS: string[] }
  | { L: AttributeValue[] }
  | { M: AttributeMap };

export type AttributeMap = { [name: string]: AttributeValue };

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** Any JSON-like value as a DynamoDB attribute value; `null` and `undefined` become `{ NULL: null }`. */
export function toAttributeValue(value: unknown): AttributeValue {
  if (value === null || value === undefined) return { NULL: null };
  switch (typeof value) {
    case "string":
      return { S: value };
    case "number":
      return { N: value };
    case "boolean":
      return { BOOL: value };
    case "object":
      return Array.isArray(value) ? { L: value.map(toAttributeValue) } : { M: toAttributeMap(value as Record<string, unknown>) };
    default:
      throw new TypeError(`util.dynamodb cannot convert a ${typeof value} to a DynamoDB value`);
  }
}

/** Every property as an attribute value; properties holding `undefined` are left out, as JSON would. */
export function toAttributeMap(object: Record<string, unknown>): AttributeMap {
  const map: AttributeMap = {};
  for (const [name, value] of Object.entries(object)) {
    if (value !== undefined) map[name] = toAttributeValue(value);
  }
  return map;
}

function orNull<T, R>(value: T | null | undefined, convert: (present: T) => R): R | null {
  return value === null || value === undefined ? null : convert(value);
}

/** The `{ "s3": { key, bucket, region[, version] } }` JSON AppSync stores for an S3 object link. */
export function s3ObjectJson(key: string, bucket: string, region: string, version?: string): string {
  const s3: Record<string, string> = { key, bucket, region };
  if (version !== undefined) s3.version = version;
  return JSON.stringify({ s3 });
}

export function parseS3ObjectJson(json: unknown): { key: string; bucket: string; region: string; version?: string } | null {
  if (typeof json !== "string") return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return null;
  }
  const s3 = isPlainObject(parsed) ? parsed.s3 : undefined;
  if (!isPlainObject(s3)) return null;
  const link: { key: string; bucket: string; region: string; version?: string } = {
    key: String(s3.key),
    bucket: String(s3.bucket),
    region: String(s3.region),
  };
  if (s3.version !== undefined) link.version = String(s3.version);
  return link;
}

// The package types promise string numbers and conditional result types; the values are the
// recorded ones, so each conditional signature is met with a cast at this one boundary.
export const dynamodbUtil: Util["dynamodb"] = {
  toDynamoDB: (value) => toAttributeValue(value) as never,
  toString: (value) => orNull(value, (text) => ({ S: text })),
  toStringSet: (list) => orNull(list, (strings) => ({ SS: strings })),
  toNumber: (value) => orNull(value, (number) => ({ N: number }) as unknown as { N: string }),
  toNumberSet: (numbers) => orNull(numbers, (list) => ({ NS: list }) as unknown as { NS: string[] }),
  toBinary: (value) => orNull(value, (base64) => ({ B: base64 })),
  toBinarySet: (values) => orNull(values, (list) => ({ BS: list })),
  toBoolean: (value) => orNull(value, (flag) => ({ BOOL: flag })),
  toNull: () => ({ NULL: null }),
  toList: (value) => (Array.isArray(value) ? { L: value.map(toAttributeValue) } : null) as never,
  toMap: (value) => (isPlainObject(value) ? { M: toAttributeMap(value) } : null) as never,
  toMapValues: (value) => (isPlainObject(value) ? toAttributeMap(value) : null) as never,
  toS3Object: (key: string, bucket: string, region: string, version?: string) => ({ S: s3ObjectJson(key, bucket, region, version) }),
  fromS3ObjectJson: (s3ObjectString) => parseS3ObjectJson(s3ObjectString),
};
