// Which of the API's authorization modes a request uses, from the credentials it carries: a token in
// `Authorization` for Cognito user pools, `x-api-key` for an API key. The default mode and the
// additional ones are all accepted; the auth directives (rules.ts) then decide field by field.
import { unauthorizedRequest } from "../errors.ts";
import { createApiKeyVerifier, type ApiKey } from "./api-key.ts";
import { createCognitoVerifier, type CognitoPoolConfig } from "./cognito.ts";
import type { AuthMode, CallerAuth } from "./rules.ts";

export type AuthorizationConfig = {
  /** The API's default mode (AppSync's authenticationType): fields without a directive allow only it. */
  defaultMode: AuthMode;
  /** AppSync's additionalAuthenticationProviders. */
  additionalModes: readonly AuthMode[];
  /** Required when a mode is AMAZON_COGNITO_USER_POOLS. */
  cognito?: CognitoPoolConfig;
  /** The API's keys, for API_KEY. */
  apiKeys?: readonly ApiKey[];
};

/** What a request carries to authorize itself. */
export type RequestCredentials = { authorization?: string; apiKey?: string };

export type RequestAuthorizer = (credentials: RequestCredentials, sourceIp: string) => Promise<CallerAuth>;

const supportedModes: readonly AuthMode[] = ["AMAZON_COGNITO_USER_POOLS", "API_KEY"];

export function createRequestAuthorizer(config: AuthorizationConfig): RequestAuthorizer {
  const modes = new Set([config.defaultMode, ...config.additionalModes]);
  for (const mode of modes) {
    if (!supportedModes.includes(mode)) throw new Error(`Authorization mode ${mode} is not supported by the local runtime (it has ${supportedModes.join(" and ")})`);
  }
  if (modes.has("AMAZON_COGNITO_USER_POOLS") && !config.cognito) throw new Error("Authorization mode AMAZON_COGNITO_USER_POOLS needs a Cognito pool (options.cognito)");
  const cognito = modes.has("AMAZON_COGNITO_USER_POOLS") && config.cognito ? createCognitoVerifier(config.cognito) : null;
  const apiKey = modes.has("API_KEY") ? createApiKeyVerifier(config.apiKeys ?? []) : null;

  return async (credentials, sourceIp) => {
    // A token wins over a key when both are sent and both modes are on.
    if (cognito && (credentials.authorization || !apiKey)) return cognito(credentials.authorization, sourceIp);
    if (apiKey && credentials.apiKey) return apiKey(credentials.apiKey);
    throw unauthorizedRequest.noAuthorizationHeader();
  };
}
