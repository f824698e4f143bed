import { afterAll, beforeAll, expect, it } from "vitest";
import { startRuntimeHarness, type RuntimeHarness } from "./harness.ts";

let h: RuntimeHarness;
beforeAll(async () => { const t = Date.now(); h = await startRuntimeHarness(); console.log("start ms", Date.now() - t); }, 90_000);
afterAll(async () => { await h?.stop(); });

it("smoke", async () => {
  const r = await h.graphql("{ hello echo(text: \"a\", count: 2) inspect(note: \"n\") }");
  console.log(JSON.stringify(r.body, null, 1));
  const l = await h.graphql("{ lambdaEcho(message: \"m\") handlerVersion direct(message: \"x\") }");
  console.log(JSON.stringify(l.body, null, 1));
  expect(r.status).toBe(200);
});
