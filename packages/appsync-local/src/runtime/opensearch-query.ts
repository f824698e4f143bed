// `util.transform.toElasticsearchQueryDSL`: a filter object as an OpenSearch bool query. Shape taken
// from the AppSync docs example: every field is a `bool.must` of its operators and the filter a
// `bool.must` of its fields; `and` / `or` / `not` become `must` / `should` / `must_not`.
// No OpenSearch data source runs offline; this only builds the query a resolver would send.
import { isPlainObject } from "./dynamodb-values.ts";

type Query = Record<string, unknown>;

function fieldClause(field: string, operator: string, value: unknown): Query {
  switch (operator) {
    case "eq":
      return { term: { [field]: value } };
    case "ne":
      return { bool: { must_not: { term: { [field]: value } } } };
    case "gt":
    case "gte":
    case "lt":
    case "lte":
      return { range: { [field]: { [operator]: value } } };
    case "range": {
      const [from, to] = Array.isArray(value) ? value : [];
      return { range: { [field]: { gte: from, lte: to } } };
    }
    case "match":
      return { match: { [field]: value } };
    case "matchPhrase":
      return { match_phrase: { [field]: value } };
    case "matchPhrasePrefix":
      return { match_phrase_prefix: { [field]: value } };
    case "multiMatch":
      return { multi_match: { query: value, fields: [field] } };
    case "wildcard":
      return { wildcard: { [field]: value } };
    case "regexp":
      return { regexp: { [field]: value } };
    case "exists":
      return value === false ? { bool: { must_not: { exists: { field } } } } : { exists: { field } };
    default:
      throw new TypeError(`toElasticsearchQueryDSL: unknown operator "${operator}" on field "${field}"`);
  }
}

function toBoolQuery(filter: unknown): Query {
  if (!isPlainObject(filter)) throw new TypeError("toElasticsearchQueryDSL expects an object");
  const clauses = Object.entries(filter).map(([key, value]): Query => {
    if (key === "and" || key === "or") {
      const members = (Array.isArray(value) ? value : [value]).map(toBoolQuery);
      return { bool: { [key === "and" ? "must" : "should"]: members } };
    }
    if (key === "not") return { bool: { must_not: toBoolQuery(value) } };
    if (!isPlainObject(value)) throw new TypeError(`toElasticsearchQueryDSL: field "${key}" needs an operator object`);
    return { bool: { must: Object.entries(value).map(([operator, operand]) => fieldClause(key, operator, operand)) } };
  });
  return { bool: { must: clauses } };
}

export function toElasticsearchQueryDSL(filter: unknown): string {
  return JSON.stringify(toBoolQuery(filter));
}
