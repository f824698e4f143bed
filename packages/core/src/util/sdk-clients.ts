// Every AWS SDK client core makes (dynamo.ts, recommendation/) goes through `sdkClient` when it is first
// needed. A Lambda that traces its calls (packages/functions/src/lambda/observability.ts, with Powertools'
// tracer) registers how before its first request, so core depends on no tracing library.
type ClientHook = <Client extends object>(client: Client) => Client;

let hook: ClientHook = (client) => client;

export function instrumentSdkClients(instrument: ClientHook): void {
  hook = instrument;
}

export function sdkClient<Client extends object>(client: Client): Client {
  return hook(client);
}
