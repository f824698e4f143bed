// The React client: a static Vite build served through CloudFront, configured at build time
// with the API's and the user pool's coordinates.
import { api } from "./api.ts";
import { userPool, webClient } from "./auth.ts";

export const web = new sst.aws.StaticSite("Web", {
  path: "packages/web",
  build: { command: "npm run build", output: "dist" },
  environment: {
    VITE_GRAPHQL_URL: api.url,
    VITE_USER_POOL_ID: userPool.id,
    VITE_USER_POOL_CLIENT_ID: webClient.id,
    VITE_REGION: aws.getRegionOutput().region,
  },
  dev: { command: "npm run dev" },
});
