// `util.transform.toSubscriptionFilter`: a filter object expanded into the form enhanced subscription
// filters are evaluated in: groups OR-ed together, each an AND of `{ fieldName, operator, value }`.
// Every operator of a field, every member of an `or` and every rule is an alternative, so groups
// multiply out. AWS validates nothing here: unknown operators pass through and `not` is an ordinary
// field name (EvaluateCode recordings).
import type { SubscriptionFilter } from "@aws-appsync/utils";
import { isPlainObject } from "./dynamodb-values.ts";

type FilterEntry = { fieldName: string; operator: string; value: unknown };
type FilterGroup = FilterEntry[];

class UnreadableFilter extends Error {}

function cross(groups: FilterGroup[], alternatives: FilterGroup[]): FilterGroup[] {
  return groups.flatMap((group) => alternatives.map((alternative) => [...group, ...alternative]));
}

function fieldAlternatives(fieldName: string, operators: unknown): FilterGroup[] {
  if (!isPlainObject(operators)) throw new UnreadableFilter();
  return Object.entries(operators).map(([operator, value]) => [{ fieldName, operator, value }]);
}

function expand(filter: unknown, ignoredFields: readonly unknown[]): FilterGroup[] {
  if (!isPlainObject(filter)) throw new UnreadableFilter();
  let groups: FilterGroup[] = [[]];
  for (const [key, value] of Object.entries(filter)) {
    if (key === "and" || key === "or") {
      if (!Array.isArray(value)) throw new UnreadableFilter();
      if (key === "and") {
        for (const member of value) groups = cross(groups, expand(member, ignoredFields));
      } else {
        // a branch left empty by ignored fields is dropped, not kept as "always true" (AWS docs example)
        const branches = value.flatMap((member) => expand(member, ignoredFields)).filter((group) => group.length > 0);
        if (branches.length > 0) groups = cross(groups, branches);
      }
    } else if (!ignoredFields.includes(key)) {
      groups = cross(groups, fieldAlternatives(key, value));
    }
  }
  return groups;
}

/** `null` where AWS returns null: the filter (or an and/or member) is not an object, or a group not a list. */
export function toSubscriptionFilter(filter: unknown, ignoredFields?: unknown, rules?: unknown): SubscriptionFilter | null {
  const ignored = Array.isArray(ignoredFields) ? ignoredFields : [];
  try {
    let groups = expand(filter, ignored);
    if (isPlainObject(rules)) {
      // rules apply even to ignored field names; any one rule satisfies the filter
      const alternatives = Object.entries(rules).flatMap(([fieldName, operators]) => fieldAlternatives(fieldName, operators));
      if (alternatives.length > 0) groups = cross(groups, alternatives);
    }
    const filterGroup = groups.filter((group) => group.length > 0).map((filters) => ({ filters }));
    // the entries carry whatever operator and value the caller gave, so they are wider than the package's union
    return { filterGroup } as unknown as SubscriptionFilter;
  } catch (error) {
    if (error instanceof UnreadableFilter) return null;
    throw error;
  }
}
