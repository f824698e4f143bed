import { test } from "vitest";
import { runSstProgram } from "./sst-mocks.ts";
test("explore", async () => {
  const run = await runSstProgram({ stage: "ci" });
  for (const r of run.resources) if (["aws:appsync/graphQLApi:GraphQLApi","aws:cognito/userPoolClient:UserPoolClient","aws:dynamodb/table:Table","aws:appsync/resolver:Resolver","aws:appsync/dataSource:DataSource","aws:cognito/userGroup:UserGroup","aws:iam/role:Role"].includes(r.type)) console.log(r.type, r.name, JSON.stringify(r.inputs, (k, v) => k === "schema" || k === "code" ? String(v).slice(0, 60) : v, 1));
}, 120000);
