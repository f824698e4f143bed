import { readFileSync } from "node:fs";
const info = JSON.parse(readFileSync("/tmp/mq/stack.out","utf8").split("\n").find(l=>l.startsWith("MARQUEE_STACK ")).slice(14));
const { CognitoIdentityProviderClient, InitiateAuthCommand } = await import('@aws-sdk/client-cognito-identity-provider');
const u = info.demoUsers.find(u => u.email === 'content@marquee.local');
const c = new CognitoIdentityProviderClient({ endpoint: info.cognitoEndpoint, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
const r = await c.send(new InitiateAuthCommand({ ClientId: info.userPoolClientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: u.email, PASSWORD: u.password } }));
const gql = async (query, variables) => (await fetch(info.graphqlUrl, { method: 'POST', headers: { 'content-type': 'application/json', authorization: r.AuthenticationResult.IdToken }, body: JSON.stringify({ query, variables }) })).json();
for (let i = 0; i < 10; i++) {
  const id = `conc-${Date.now()}-${i}`;
  await gql(`mutation { createTitle(input: {id: "${id}", name: "Conc ${i}", genres: ["Documentary"]}) { id } }`);
  const m = `mutation($input: UpdateTitleInput!) { updateTitle(input: $input) { version name } }`;
  const res = await Promise.all([gql(m, { input: { id, expectedVersion: 1, name: "A side", genres: ["Musical"] } }), gql(m, { input: { id, expectedVersion: 1, name: "B side", genres: ["Western"] } })]);
  console.log(JSON.stringify(res.map(x => x.errors ? x.errors.map(e => e.errorType + ": " + e.message) : x.data)));
}
