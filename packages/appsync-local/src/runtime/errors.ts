import { ResolverError } from "../invocation.ts";

/** For `@aws-appsync/utils` features that only mean something inside AWS (HTTP data sources, RDS...). */
export function notSupportedOffline(feature: string): ResolverError {
  return new ResolverError(`${feature} is not supported by Marquee's offline AppSync runtime`, "NotSupportedOffline");
}
