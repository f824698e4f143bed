// Where recommendations come from: the Personalize ARNs of each use case, the filter, the deadline.
// On AWS they arrive through SST's link `Recommendations` (infra/recommendations.ts, values from SST
// secrets); offline the local stack sets SST_RESOURCE_Recommendations to its own engine's ARNs. Nothing
// here is hard-coded: an empty or missing value means "not configured" and that use case answers
// from the table (popularity).
import { Resource } from "sst";
import { z } from "zod";
import type { ProfileMaturity } from "../profile/maturity.ts";
import { personalizeMaturities } from "./limits.ts";

export const useCases = ["topPicks", "becauseYouWatched", "moreLikeThis", "trending", "mostPopular"] as const;
export type UseCase = (typeof useCases)[number];

/**
 * The one filter every request carries: titles the profile's maturity allows ($MATURITY, values from
 * `filterValuesFor`) and none it finished. Create it in the dataset group with exactly this expression
 * (infra/README.md); the local stack creates it in its engine from this constant.
 */
export const profileFilterExpression =
  'INCLUDE ItemID WHERE Items.MATURITY IN ($MATURITY) | EXCLUDE ItemID WHERE Interactions.EVENT_TYPE IN ("finish")';

/** filterValues as Personalize takes them: each value double-quoted, comma-separated, in one string. */
export function filterValuesFor(profile: ProfileMaturity): Record<string, string> {
  return { MATURITY: personalizeMaturities(profile).map((value) => JSON.stringify(value)).join(",") };
}

const personalizeArn = /^arn:aws[a-z-]*:personalize:[a-z0-9-]+:\d{12}:(recommender|campaign|filter)\/[A-Za-z0-9_.-]+$/;

/** "" (a secret left at its placeholder) counts as absent. */
const optionalArn = (kind: "recommender or campaign" | "campaign" | "filter") =>
  z.preprocess(
    (value) => (value === "" || value === null ? undefined : value),
    z
      .string()
      .regex(personalizeArn, `must be a Personalize ${kind} ARN`)
      .refine((arn) => kind !== "campaign" || arn.includes(":campaign/"), "must be a campaign ARN")
      .refine((arn) => kind !== "filter" || arn.includes(":filter/"), "must be a filter ARN")
      .refine((arn) => kind !== "recommender or campaign" || !arn.includes(":filter/"), "must be a recommender or campaign ARN")
      .optional(),
  );

export const RecommendationsConfig = z.object({
  /** Per use case: a recommender (VIDEO_ON_DEMAND domain) or a campaign (custom solution) ARN. */
  topPicks: optionalArn("recommender or campaign"),
  becauseYouWatched: optionalArn("recommender or campaign"),
  moreLikeThis: optionalArn("recommender or campaign"),
  trending: optionalArn("recommender or campaign"),
  mostPopular: optionalArn("recommender or campaign"),
  /** Optional: a personalized-ranking campaign that orders trending for the profile. */
  personalizedRanking: optionalArn("campaign"),
  /** The filter created from `profileFilterExpression`. Without it, only the checks on the table apply. */
  filterArn: optionalArn("filter"),
  /** How long the viewer may wait for Personalize before the popular titles answer instead. */
  deadlineMs: z.coerce.number().int().min(10).max(10_000).default(300),
  /**
   * The deadline until Personalize has answered once in this process: a fresh Lambda instance first loads
   * the SDK's code and opens its connection, which alone can take longer than `deadlineMs`.
   */
  coldStartDeadlineMs: z.coerce.number().int().min(10).max(10_000).default(1_500),
});
export type RecommendationsConfig = z.output<typeof RecommendationsConfig>;
/** The link's shape as written (infra/, the local stack): ARNs ("" = not configured), deadlines optional. */
export type RecommendationsLink = Partial<Record<UseCase | "personalizedRanking" | "filterArn", string>> & { deadlineMs?: number; coldStartDeadlineMs?: number };

export const notConfigured: RecommendationsConfig = RecommendationsConfig.parse({});

/**
 * The linked configuration, or `notConfigured` when the link is absent or invalid (logged): a bad
 * setting degrades recommendations to popularity, it never breaks the API.
 */
export function configFromResource(): RecommendationsConfig {
  const resources = Resource as unknown as Record<string, unknown>;
  if (!("Recommendations" in resources)) return notConfigured;
  const parsed = RecommendationsConfig.safeParse(resources.Recommendations);
  if (parsed.success) return parsed.data;
  console.error(JSON.stringify({ message: "Recommendations link is invalid: using popularity only", issues: parsed.error.issues }));
  return notConfigured;
}

/** GetRecommendations addresses a recommender and a campaign through different fields. */
export function endpointOf(arn: string): { recommenderArn: string } | { campaignArn: string } {
  return arn.includes(":campaign/") ? { campaignArn: arn } : { recommenderArn: arn };
}

const datasetArn = /^arn:aws[a-z-]*:personalize:[a-z0-9-]+:\d{12}:dataset\/[A-Za-z0-9_.-]+\/ITEMS$/;

export const InteractionEventsConfig = z.object({
  /** The event tracker's tracking id (CreateEventTracker); empty = not configured. */
  trackingId: z.preprocess((value) => (value === "" || value === null ? undefined : value), z.string().max(256).optional()),
  /** The items dataset's ARN (arn:...:dataset/<group>/ITEMS), for PutItems; empty = not configured. */
  itemsDatasetArn: z.preprocess((value) => (value === "" || value === null ? undefined : value), z.string().regex(datasetArn, "must be a Personalize items dataset ARN").optional()),
});
export type InteractionEventsConfig = z.output<typeof InteractionEventsConfig>;

/** The stream Lambda's link `InteractionEvents`, or no tracking id when absent or invalid (logged). */
export function interactionEventsConfigFromResource(): InteractionEventsConfig {
  const resources = Resource as unknown as Record<string, unknown>;
  if (!("InteractionEvents" in resources)) return {};
  const parsed = InteractionEventsConfig.safeParse(resources.InteractionEvents);
  if (parsed.success) return parsed.data;
  console.error(JSON.stringify({ message: "InteractionEvents link is invalid: interactions are not sent", issues: parsed.error.issues }));
  return {};
}
