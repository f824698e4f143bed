import { readFileSync } from "node:fs";
const info = JSON.parse(readFileSync("/tmp/mq/stack.out","utf8").split("\n").find(l=>l.startsWith("MARQUEE_STACK ")).slice(14));
const { CognitoIdentityProviderClient, InitiateAuthCommand } = await import('@aws-sdk/client-cognito-identity-provider');
const u = info.demoUsers.find(u => u.email === (process.argv[4] || 'content@marquee.local'));
const c = new CognitoIdentityProviderClient({ endpoint: info.cognitoEndpoint, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
const r = await c.send(new InitiateAuthCommand({ ClientId: info.userPoolClientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: u.email, PASSWORD: u.password } }));
const res = await fetch(info.graphqlUrl, { method: 'POST', headers: { 'content-type': 'application/json', authorization: r.AuthenticationResult.IdToken }, body: JSON.stringify({ query: process.argv[2], variables: JSON.parse(process.argv[3] || "{}") }) });
console.log(res.status, JSON.stringify(await res.json(), null, 1));
