// Applies a parsed filter to one request: binds $PARAMETERS to filterValues, decides which expressions apply,
// and returns a per-item predicate. An item passes when every applying INCLUDE matches it and no applying
// EXCLUDE does. As on Personalize: an INCLUDE expression needs values for all its parameters, an EXCLUDE
// expression without them is skipped; an IF CurrentUser condition that does not hold skips its expression.
import type { Metadata, UserHistory } from "../data/store.ts";
import { invalidInput } from "../errors.ts";
import type { FilterExpression, Operand, ParsedFilter, Predicate } from "./parser.ts";
import { parseFilterValue, validateFilterValuesMap } from "./values.ts";

export type FilterContext = {
  /** The request's user: their items and event types (undefined without a userId or history). */
  history: UserHistory | undefined;
  /** The bit mask of event types (as UserHistory stores them) named in a filter; "*" is every type. */
  eventTypeMask: (types: readonly string[]) => number;
  itemMetadata: (item: number) => Metadata | undefined;
  /** The request's itemId (related-items requests), for CurrentItem.FIELD. */
  currentItem: Metadata | undefined;
  currentUser: Metadata | undefined;
};

export type ItemPredicate = (item: number) => boolean;

export function bindFilter(filter: ParsedFilter, filterValues: Readonly<Record<string, string>> | undefined, context: FilterContext): ItemPredicate {
  const values = new Map<string, string[]>();
  if (filterValues) {
    validateFilterValuesMap(filterValues);
    for (const [name, text] of Object.entries(filterValues)) {
      if (!filter.parameters.has(name)) {
        const known = [...filter.parameters].map((parameter) => `$${parameter}`).join(", ") || "none";
        throw invalidInput(`filterValues has ${name}, which is not a parameter of this filter (its parameters: ${known}).`);
      }
      values.set(name, parseFilterValue(name, text));
    }
  }

  const tests: Array<{ include: boolean; matches: ItemPredicate }> = [];
  for (const expression of filter.expressions) {
    const missing = expression.parameters.filter((name) => !values.has(name));
    if (missing.length > 0) {
      if (expression.action === "EXCLUDE") continue;
      throw invalidInput(`This filter's INCLUDE expression needs filterValues for ${missing.map((name) => `$${name}`).join(", ")}.`);
    }
    checkComparisons(expression, values);
    if (!expression.when.every((predicate) => metadataMatches(context.currentUser, predicate, values, context))) continue;
    tests.push({ include: expression.action === "INCLUDE", matches: compileExpression(expression, values, context) });
  }
  return (item) => tests.every((test) => test.matches(item) === test.include);
}

/** A comparison takes one number: a parameter bound to anything else is bad input, not a silent mismatch. */
function checkComparisons(expression: FilterExpression, values: Map<string, string[]>): void {
  for (const predicate of [...expression.where.flat(), ...expression.when]) {
    if (predicate.operator === "IN" || predicate.operator === "NOT IN" || predicate.operand.kind !== "values") continue;
    const value = predicate.operand.values[0]!;
    if (value.kind !== "parameter") continue;
    const bound = values.get(value.name) ?? [];
    if (bound.length !== 1 || (predicate.operator !== "=" && !isNumeric(bound[0]!))) {
      throw invalidInput(`${predicate.dataset}.${predicate.field} ${predicate.operator} $${value.name} needs one number, but filterValues.${value.name} holds ${JSON.stringify(bound)}.`);
    }
  }
}

function compileExpression(expression: FilterExpression, values: Map<string, string[]>, context: FilterContext): ItemPredicate {
  const groups = expression.where.map((group) =>
    group.map((predicate): ItemPredicate =>
      predicate.dataset === "Interactions" ? interactionTest(predicate, values, context) : (item) => metadataMatches(context.itemMetadata(item), predicate, values, context),
    ),
  );
  return (item) => groups.some((group) => group.every((test) => test(item)));
}

/** Interactions.EVENT_TYPE IN / NOT IN: did the user have an event of such a type with the item? Case-insensitive; "*" is any type. */
function interactionTest(predicate: Predicate, values: Map<string, string[]>, context: FilterContext): ItemPredicate {
  const listed = context.eventTypeMask(resolve(predicate.operand, values, context));
  const negated = predicate.operator === "NOT IN";
  return (item) => {
    const types = context.history?.get(item) ?? 0;
    return (negated ? types & ~listed : types & listed) !== 0;
  };
}

/** Items.FIELD or CurrentUser.FIELD against the operand; a multi-valued field matches when any value does. */
function metadataMatches(record: Metadata | undefined, predicate: Predicate, values: Map<string, string[]>, context: FilterContext): boolean {
  const fieldValues = record?.get(predicate.field) ?? [];
  const operand = resolve(predicate.operand, values, context);
  switch (predicate.operator) {
    case "IN":
      return fieldValues.some((value) => operand.includes(value));
    case "NOT IN":
      return !fieldValues.some((value) => operand.includes(value));
    case "=":
      return fieldValues.some((value) => operand.some((expected) => value === expected || (isNumeric(value) && isNumeric(expected) && Number(value) === Number(expected))));
    default: {
      // CurrentItem may hold anything; parameters were checked by checkComparisons.
      const bound = operand.length === 1 && isNumeric(operand[0]!) ? Number(operand[0]) : Number.NaN;
      if (Number.isNaN(bound)) return false;
      return fieldValues.some((value) => isNumeric(value) && compare(Number(value), predicate.operator, bound));
    }
  }
}

function resolve(operand: Operand, values: Map<string, string[]>, context: FilterContext): string[] {
  if (operand.kind === "currentItem") return [...(context.currentItem?.get(operand.field) ?? [])];
  return operand.values.flatMap((value) => (value.kind === "literal" ? [value.text] : (values.get(value.name) ?? [])));
}

function compare(value: number, operator: Predicate["operator"], bound: number): boolean {
  switch (operator) {
    case "<":
      return value < bound;
    case "<=":
      return value <= bound;
    case ">":
      return value > bound;
    case ">=":
      return value >= bound;
    default:
      return false;
  }
}

const isNumeric = (text: string) => text.trim() !== "" && Number.isFinite(Number(text));
