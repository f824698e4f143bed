// infra/api.ts's translation of every manifest shape (Lambda data sources and their links,
// batched functions, direct Lambda resolvers, pipelines), whatever the real manifest uses today.
// Runs the production stage, so production-only settings are checked too.
import { vi } from "vitest";
import { fixtureManifest, fixturePersonalizeDataSources } from "./fixtures/manifest.ts";
import { describeInfrastructure } from "./graph-assertions.ts";

vi.mock("../../packages/functions/src/manifest.ts", async () => ({
  manifest: (await import("./fixtures/manifest.ts")).fixtureManifest,
  personalizeDataSources: (await import("./fixtures/manifest.ts")).fixturePersonalizeDataSources,
}));

describeInfrastructure({ stage: "production", manifest: fixtureManifest, personalizeDataSources: fixturePersonalizeDataSources });
