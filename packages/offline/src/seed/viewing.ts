// Seeds who watches what, from MovieLens ratings: the demo viewer's default profile gets the history
// of one MovieLens user (so its home screen looks lived in) and every other MovieLens user becomes a
// profile under a seeded account (no Cognito user needed). Their histories stay out of the table:
// they are what the recommender learns from. Idempotent, like the catalog seed.
import { DynamoDBClient, GetItemCommand, PutItemCommand } from "@aws-sdk/client-dynamodb";
import { marshall } from "@aws-sdk/util-dynamodb";
import { interactionItem, progressItem, titleSummaryOf } from "@marquee/core/appsync";
import { Profile } from "@marquee/core/profile";
import type { Title } from "@marquee/core/title";
import type { Rating } from "../movielens/index.ts";
import { batchWrite, titleIdOf, type CatalogSource } from "./catalog.ts";

export type ViewingSeedReport = { demoUserId: number | null; historyEntries: number; seededProfiles: number; seconds: number; skipped: boolean };

const markerKey = { pk: "SEED", sk: "VIEWING" };
/** 2: progress entries carry their title's gsi3 keys (refreshed when the title changes), so older data is reseeded. */
const seedVersion = 2;
/** How many of the demo user's most recent titles are left part-watched (continue watching). */
const inProgressCount = 8;
const day = 86_400_000;

/** The MovieLens user whose history the demo viewer gets: the one closest to 120 ratings (lowest id on ties). */
export function demoMovieLensUser(ratings: readonly Rating[]): number | null {
  const counts = new Map<number, number>();
  for (const rating of ratings) counts.set(rating.userId, (counts.get(rating.userId) ?? 0) + 1);
  let best: number | null = null;
  for (const [userId, count] of counts) {
    const distance = Math.abs(count - 120);
    const bestDistance = best === null ? Infinity : Math.abs((counts.get(best) ?? 0) - 120);
    if (distance < bestDistance || (distance === bestDistance && best !== null && userId < best)) best = userId;
  }
  return best;
}

/** A plausible running time for a title without one (MovieLens has none): 85 to 145 minutes. */
export function runtimeSecondsOf(movieId: number): number {
  return (85 + ((movieId * 7919) % 61)) * 60;
}

/** Account ids of the seeded MovieLens viewers. */
export const movieLensAccountId = (userId: number) => `movielens-${userId}`;
export const movieLensProfileId = (userId: number) => `movielens-${userId}`;

export async function seedViewing(
  client: DynamoDBClient,
  tableName: string,
  source: CatalogSource,
  titles: readonly Title.Info[],
  /** `ensureDefaultProfile` makes its default profile as the API would (the stack runs core with the Lambdas' environment). */
  demoViewer: { accountId: string; email: string; ensureDefaultProfile: () => Promise<{ id: string }> },
  now = Date.now(),
): Promise<ViewingSeedReport> {
  const started = performance.now();
  if (source.kind !== "movielens") {
    return { demoUserId: null, historyEntries: 0, seededProfiles: 0, seconds: 0, skipped: true };
  }
  const ratings = source.data.ratings;
  const demoUserId = demoMovieLensUser(ratings);
  const signature = `v${seedVersion}:${demoViewer.accountId}:${demoUserId}:${ratings.length}`;
  const marker = await client.send(new GetItemCommand({ TableName: tableName, Key: marshall(markerKey), ConsistentRead: true }));
  if (marker.Item?.signature?.S === signature) {
    return { demoUserId, historyEntries: 0, seededProfiles: 0, seconds: (performance.now() - started) / 1000, skipped: true };
  }

  const items: Record<string, unknown>[] = [];
  const titlesById = new Map(titles.map((title) => [title.titleId, title]));

  // The demo viewer: its default profile (created as the API would) gets the MovieLens user's history,
  // moved in time so the latest rating was yesterday.
  const profile = await demoViewer.ensureDefaultProfile();
  const history = ratings.filter((r) => r.userId === demoUserId && titlesById.has(titleIdOf(r.movieId))).sort((a, b) => a.timestamp - b.timestamp);
  const shift = history.length > 0 ? now - day - history[history.length - 1]!.timestamp * 1000 : 0;
  history.forEach((rating, index) => {
    const title = titlesById.get(titleIdOf(rating.movieId))!;
    const durationSeconds = runtimeSecondsOf(rating.movieId);
    const recent = index >= history.length - inProgressCount;
    // Older titles were watched to the end; the latest few stopped part-way, more of the better-rated ones.
    const positionSeconds = recent ? Math.round(durationSeconds * (0.15 + 0.12 * rating.rating)) : durationSeconds;
    const eventAtMillis = rating.timestamp * 1000 + shift;
    const eventAt = new Date(eventAtMillis).toISOString();
    const progress = progressItem({ accountId: demoViewer.accountId, profileId: profile.id, title: titleSummaryOf(title), positionSeconds, durationSeconds, eventAt });
    items.push({ ...progress.key, ...progress.attributes });
    const interaction = interactionItem({
      accountId: demoViewer.accountId,
      profileId: profile.id,
      titleId: title.titleId,
      positionSeconds,
      durationSeconds,
      eventAt,
      eventAtEpochMillis: eventAtMillis,
    });
    items.push({ ...interaction.key, ...interaction.attributes });
  });

  // Every other MovieLens user: an account with one adult profile.
  const createdAt = new Date(now).toISOString();
  const otherUsers = [...new Set(ratings.map((r) => r.userId))].filter((userId) => userId !== demoUserId);
  for (const userId of otherUsers) {
    const accountId = movieLensAccountId(userId);
    items.push(Profile.accountItem({ accountId, profileCount: 1, createdAt, updatedAt: createdAt }));
    items.push(
      Profile.profileItem({
        accountId,
        profileId: movieLensProfileId(userId),
        name: `Viewer ${userId}`,
        avatar: Profile.defaultAvatarFor(`Viewer ${userId}`),
        maturity: "ADULT",
        language: "en",
        pinFailures: 0,
        createdAt,
        updatedAt: createdAt,
      }),
    );
  }

  await batchWrite(client, tableName, items);
  await client.send(new PutItemCommand({ TableName: tableName, Item: marshall({ ...markerKey, signature, seededAt: createdAt }) }));
  return { demoUserId, historyEntries: history.length, seededProfiles: otherUsers.length, seconds: (performance.now() - started) / 1000, skipped: false };
}
