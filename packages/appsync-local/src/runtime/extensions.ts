// `extensions`: subscription filters and invalidations are recorded on the current invocation for
// the subscription layer; evictions are recorded for the executor, which applies them to the API cache.
import type { Extensions } from "@aws-appsync/utils";
import { currentInvocation } from "../invocation.ts";
import { currentRecords } from "./invocation-records.ts";

export const extensions: Extensions = {
  setSubscriptionFilter: (filter) => {
    currentInvocation().subscriptionFilters.push(filter);
  },
  setSubscriptionInvalidationFilter: (filter) => {
    currentInvocation().subscriptionInvalidationFilters.push(filter);
  },
  invalidateSubscriptions: (invalidation) => {
    currentInvocation().invalidations.push(invalidation);
  },
  evictFromApiCache: (typeName, fieldName, keys) => {
    currentRecords().apiCacheEvictions.push({ typeName, fieldName, keys });
  },
};
