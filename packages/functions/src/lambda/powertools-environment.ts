// Powertools' settings, one place for both homes of the Lambdas: infra/monitoring.ts gives them to every
// function on AWS, packages/offline's stack to every local worker. Dependency-free: infra imports it.
export const powertoolsServiceName = "marquee";
export const powertoolsMetricsNamespace = "Marquee";

export function powertoolsEnvironment(options: { logLevel?: string; metrics: boolean }): Record<string, string> {
  return {
    POWERTOOLS_SERVICE_NAME: powertoolsServiceName,
    POWERTOOLS_METRICS_NAMESPACE: powertoolsMetricsNamespace,
    POWERTOOLS_LOG_LEVEL: options.logLevel ?? "INFO",
    // Locally nothing collects embedded metrics: their records would only crowd the terminal.
    ...(options.metrics ? {} : { POWERTOOLS_METRICS_DISABLED: "true" }),
  };
}
