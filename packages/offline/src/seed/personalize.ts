// What the local Personalize starts with, as a dataset group on AWS would: its resources (recommenders,
// the ranking campaign, the filter, the event tracker, the items dataset), addressed by ARNs shaped like the ones infra/
// takes as secrets, and its bulk data, exported from the seed as dataset import jobs read it:
//   interactions: every MovieLens rating as a "finish" of the seeded viewer `movielens-<userId>`, plus the
//                 interaction items the table holds for the demo accounts' profiles (the demo viewer's
//                 seeded MovieLens history, and whatever they watched in earlier runs of `npm start`);
//   items:        every title's MATURITY (UNRATED when it has none) and GENRES, for the filter.
import { DynamoDBClient, QueryCommand } from "@aws-sdk/client-dynamodb";
import { marshall, unmarshall } from "@aws-sdk/util-dynamodb";
import { join } from "node:path";
import { accountPartition, interactionSortKeyPrefix, profilePartition, profileSortKeyPrefix } from "@marquee/core/appsync";
import type { RecommendationsLink, UseCase } from "@marquee/core/recommendation/config";
import { profileFilterExpression } from "@marquee/core/recommendation/config";
import { itemMaturity } from "@marquee/core/appsync";
import type { Title } from "@marquee/core/title";
import {
  exportInteractionsCsv,
  exportItemsCsv,
  startLocalPersonalize,
  type Interaction,
  type LocalPersonalizeConfig,
  type RecommenderUseCase,
  type RunningLocalPersonalize,
} from "@marquee/aws-local/personalize/index";
import { titleIdOf, type CatalogSource } from "./catalog.ts";
import { movieLensProfileId } from "./viewing.ts";

const localArn = (region: string, resource: string) => `arn:aws:personalize:${region}:000000000000:${resource}`;

/** Marquee's use cases and the VIDEO_ON_DEMAND recipes the local recommenders serve them with. */
const recommenderOf: Record<UseCase, { name: string; useCase: RecommenderUseCase }> = {
  topPicks: { name: "marquee-top-picks", useCase: "top-picks" },
  becauseYouWatched: { name: "marquee-because-you-watched", useCase: "because-you-watched" },
  moreLikeThis: { name: "marquee-more-like-x", useCase: "more-like-x" },
  trending: { name: "marquee-trending-now", useCase: "trending-now" },
  mostPopular: { name: "marquee-most-popular", useCase: "most-popular" },
};

export type LocalPersonalizeResources = {
  /** What the recommendation Lambdas read as SST_RESOURCE_Recommendations (the shape infra/ links). */
  recommendations: Required<RecommendationsLink>;
  /** What the stream Lambda reads as SST_RESOURCE_InteractionEvents. */
  interactionEvents: { trackingId: string; itemsDatasetArn: string };
  /** The same resources, as the local engine is configured with them. */
  engine: Pick<LocalPersonalizeConfig, "recommenders" | "campaigns" | "filters" | "trackingIds" | "itemsDatasetArn">;
};

export function localPersonalizeResources(region: string): LocalPersonalizeResources {
  const recommenders = Object.fromEntries(Object.entries(recommenderOf).map(([useCase, { name }]) => [useCase, localArn(region, `recommender/${name}`)])) as Record<UseCase, string>;
  const ranking = localArn(region, "campaign/marquee-personalized-ranking");
  const filterArn = localArn(region, "filter/marquee-profile");
  const trackingId = "marquee-local-tracking-id";
  const itemsDatasetArn = localArn(region, "dataset/marquee/ITEMS");
  return {
    // Deadlines above AWS's 300 ms / 1.5 s: here the engine shares two cores with everything else (and the
    // tests), and a late answer would turn a test of Personalize into one of the fallback.
    recommendations: { ...recommenders, personalizedRanking: ranking, filterArn, deadlineMs: 1_000, coldStartDeadlineMs: 3_000 },
    interactionEvents: { trackingId, itemsDatasetArn },
    engine: {
      recommenders: Object.fromEntries(Object.entries(recommenders).map(([useCase, arn]) => [arn, recommenderOf[useCase as UseCase].useCase])),
      campaigns: { [ranking]: "personalized-ranking" },
      filters: { [filterArn]: profileFilterExpression },
      trackingIds: [trackingId],
      itemsDatasetArn,
    },
  };
}

export type PersonalizeDatasetsReport = { interactionsCsv: string; itemsCsv: string; interactions: number; items: number; users: number; seconds: number };

/** Writes interactions.csv and items.csv into `directory` for the engine's bulk import. */
export async function exportPersonalizeDatasets(options: {
  client: DynamoDBClient;
  tableName: string;
  source: CatalogSource;
  titles: readonly Title.Info[];
  /** Accounts whose profiles' interaction items are exported from the table (the demo users'). */
  accountIds: readonly string[];
  /** The MovieLens user the demo viewer's history came from: their ratings are in the table already. */
  demoMovieLensUserId: number | null;
  directory: string;
}): Promise<PersonalizeDatasetsReport> {
  const started = performance.now();
  const catalog = new Set(options.titles.map((title) => title.titleId));
  const interactions: Interaction[] = [];
  if (options.source.kind === "movielens") {
    for (const rating of options.source.data.ratings) {
      const itemId = titleIdOf(rating.movieId);
      if (rating.userId === options.demoMovieLensUserId || !catalog.has(itemId)) continue;
      interactions.push({ userId: movieLensProfileId(rating.userId), itemId, timestamp: rating.timestamp, eventType: "finish" });
    }
  }
  for (const accountId of options.accountIds) interactions.push(...(await tableInteractions(options.client, options.tableName, accountId)));

  const interactionsCsv = join(options.directory, "interactions.csv");
  const itemsCsv = join(options.directory, "items.csv");
  await exportInteractionsCsv(interactionsCsv, interactions);
  const items = await exportItemsCsv(
    itemsCsv,
    options.titles.map((title) => ({ itemId: title.titleId, fields: { MATURITY: itemMaturity(title.maturity), GENRES: title.genres } })),
  );
  return {
    interactionsCsv,
    itemsCsv,
    interactions: interactions.length,
    items,
    users: new Set(interactions.map((interaction) => interaction.userId)).size,
    seconds: (performance.now() - started) / 1000,
  };
}

/** The interaction items of an account's profiles, as Personalize interactions (USER_ID = the profile). */
async function tableInteractions(client: DynamoDBClient, tableName: string, accountId: string): Promise<Interaction[]> {
  const profiles = await queryAll(client, tableName, accountPartition(accountId), profileSortKeyPrefix);
  const interactions: Interaction[] = [];
  for (const profile of profiles) {
    for (const item of await queryAll(client, tableName, profilePartition(String(profile.profileId)), interactionSortKeyPrefix)) {
      if (item.__edb_e__ !== "interaction") continue;
      interactions.push({ userId: String(item.profileId), itemId: String(item.titleId), timestamp: Math.floor(Date.parse(String(item.eventAt)) / 1000), eventType: String(item.eventType) });
    }
  }
  return interactions;
}

async function queryAll(client: DynamoDBClient, tableName: string, partition: string, sortKeyPrefix: string): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const result = await client.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: "pk = :pk AND begins_with(sk, :prefix)",
        ExpressionAttributeValues: marshall({ ":pk": partition, ":prefix": sortKeyPrefix }),
        ExclusiveStartKey: startKey ? marshall(startKey) : undefined,
      }),
    );
    items.push(...(result.Items ?? []).map((item) => unmarshall(item)));
    startKey = result.LastEvaluatedKey ? unmarshall(result.LastEvaluatedKey) : undefined;
  } while (startKey);
  return items;
}

/**
 * The local Personalize, started once the seed is in the table: the datasets exported into `directory`,
 * imported, the first model trained (as a campaign is ACTIVE only once trained), then it listens.
 */
export async function startSeededPersonalize(options: {
  port: number;
  resources: LocalPersonalizeResources;
  /** null: nothing was seeded, the engine starts empty. */
  datasets: Parameters<typeof exportPersonalizeDatasets>[0] | null;
  log?: (line: string) => void;
}): Promise<{ running: RunningLocalPersonalize; datasets: PersonalizeDatasetsReport | null }> {
  const datasets = options.datasets ? await exportPersonalizeDatasets(options.datasets) : null;
  const running = await startLocalPersonalize({
    port: options.port,
    ...options.resources.engine,
    ...(datasets ? { interactionsCsv: datasets.interactionsCsv, itemsCsv: datasets.itemsCsv } : {}),
    log: options.log,
  });
  return { running, datasets };
}
