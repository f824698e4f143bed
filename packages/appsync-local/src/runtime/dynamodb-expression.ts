// The DynamoDB expression a filter object stands for, e.g.
//   { title: { contains: "x" }, and: [{ version: { eq: 2 } }] }
//   -> "(contains(#title,:title_contains)) AND (#version = :and_0_version_eq)"
// `util.transform.toDynamoDBFilterExpression` / `toDynamoDBConditionExpression` serialise it (AWS renders
// both identically) and the `@aws-appsync/utils/dynamodb` module embeds it as conditions, filters and
// key conditions. The spacing, parentheses and placeholder names follow AppSync's EvaluateCode
// recordings, including their oddities (a dangling " AND " for an empty member, "(null)" for `in: []`).
import { isPlainObject, toAttributeValue, type AttributeMap } from "./dynamodb-values.ts";

export type DynamoDBExpression = {
  expression: string;
  expressionNames: Record<string, string>;
  expressionValues: AttributeMap;
};

const COMPARISON_OPERATORS = new Map([
  ["eq", "="],
  ["ne", "<>"],
  ["lt", "<"],
  ["le", "<="],
  ["gt", ">"],
  ["ge", ">="],
]);

// rendered `name(target,value)`: no space after the comma
const FUNCTION_OPERATORS = new Map([
  ["contains", "contains"],
  ["notContains", "NOT contains"],
  ["beginsWith", "begins_with"],
]);

// `attributeType` takes a friendly type name, not the type code
const ATTRIBUTE_TYPE_CODES = new Map([
  ["_null", "NULL"],
  ["string", "S"],
  ["stringSet", "SS"],
  ["number", "N"],
  ["numberSet", "NS"],
  ["binary", "B"],
  ["binarySet", "BS"],
  ["boolean", "BOOL"],
  ["list", "L"],
  ["map", "M"],
]);

/** AWS answers `null`, not an error, for a filter it cannot render; this unwinds to that answer. */
class UnrenderableFilter extends Error {}

/** The expression for `filter`, or `null` where AppSync returns null (unknown operator, wrong operand...). */
export function buildFilterExpression(filter: unknown): DynamoDBExpression | null {
  try {
    return renderFilter(filter, [], false);
  } catch (error) {
    if (error instanceof UnrenderableFilter) return null;
    throw error;
  }
}

// Entries holding `undefined` (an absent argument) are skipped, as they would be once serialised.
function definedEntries(object: Record<string, unknown>): [string, unknown][] {
  return Object.entries(object).filter(([, value]) => value !== undefined);
}

/** Joins parts even when one rendered to "" (that is AWS's dangling joiner); `wrap` parenthesises 2+ parts. */
function join(parts: DynamoDBExpression[], joiner: "AND" | "OR", wrap: boolean): DynamoDBExpression {
  const expression = parts.map((part) => part.expression).join(` ${joiner} `);
  return {
    expression: wrap && parts.length > 1 ? `(${expression})` : expression,
    expressionNames: Object.assign({}, ...parts.map((part) => part.expressionNames)),
    expressionValues: Object.assign({}, ...parts.map((part) => part.expressionValues)),
  };
}

// `path` names the value placeholders: the enclosing and/or groups with their index, `not`, the
// field, then one `size` per level of size nesting: `:or_0_not_title_size_gt`.
function renderFilter(filter: unknown, path: string[], wrap: boolean): DynamoDBExpression {
  if (!isPlainObject(filter)) throw new UnrenderableFilter();
  const parts = definedEntries(filter).map(([key, value]) => {
    if (key === "and" || key === "or") return renderGroup(key, value, path);
    if (key === "not") return renderNegation(value, path);
    return renderField(key, value, [...path, key], false);
  });
  return join(parts, "AND", wrap);
}

function renderGroup(kind: "and" | "or", members: unknown, path: string[]): DynamoDBExpression {
  // only the list form: AWS answers null for `and: { ... }` although the types allow it
  if (!Array.isArray(members)) throw new UnrenderableFilter();
  const parts = members.map((member, index) => renderFilter(member, [...path, kind, String(index)], false));
  return join(parts, kind === "and" ? "AND" : "OR", true);
}

function renderNegation(filter: unknown, path: string[]): DynamoDBExpression {
  const inner = renderFilter(filter, [...path, "not"], true);
  return { ...inner, expression: `(NOT ${inner.expression})` };
}

function renderField(field: string, operators: unknown, path: string[], sized: boolean): DynamoDBExpression {
  if (!isPlainObject(operators)) throw new UnrenderableFilter();
  const name = `#${field}`;
  const target = sized ? `size(${name})` : name;
  const parts = definedEntries(operators).map(([operator, operand]) =>
    operator === "size"
      ? renderField(field, operand, [...path, operator], true)
      : renderOperator(target, operator, operand, `:${[...path, operator].join("_")}`),
  );
  const rendered = join(parts, "AND", true);
  // the field's name is declared even when it carries no operator
  return { ...rendered, expressionNames: { [name]: field, ...rendered.expressionNames } };
}

function leaf(expression: string, expressionValues: AttributeMap = {}): DynamoDBExpression {
  return { expression, expressionNames: {}, expressionValues };
}

function renderOperator(target: string, operator: string, operand: unknown, placeholder: string): DynamoDBExpression {
  const comparison = COMPARISON_OPERATORS.get(operator);
  if (comparison) {
    return leaf(`(${target} ${comparison} ${placeholder})`, { [placeholder]: toAttributeValue(operand) });
  }
  const functionName = FUNCTION_OPERATORS.get(operator);
  if (functionName) {
    return leaf(`(${functionName}(${target},${placeholder}))`, { [placeholder]: toAttributeValue(operand) });
  }
  switch (operator) {
    case "between": {
      // bounds past the second are ignored, but both are needed
      if (!Array.isArray(operand) || operand.length < 2) throw new UnrenderableFilter();
      const [start, end] = [`${placeholder}_start`, `${placeholder}_end`];
      return leaf(`(${target} BETWEEN ${start} AND ${end})`, {
        [start]: toAttributeValue(operand[0]),
        [end]: toAttributeValue(operand[1]),
      });
    }
    case "in": {
      if (!Array.isArray(operand)) throw new UnrenderableFilter();
      if (operand.length === 0) return leaf("(null)");
      const placeholders = operand.map((_, index) => `${placeholder}_${index}`);
      const values: AttributeMap = {};
      placeholders.forEach((name, index) => (values[name] = toAttributeValue(operand[index])));
      // the one operator with a space after its commas
      return leaf(`(${target} IN (${placeholders.join(", ")}))`, values);
    }
    case "attributeExists": {
      if (typeof operand !== "boolean") throw new UnrenderableFilter();
      return leaf(`(${operand ? "attribute_exists" : "attribute_not_exists"}(${target}))`);
    }
    case "attributeType": {
      const code = typeof operand === "string" ? ATTRIBUTE_TYPE_CODES.get(operand) : undefined;
      if (!code) throw new UnrenderableFilter();
      return leaf(`(attribute_type(${target},${placeholder}))`, { [placeholder]: { S: code } });
    }
    default:
      throw new UnrenderableFilter();
  }
}
