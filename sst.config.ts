/// <reference path="./.sst/platform/config.d.ts" />

export default $config({
  app(input) {
    return {
      name: "marquee",
      // Production keeps its table and buckets when the stage is removed; other stages leave nothing behind.
      removal: input?.stage === "production" ? "retain" : "remove",
      home: "aws",
    };
  },
  async run() {
    await import("./infra/monitoring.ts");
    await import("./infra/storage.ts");
    await import("./infra/recommendations.ts");
    await import("./infra/history.ts");
    const { userPool, webClient } = await import("./infra/auth.ts");
    const { api } = await import("./infra/api.ts");
    await import("./infra/firewall.ts");
    const { web } = await import("./infra/web.ts");
    return {
      graphqlUrl: api.url,
      userPoolId: userPool.id,
      userPoolClientId: webClient.id,
      web: web.url,
    };
  },
});
