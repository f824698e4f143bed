import { GetRecommendationsCommand, PersonalizeRuntimeClient } from "@aws-sdk/client-personalize-runtime";
import { request, Agent } from "node:http";
import { startLocalPersonalize } from "../../src/personalize/index.ts";
const pop = "arn:aws:personalize:us-east-1:1:recommender/pop";
const local = await startLocalPersonalize({ recommenders: { [pop]: "most-popular" }, interactions: [{ userId: "u", itemId: "i", timestamp: 1 }] });
const pct = (v: number[], f: number) => [...v].sort((a, b) => a - b)[Math.floor(f * v.length)]!.toFixed(3);
const agent = new Agent({ keepAlive: true });
const url = new URL(local.endpoint);
const raw = () => new Promise<void>((resolve, reject) => {
  const body = JSON.stringify({ recommenderArn: pop, numResults: 25 });
  const req = request({ host: url.hostname, port: url.port, path: "/recommendations", method: "POST", agent, headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) } }, (res) => { res.resume(); res.on("end", () => resolve()); });
  req.on("error", reject); req.end(body);
});
const client = new PersonalizeRuntimeClient({ endpoint: local.endpoint, region: "us-east-1", credentials: { accessKeyId: "a", secretAccessKey: "b" } });
const sdk = () => client.send(new GetRecommendationsCommand({ recommenderArn: pop, numResults: 25 }));
for (const [name, f] of [["raw", raw], ["sdk", sdk], ["raw", raw], ["sdk", sdk]] as const) {
  const d: number[] = [];
  for (let i = 0; i < 3000; i++) { const t = performance.now(); await f(); d.push(performance.now() - t); }
  console.log(name, "p50", pct(d.slice(500), 0.5), "p99", pct(d.slice(500), 0.99));
}
client.destroy(); await local.stop();
