import { GetRecommendationsCommand, PersonalizeRuntimeClient } from "@aws-sdk/client-personalize-runtime";
import { PersonalizeEventsClient, PutEventsCommand } from "@aws-sdk/client-personalize-events";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { exportInteractionsCsv, exportItemsCsv, startLocalPersonalizeThread } from "../../src/personalize/index.ts";
import { arn, clientConfig, clusterOf, clusteredInteractions, clusteredItems } from "./helpers.ts";

const directory = mkdtempSync(join(tmpdir(), "personalize-thread-"));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

describe("startLocalPersonalizeThread", () => {
  it("serves the same API from its own thread, fed by dataset CSV files, and stops", async () => {
    const interactionsCsv = join(directory, "interactions.csv");
    const itemsCsv = join(directory, "items.csv");
    const interactions = clusteredInteractions();
    await exportInteractionsCsv(interactionsCsv, interactions);
    await exportItemsCsv(itemsCsv, clusteredItems());
    const lines: string[] = [];
    const topPicks = arn("recommender/top-picks");
    const local = await startLocalPersonalizeThread({
      recommenders: { [topPicks]: "top-picks" },
      model: { lambda: 5, minItemUsers: 1 },
      retrainAfterEvents: 2,
      interactionsCsv,
      itemsCsv,
      log: (line) => lines.push(line),
    });
    const runtime = new PersonalizeRuntimeClient(clientConfig(local.endpoint));
    const events = new PersonalizeEventsClient(clientConfig(local.endpoint));
    try {
      expect(local.model).toMatchObject({ version: 1, interactions: interactions.length, modelItems: 30 });
      expect(lines.join("\n")).toMatch(new RegExp(`model v1 trained on ${interactions.length} interactions`));
      const response = await runtime.send(new GetRecommendationsCommand({ recommenderArn: topPicks, userId: "a-user-0", numResults: 3 }));
      expect(response.itemList!.map((item) => clusterOf(item.itemId!))).toEqual(["A", "A", "A"]);
      await events.send(
        new PutEventsCommand({ trackingId: "any", sessionId: "s", userId: "new-user", eventList: ["B1", "B2"].map((itemId) => ({ eventType: "watch", itemId, sentAt: new Date() })) }),
      );
      // Two new events reach retrainAfterEvents: the thread retrains in the background.
      for (let attempt = 0; attempt < 200 && (await local.status()).version < 2; attempt++) await new Promise((resolve) => setTimeout(resolve, 25));
      expect(await local.status()).toMatchObject({ version: 2, interactions: interactions.length + 2 });
    } finally {
      runtime.destroy();
      events.destroy();
      await local.stop();
    }
    await expect(fetch(`${local.endpoint}/recommendations`, { method: "POST", body: "{}" })).rejects.toThrow();
  });

  it("reports a failed start instead of hanging", async () => {
    await expect(startLocalPersonalizeThread({ interactionsCsv: join(directory, "missing.csv") })).rejects.toThrow(/failed to start: .*missing.csv/);
  });
});
