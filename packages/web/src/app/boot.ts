// Builds the app's services from its settings (main.tsx; tests build their own with fakes).
import { HomeQuery, RecordProgressMutation } from "../api/documents.ts";
import { createApiClient } from "../api/client.ts";
import { errorTypeOf } from "../api/errors.ts";
import { refreshSession, revokeRefreshToken, signInWithPassword } from "../auth/cognito.ts";
import { createSession, type KeyValueStorage } from "../auth/session.ts";
import type { WebConfig } from "../config.ts";
import { createProgressQueue, type ProgressEvent, type SendOutcome } from "../player/progress.ts";
import type { Client } from "@urql/core";
import type { Services } from "./services.tsx";

export function createServices(config: WebConfig, storage: KeyValueStorage | null): Services {
  const cognito = { endpoint: config.cognitoEndpoint, clientId: config.userPoolClientId };
  const session = createSession({
    storage,
    auth: {
      signIn: (email, password) => signInWithPassword(cognito, email, password),
      refresh: (refreshToken) => refreshSession(cognito, refreshToken),
      revoke: (refreshToken) => revokeRefreshToken(cognito, refreshToken),
    },
  });
  const client = createApiClient({ url: config.graphqlUrl, session });
  const progressQueue = createProgressQueue({
    storage,
    send: (event) => sendProgress(client, event),
    currentAccount: () => {
      const state = session.getState();
      return state.status === "signedIn" ? state.user.sub : null;
    },
  });
  // Events kept from an earlier visit, or from a network drop, go out when possible.
  session.subscribe(() => void progressQueue.flush());
  if (typeof window !== "undefined") window.addEventListener("online", () => void progressQueue.flush());
  void progressQueue.flush();
  return { config, session, client, progressQueue, storage };
}

/** One progress event to the API, and what to do with it after. */
export async function sendProgress(client: Pick<Client, "mutation">, event: ProgressEvent): Promise<SendOutcome> {
  const { accountSub: _account, ...input } = event;
  const result = await client
    .mutation(RecordProgressMutation, { input }, { requestPolicy: "network-only", fetchOptions: { keepalive: true } })
    .toPromise();
  if (!result.error) return "sent";
  if (result.error.networkError || result.error.response?.status === 401) return "retry";
  const type = errorTypeOf(result.error.graphQLErrors[0]);
  // Already recorded (a resend after a lost answer): done.
  if (type === "Conflict") return "sent";
  // Refused for good (bad input, unknown title, a profile that is gone, a document the API does not
  // know): keeping it would block the queue. Anything else is the server's trouble: try again later.
  if (type === undefined || refusedForGood.has(type)) return "drop";
  return "retry";
}

const refusedForGood = new Set(["BadRequest", "ValidationError", "NotFound", "NotAvailable", "Unauthorized"]);

/**
 * A returning viewer opening home: ask for it now, while React boots, rather than after the first
 * render (the page's own query shares this request).
 */
export function prefetchHome(services: Services, pathname: string): void {
  const state = services.session.getState();
  if (pathname !== "/" || state.status !== "signedIn") return;
  try {
    const stored = services.storage?.getItem(`marquee.profile.${state.user.sub}`);
    const profileId = stored ? (JSON.parse(stored) as { id?: unknown }).id : null;
    if (typeof profileId === "string") void services.client.query(HomeQuery, { profileId }, { requestPolicy: "cache-and-network" }).toPromise();
  } catch {
    // Nothing stored worth using: the page asks itself.
  }
}
