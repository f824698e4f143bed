// Reading the request object a DynamoDB resolver returned. AppSync validates it before calling
// DynamoDB and reports problems as errorType "MappingTemplate" with the field's JSON path, e.g.
// "Value for field '$[operation]' not found." (AppSync Developer Guide, "Troubleshooting and common
// mistakes" > "Mapping template errors"), "Unsupported operation 'X'." and "Unsupported element
// '$[x]'." (messages seen from AppSync). The helpers here produce those errors.
import type { AttributeValue } from "@aws-sdk/client-dynamodb";
import { MappingTemplateError, describeJsonType } from "./dynamodb-errors.ts";
import { toItem } from "./dynamodb-values.ts";

export type JsonObject = Record<string, unknown>;

/** An expression block: `query`, `filter`, `update`, `condition` or `projection`. */
export type ExpressionBlock = {
  expression: string;
  names?: Record<string, string>;
  values?: Record<string, AttributeValue>;
};

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function expectObject(value: unknown, path: string): JsonObject {
  if (!isJsonObject(value)) throw new MappingTemplateError(`Expected JSON object for field '${path}' but got '${describeJsonType(value)}' instead.`);
  return value;
}

export function expectArray(value: unknown, path: string): unknown[] {
  if (!Array.isArray(value)) throw new MappingTemplateError(`Expected JSON array for field '${path}' but got '${describeJsonType(value)}' instead.`);
  return value;
}

/** Absent means missing or null: AppSync serialises the request to JSON, and resolvers often pass `null` through. */
export function isAbsent(value: unknown): value is null | undefined {
  return value === undefined || value === null;
}

export function requireField(object: JsonObject, field: string, path: string): unknown {
  const value = object[field];
  if (isAbsent(value)) throw new MappingTemplateError(`Value for field '${path}[${field}]' not found.`);
  return value;
}

/** Refuses fields the operation does not define, as AppSync does ("Unsupported element"). */
export function allowOnly(object: JsonObject, allowed: readonly string[], path: string): void {
  for (const field of Object.keys(object)) {
    if (!allowed.includes(field)) throw new MappingTemplateError(`Unsupported element '${path}[${field}]'.`);
  }
}

export function optionalString(object: JsonObject, field: string, path: string): string | undefined {
  const value = object[field];
  if (isAbsent(value)) return undefined;
  if (typeof value !== "string") throw new MappingTemplateError(`Expected STRING for field '${path}[${field}]' but got '${describeJsonType(value)}' instead.`);
  return value;
}

export function requiredString(object: JsonObject, field: string, path: string): string {
  requireField(object, field, path);
  return optionalString(object, field, path) as string;
}

export function optionalBoolean(object: JsonObject, field: string, path: string): boolean | undefined {
  const value = object[field];
  if (isAbsent(value)) return undefined;
  if (typeof value !== "boolean") throw new MappingTemplateError(`Expected BOOLEAN for field '${path}[${field}]' but got '${describeJsonType(value)}' instead.`);
  return value;
}

export function optionalInteger(object: JsonObject, field: string, path: string): number | undefined {
  const value = object[field];
  if (isAbsent(value)) return undefined;
  if (typeof value !== "number" || !Number.isInteger(value)) {
    throw new MappingTemplateError(`Expected an integer for field '${path}[${field}]' but got '${describeJsonType(value)}' ${JSON.stringify(value)} instead.`);
  }
  return value;
}

export function optionalStringList(object: JsonObject, field: string, path: string): string[] | undefined {
  const value = object[field];
  if (isAbsent(value)) return undefined;
  return expectArray(value, `${path}[${field}]`).map((entry, index) => {
    if (typeof entry !== "string") throw new MappingTemplateError(`Expected STRING for field '${path}[${field}][${index}]' but got '${describeJsonType(entry)}' instead.`);
    return entry;
  });
}

function readNames(block: JsonObject, path: string): Record<string, string> | undefined {
  const value = block.expressionNames;
  if (isAbsent(value)) return undefined;
  const names = expectObject(value, `${path}[expressionNames]`);
  for (const [placeholder, name] of Object.entries(names)) {
    if (typeof name !== "string") throw new MappingTemplateError(`Expected STRING for field '${path}[expressionNames][${placeholder}]' but got '${describeJsonType(name)}' instead.`);
  }
  return names as Record<string, string>;
}

/**
 * Reads an expression block. `extraFields` are the block's other documented fields (for example a
 * condition's `equalsIgnore`), which the caller reads itself; `withValues` is false for projections,
 * which take only names ("Projections" section of the DynamoDB resolver reference).
 */
export function readExpressionBlock(
  value: unknown,
  path: string,
  options: { withValues?: boolean; extraFields?: readonly string[] } = {},
): ExpressionBlock {
  const block = expectObject(value, path);
  const withValues = options.withValues ?? true;
  allowOnly(block, ["expression", "expressionNames", ...(withValues ? ["expressionValues"] : []), ...(options.extraFields ?? [])], path);
  const expression = requiredString(block, "expression", path);
  const names = readNames(block, path);
  const values = withValues && !isAbsent(block.expressionValues) ? toItem(block.expressionValues, `${path}[expressionValues]`) : undefined;
  return { expression, names, values };
}

export function optionalExpressionBlock(
  object: JsonObject,
  field: string,
  path: string,
  options: { withValues?: boolean; extraFields?: readonly string[] } = {},
): ExpressionBlock | undefined {
  return isAbsent(object[field]) ? undefined : readExpressionBlock(object[field], `${path}[${field}]`, options);
}

/**
 * DynamoDB takes one map of placeholders per request, while AppSync requests give them per block.
 * The same placeholder may appear in two blocks only with the same meaning.
 */
export function mergePlaceholders(blocks: Array<ExpressionBlock | undefined>): {
  ExpressionAttributeNames?: Record<string, string>;
  ExpressionAttributeValues?: Record<string, AttributeValue>;
} {
  const names: Record<string, string> = {};
  const values: Record<string, AttributeValue> = {};
  for (const block of blocks) {
    for (const [placeholder, name] of Object.entries(block?.names ?? {})) {
      if (placeholder in names && names[placeholder] !== name) {
        throw new MappingTemplateError(`Expression name '${placeholder}' is given two different values ('${names[placeholder]}' and '${name}') in one request.`);
      }
      names[placeholder] = name;
    }
    for (const [placeholder, attribute] of Object.entries(block?.values ?? {})) {
      if (placeholder in values && JSON.stringify(values[placeholder]) !== JSON.stringify(attribute)) {
        throw new MappingTemplateError(`Expression value '${placeholder}' is given two different values in one request.`);
      }
      values[placeholder] = attribute;
    }
  }
  return {
    ExpressionAttributeNames: Object.keys(names).length > 0 ? names : undefined,
    ExpressionAttributeValues: Object.keys(values).length > 0 ? values : undefined,
  };
}
