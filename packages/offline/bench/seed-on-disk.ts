// The first `npm start`'s seed without the rest of npm start: the whole catalog into DynamoDB Local kept on
// disk (a temporary data folder, as .marquee/ is), with the seed code the stack runs.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { startDynamoDBLocal } from "@marquee/aws-local/engines/dynamodb";
import { ensureTable } from "@marquee/aws-local/engines/provision";
import { freePort } from "@marquee/aws-local/engines/readiness";
import { tableDefinition } from "@marquee/core/table";
import { loadCatalogSource, seedCatalog, type SeedReport } from "../src/seed/catalog.ts";

export async function measureSeedOnDisk(repoRoot: string): Promise<SeedReport> {
  const dataDirectory = mkdtempSync(join(tmpdir(), "marquee-bench-seed-"));
  const engine = await startDynamoDBLocal({ port: await freePort(), dataDirectory });
  const client = new DynamoDBClient({ endpoint: engine.endpoint, region: "us-east-1", credentials: { accessKeyId: "local", secretAccessKey: "local" } });
  try {
    await ensureTable(client, "marquee", tableDefinition);
    return await seedCatalog(client, "marquee", await loadCatalogSource(repoRoot, "full"));
  } finally {
    client.destroy();
    await engine.stop();
    rmSync(dataDirectory, { recursive: true, force: true });
  }
}
