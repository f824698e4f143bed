// A small GraphQL IDE page served at the runtime's root: sign in as a demo user through the Cognito
// API (USER_PASSWORD_AUTH, as the web client does), then run queries with the id token.
// Self-contained: no CDN, no external fonts.
import type { StackInfo } from "./stack.ts";

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function idePage(info: StackInfo): string {
  const config = JSON.stringify({
    graphqlUrl: info.graphqlUrl,
    cognitoEndpoint: info.cognitoEndpoint,
    clientId: info.userPoolClientId,
    users: info.demoUsers.map(({ email, password, groups }) => ({ email, password, groups })),
  }).replace(/</g, "\\u003c");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Marquee GraphQL</title>
<style>
body{font:14px system-ui,sans-serif;margin:0;background:#111;color:#eee}
header{padding:10px 16px;background:#b00020;display:flex;gap:12px;align-items:center}
main{display:grid;grid-template-columns:1fr 1fr;gap:12px;padding:12px;height:calc(100vh - 70px)}
textarea,pre{width:100%;box-sizing:border-box;background:#1c1c1c;color:#eee;border:1px solid #333;border-radius:6px;padding:8px;font:13px ui-monospace,monospace}
textarea{height:60%}#variables{height:25%}pre{height:100%;overflow:auto;margin:0}
button,select{font:inherit;padding:4px 10px}
</style></head><body>
<header><strong>Marquee GraphQL</strong>
<label>Sign in as <select id="user"></select></label><button id="signin">Sign in</button>
<span id="status">not signed in</span><button id="run" disabled>Run ▶</button></header>
<main><div><textarea id="query" aria-label="Query">query Genres {\n  genres { name titleCount }\n}</textarea>
<textarea id="variables" aria-label="Variables">{}</textarea></div><pre id="result" aria-live="polite"></pre></main>
<script>
const config = ${config};
let idToken = null;
const $ = (id) => document.getElementById(id);
for (const u of config.users) $("user").add(new Option(u.email + (u.groups.length ? " (" + u.groups.join(", ") + ")" : ""), u.email));
$("signin").onclick = async () => {
  const user = config.users.find((u) => u.email === $("user").value);
  const response = await fetch(config.cognitoEndpoint, { method: "POST",
    headers: { "content-type": "application/x-amz-json-1.1", "x-amz-target": "AWSCognitoIdentityProviderService.InitiateAuth" },
    body: JSON.stringify({ AuthFlow: "USER_PASSWORD_AUTH", ClientId: config.clientId, AuthParameters: { USERNAME: user.email, PASSWORD: user.password } }) });
  const body = await response.json();
  idToken = body.AuthenticationResult && body.AuthenticationResult.IdToken;
  $("status").textContent = idToken ? "signed in as " + user.email : "sign-in failed: " + (body.message || response.status);
  $("run").disabled = !idToken;
};
$("run").onclick = async () => {
  let variables = {};
  try { variables = JSON.parse($("variables").value || "{}"); } catch { $("result").textContent = "Variables are not valid JSON."; return; }
  const response = await fetch(config.graphqlUrl, { method: "POST", headers: { "content-type": "application/json", authorization: idToken },
    body: JSON.stringify({ query: $("query").value, variables }) });
  $("result").textContent = response.status + "\\n" + JSON.stringify(await response.json(), null, 2);
};
</script>
<noscript>${escapeHtml("This page needs JavaScript.")}</noscript>
</body></html>`;
}
