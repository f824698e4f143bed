// Lambda event filtering (https://docs.aws.amazon.com/lambda/latest/dg/invocation-eventfiltering.html),
// the part an event-source mapping applies before invoking: a record is delivered when ANY pattern
// matches it. A pattern mirrors the record's shape; its leaves are arrays of accepted values. Supported
// rules: exact values (strings, numbers, booleans, null), {prefix}, {exists} and {"anything-but": [...]}.
// Anything else is refused when the poller starts, not silently ignored.

export type FilterRule = string | number | boolean | null | { prefix: string } | { exists: boolean } | { "anything-but": Array<string | number> };
export type FilterPattern = { [field: string]: FilterPattern | FilterRule[] };

export class UnsupportedFilterError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UnsupportedFilterError";
  }
}

/** Throws for a pattern this poller cannot apply the way Lambda would. */
export function checkPattern(pattern: FilterPattern, path = ""): void {
  for (const [field, value] of Object.entries(pattern)) {
    const where = path ? `${path}.${field}` : field;
    if (Array.isArray(value)) {
      if (value.length === 0) throw new UnsupportedFilterError(`Filter ${where}: an empty list matches nothing.`);
      for (const rule of value) {
        if (rule === null || typeof rule !== "object") continue;
        const keys = Object.keys(rule);
        if (keys.length === 1 && ["prefix", "exists", "anything-but"].includes(keys[0]!)) continue;
        throw new UnsupportedFilterError(`Filter ${where}: rule ${JSON.stringify(rule)} is not supported locally (exact values, prefix, exists, anything-but).`);
      }
    } else if (value !== null && typeof value === "object") {
      checkPattern(value, where);
    } else {
      throw new UnsupportedFilterError(`Filter ${where}: a pattern's leaves are lists of values, got ${JSON.stringify(value)}.`);
    }
  }
}

export function matchesAny(patterns: readonly FilterPattern[], record: unknown): boolean {
  return patterns.length === 0 || patterns.some((pattern) => matches(pattern, record));
}

function matches(pattern: FilterPattern, value: unknown): boolean {
  const object = value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  return Object.entries(pattern).every(([field, expected]) => {
    const actual = object?.[field];
    if (!Array.isArray(expected)) return actual !== undefined && matches(expected, actual);
    return expected.some((rule) => ruleMatches(rule, actual));
  });
}

function ruleMatches(rule: FilterRule, actual: unknown): boolean {
  if (rule !== null && typeof rule === "object") {
    if ("exists" in rule) return (actual !== undefined) === rule.exists;
    // A list in the record matches when any of its elements does (as Lambda treats arrays).
    if (Array.isArray(actual)) return actual.some((element) => ruleMatches(rule, element));
    if ("prefix" in rule) return typeof actual === "string" && actual.startsWith(rule.prefix);
    return actual !== undefined && !rule["anything-but"].some((excluded) => excluded === actual);
  }
  if (Array.isArray(actual)) return actual.some((element) => element === rule);
  return actual === rule;
}
