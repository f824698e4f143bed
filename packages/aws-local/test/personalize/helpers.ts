// Shared by the personalize tests: ARNs, SDK client settings for a local endpoint, and a small synthetic
// catalog whose right answers are known.
import type { Interaction, ItemRecord } from "../../src/personalize/index.ts";
import { seededRandom } from "../../src/testing/random.ts";

export const arn = (resource: string) => `arn:aws:personalize:us-east-1:123456789012:${resource}`;

export const clientConfig = (endpoint: string) => ({
  endpoint,
  region: "us-east-1",
  credentials: { accessKeyId: "local", secretAccessKey: "local" },
  // Errors must surface at once, not after retries.
  maxAttempts: 1,
});

export const clusters = ["A", "B", "C"] as const;
export const itemsPerCluster = 10;
export const itemId = (cluster: string, index: number) => `${cluster}${index}`;

/** The synthetic catalog is the same on every run: the evaluation's seeded generator (Mulberry32). */
export const seeded = seededRandom;

/**
 * Three clusters of ten items (think genres); each user watches five items of one cluster. Whoever watches
 * A0 also watches A1 (a film and its sequel). So a cluster-A user should be recommended A items, and
 * "more like A0" should start with A1.
 */
export function clusteredInteractions(usersPerCluster = 20, seed = 7): Interaction[] {
  const random = seeded(seed);
  const interactions: Interaction[] = [];
  let time = 1_600_000_000;
  clusters.forEach((cluster) => {
    for (let u = 0; u < usersPerCluster; u++) {
      const userId = `${cluster.toLowerCase()}-user-${u}`;
      const picks = new Set<number>();
      while (picks.size < 5) picks.add(Math.floor(random() * itemsPerCluster));
      if (picks.has(0)) picks.add(1);
      for (const index of picks) interactions.push({ userId, itemId: itemId(cluster, index), timestamp: time++, eventType: "watch" });
    }
  });
  return interactions;
}

/** Item metadata for the clustered catalog: GENRES is the cluster, MATURITY alternates, YEAR counts up. */
export function clusteredItems(): ItemRecord[] {
  return clusters.flatMap((cluster) =>
    Array.from({ length: itemsPerCluster }, (_, index) => ({
      itemId: itemId(cluster, index),
      fields: { GENRES: [cluster, index % 2 === 0 ? "Even" : "Odd"], MATURITY: index % 2 === 0 ? "ALL" : "ADULT", YEAR: 2000 + index },
    })),
  );
}

export const clusterOf = (id: string) => id[0];
