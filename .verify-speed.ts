import { CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import { startStack } from "./packages/local/src/stack.ts";
import { cognitoLocalClientConfig } from "./packages/local/src/engines/cognito.ts";
import { ensureUser, signIn } from "./packages/local/src/engines/provision.ts";

const stack = await startStack({ repoRoot: process.cwd(), persistent: false, seed: "sample" });
try {
  const info = stack.info;
  const c = new CognitoIdentityProviderClient(cognitoLocalClientConfig(info.cognitoEndpoint));
  await ensureUser(c, info.userPoolId, { email: "v@x.test", password: "Verify-pass-1", groups: [] });
  const { idToken } = await signIn(info.cognitoEndpoint, info.userPoolClientId, "v@x.test", "Verify-pass-1");
  const gql = async (query: string, variables = {}) => (await (await fetch(info.graphqlUrl, { method: "POST", headers: { authorization: idToken, "content-type": "application/json" }, body: JSON.stringify({ query, variables }) })).json()) as any;
  const profileId = (await gql(`{ profiles { id } }`)).data.profiles[0].id;
  const genre = await gql(`{ titlesByGenre(genre: "Drama", limit: 30) { items { id } } }`);
  const t0 = genre.data.titlesByGenre.items[0].id;
  const time = async (label: string, query: string, vars: any = {}) => {
    const ts: number[] = [];
    for (let i = 0; i < 40; i++) { const t = performance.now(); const r = await gql(query, vars); if (r.errors) console.log(r.errors); ts.push(performance.now() - t); }
    ts.sort((a, b) => a - b);
    console.log(label, "p50", ts[20]!.toFixed(1), "min", ts[0]!.toFixed(1));
  };
  await time("title", `query($id: ID!) { title(id: $id) { id } }`, { id: t0 });
  await time("titlesByGenre20", `{ titlesByGenre(genre: "Drama", limit: 20) { items { id } } }`);
  await time("continueWatching", `query($p: ID!) { continueWatching(profileId: $p) { items { title { id } } } }`, { p: profileId });
  await time("home profile only", `query($p: ID!) { home(profileId: $p) { profile { id } } }`, { p: profileId });
  await time("home genreRows names", `query($p: ID!) { home(profileId: $p) { genreRows { genre } } }`, { p: profileId });
  await time("home rows titles", `query($p: ID!) { home(profileId: $p) { genreRows { genre titles { id } } } }`, { p: profileId });
  await time("recordProgress", `mutation($i: RecordProgressInput!) { recordProgress(input: $i) { status } }`, { i: { profileId, titleId: t0, positionSeconds: 2000, durationSeconds: 6000 } });
  c.destroy();
} finally {
  await stack.stop();
}
