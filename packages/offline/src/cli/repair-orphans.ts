// Removes items left under profiles that no longer exist (History.removeOrphans) from the table of the
// stack `npm start` runs, found through the settings it writes (.marquee/stack.json):
//   npx tsx packages/offline/src/cli/repair-orphans.ts [--dry-run]
// Not while the demo seed is still writing: its batches may put a profile's items before the profile.
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { History } from "@marquee/core/history";
import type { StackInfo } from "../stack.ts";

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../../../..");
const stackFile = join(repoRoot, ".marquee", "stack.json");
const dryRun = process.argv.includes("--dry-run");

if (!existsSync(stackFile)) {
  console.error(`[repair-orphans] ${stackFile} is missing: start the stack with npm start first.`);
  process.exit(1);
}
const info = JSON.parse(readFileSync(stackFile, "utf8")) as StackInfo;
const dynamo = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: info.dynamodbEndpoint, region: info.region, credentials: info.credentials }));
try {
  const report = await History.removeOrphans({ dynamo, tableName: info.tableName }, { dryRun });
  const orphans = report.orphanedProfileIds;
  console.log(`[repair-orphans] ${report.partitionsChecked} profile partitions checked, ${orphans.length} without their profile${orphans.length ? `: ${orphans.join(", ")}` : ""}`);
  console.log(`[repair-orphans] ${dryRun ? "dry run: nothing deleted" : `${report.itemsRemoved} items deleted`}`);
} finally {
  dynamo.destroy();
}
