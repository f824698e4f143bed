// `util.transform`. The DynamoDB helpers return a JSON *string* (or null for a filter AWS cannot
// render), which resolvers `JSON.parse` before putting it in a request.
import type { Util } from "@aws-appsync/utils";
import { buildFilterExpression } from "./dynamodb-expression.ts";
import { toElasticsearchQueryDSL } from "./opensearch-query.ts";
import { toSubscriptionFilter } from "./subscription-filter.ts";

function serialisedExpression(filter: unknown): string {
  const expression = buildFilterExpression(filter);
  // the declared type is `string`, but AWS answers null for an unrenderable filter
  return (expression === null ? null : JSON.stringify(expression)) as string;
}

export const transform: Util["transform"] = {
  toDynamoDBFilterExpression: (filter) => serialisedExpression(filter),
  toDynamoDBConditionExpression: (condition) => serialisedExpression(condition),
  toElasticsearchQueryDSL: (query) => toElasticsearchQueryDSL(query),
  toSubscriptionFilter: (filter, ignoredFields, rules) =>
    toSubscriptionFilter(filter, ignoredFields, rules) as ReturnType<Util["transform"]["toSubscriptionFilter"]>,
};
