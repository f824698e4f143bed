// `util.rds.toJsonObject`: an RDS Data API ExecuteStatement result as plain records, one list per
// statement, keyed by column label. No RDS data source runs offline; this is the pure conversion.
import type { Util } from "@aws-appsync/utils";
import { isPlainObject } from "./dynamodb-values.ts";

// the value keys a Data API field may carry, first present wins
const VALUE_KEYS = ["stringValue", "longValue", "intValue", "bigIntValue", "doubleValue", "realValue", "booleanValue", "bitValue", "blobValue"];

function fieldValue(field: unknown): unknown {
  if (!isPlainObject(field) || field.isNull === true) return null;
  const key = VALUE_KEYS.find((candidate) => field[candidate] !== undefined);
  if (key) return field[key];
  if (isPlainObject(field.arrayValue)) {
    const array = field.arrayValue;
    const values = Object.values(array).find(Array.isArray);
    return values ?? null;
  }
  if (Array.isArray(field.arrayValues)) return field.arrayValues.map(fieldValue);
  return null;
}

export function rdsToJsonObject(serialized: unknown): unknown[][] | null {
  let response: unknown = serialized;
  if (typeof serialized === "string") {
    try {
      response = JSON.parse(serialized);
    } catch {
      return null;
    }
  }
  if (!isPlainObject(response) || !Array.isArray(response.sqlStatementResults)) return null;
  return response.sqlStatementResults.map((statement: unknown) => {
    if (!isPlainObject(statement) || !Array.isArray(statement.records)) return [];
    const columns = Array.isArray(statement.columnMetadata) ? statement.columnMetadata : [];
    return statement.records.map((record: unknown) => {
      const row: Record<string, unknown> = {};
      (Array.isArray(record) ? record : []).forEach((field, index) => {
        const column: unknown = columns[index];
        const name = isPlainObject(column) ? String(column.label ?? column.name ?? index) : String(index);
        row[name] = fieldValue(field);
      });
      return row;
    });
  });
}

export const rds: Util["rds"] = {
  // the declared type says one record; AppSync returns a list of record lists (one per statement)
  toJsonObject: (serializedSQLResult) => rdsToJsonObject(serializedSQLResult) as Record<string, unknown> | null,
};
