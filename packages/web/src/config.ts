// Where the API and the user pool are. On AWS they are baked in at build time (infra/web.ts passes
// VITE_*); the local web server (server/web-server.ts) injects the local stack's into index.html instead.

export type WebConfig = {
  graphqlUrl: string;
  region: string;
  userPoolId: string;
  userPoolClientId: string;
  /** Cognito's API: AWS's regional endpoint, or cognito-local's. */
  cognitoEndpoint: string;
  /** Local stack only: a URL that confirms a new account at once (cognito-local sends no emails). */
  localConfirmUrl?: string;
  /** Local stack only: demo accounts shown on the sign-in page. */
  demoUsers?: ReadonlyArray<{ email: string; password: string; groups: readonly string[] }>;
};

declare global {
  interface Window {
    __MARQUEE_CONFIG__?: Partial<WebConfig>;
  }
}

export function loadConfig(): WebConfig {
  const injected = typeof window !== "undefined" ? (window.__MARQUEE_CONFIG__ ?? {}) : {};
  const env = import.meta.env;
  const region = injected.region ?? env.VITE_REGION ?? "us-east-1";
  return {
    graphqlUrl: injected.graphqlUrl ?? env.VITE_GRAPHQL_URL ?? "",
    region,
    userPoolId: injected.userPoolId ?? env.VITE_USER_POOL_ID ?? "",
    userPoolClientId: injected.userPoolClientId ?? env.VITE_USER_POOL_CLIENT_ID ?? "",
    cognitoEndpoint: injected.cognitoEndpoint ?? env.VITE_COGNITO_ENDPOINT ?? `https://cognito-idp.${region}.amazonaws.com/`,
    localConfirmUrl: injected.localConfirmUrl,
    demoUsers: injected.demoUsers,
  };
}

/** What is missing for the app to work at all (shown instead of a broken sign-in page). */
export function missingSettings(config: WebConfig): string[] {
  return (["graphqlUrl", "userPoolClientId", "cognitoEndpoint"] as const).filter((key) => !config[key]);
}
