// The urql client: every request carries a fresh id token (AppSync's Cognito mode takes the raw JWT in
// `authorization`); a 401 gets one refresh and one retry, after which the session ends and the app asks
// the viewer to sign in again where they were.
import { cacheExchange, Client, fetchExchange } from "@urql/core";
import type { Session } from "../auth/session.ts";

export function createApiClient(options: { url: string; session: Pick<Session, "idToken" | "recoverFromUnauthorized">; fetch?: typeof fetch }): Client {
  const baseFetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const authorizedFetch: typeof fetch = async (input, init) => {
    const send = (token: string | null) => {
      const headers = new Headers(init?.headers);
      if (token) headers.set("authorization", token);
      return baseFetch(input, { ...init, headers });
    };
    const token = await options.session.idToken();
    const response = await send(token);
    if (response.status !== 401 || !token) return response;
    const renewed = await options.session.recoverFromUnauthorized(token);
    return renewed ? send(renewed) : response;
  };
  return new Client({
    url: options.url,
    exchanges: [cacheExchange, fetchExchange],
    // POST only: AppSync documents GET poorly, and long queries do not fit a URL.
    preferGetMethod: false,
    fetch: authorizedFetch,
    requestPolicy: "cache-first",
  });
}
