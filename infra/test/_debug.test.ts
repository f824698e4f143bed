import { it } from "vitest";
import { runSstProgram, resourcesOf } from "./sst-mocks.ts";
it("debug", async () => {
  const run = await runSstProgram({ stage: "ci" });
  for (const r of resourcesOf(run, "aws:lambda/function:Function")) console.log("LAMBDA", r.name, r.inputs.name, r.state.arn);
  for (const r of resourcesOf(run, "aws:appsync/dataSource:DataSource")) console.log("DS", r.inputs.name, JSON.stringify(r.inputs.lambdaConfig));
  for (const r of resourcesOf(run, "sst:sst:Secret")) console.log("SECRET", r.name, JSON.stringify(r.inputs));
  console.log(run.builds.map((b) => `${b.functionID} ${b.handler} ${b.links}`).join("\n"));
}, 200000);
