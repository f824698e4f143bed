// Recommendations on AWS: Amazon Personalize (a VIDEO_ON_DEMAND dataset group with its recommenders, a
// personalized-ranking campaign, the profile filter and an event tracker) is set up once per account and
// stage outside this program (the Pulumi AWS provider has no Personalize resources; see README.md), and
// named here through SST secrets. A secret left at its placeholder ("") means "not configured": that use
// case answers with popular titles from the table, and interactions are not sent.
//
//   sst secret set PersonalizeTopPicksArn arn:aws:personalize:<region>:<account>:recommender/<name>
//
// The table's stream feeds the interaction Lambda, which sends new interaction items to PutEvents and new or
// changed titles to PutItems (so the maturity filter knows every title).
import { interactionStreamBatching, interactionStreamFilters } from "@marquee/core/recommendation/stream";
import { tableStreamSubscriber } from "./storage.ts";

const partition = aws.getPartitionOutput().partition;
const region = aws.getRegionOutput().region;
const accountId = aws.getCallerIdentityOutput().accountId;
/** Personalize's resources of this account and region (ARNs are only known once set up, after deploy). */
const personalizeResources = $interpolate`arn:${partition}:personalize:${region}:${accountId}:*`;

const setting = (name: string) => new sst.Secret(name, "").value;

/** The table stream's subscriber; offline, packages/offline/src/stream runs the same handler. */
export const interactionStreamHandler = "packages/functions/src/lambda/interactionStream.handler";

/** What the recommendation Lambdas read as `Resource.Recommendations` (core/recommendation/config.ts). */
export const recommendations = new sst.Linkable("Recommendations", {
  properties: {
    topPicks: setting("PersonalizeTopPicksArn"),
    becauseYouWatched: setting("PersonalizeBecauseYouWatchedArn"),
    moreLikeThis: setting("PersonalizeMoreLikeThisArn"),
    trending: setting("PersonalizeTrendingArn"),
    mostPopular: setting("PersonalizeMostPopularArn"),
    personalizedRanking: setting("PersonalizeRankingCampaignArn"),
    filterArn: setting("PersonalizeFilterArn"),
    /** How long a viewer waits for Personalize before the popular titles answer instead... */
    deadlineMs: 300,
    /** ...and on a fresh Lambda instance, until Personalize has answered once (SDK loading, connection). */
    coldStartDeadlineMs: 1_500,
  },
  include: [sst.aws.permission({ actions: ["personalize:GetRecommendations", "personalize:GetPersonalizedRanking"], resources: [personalizeResources] })],
});

/** What the stream Lambda reads as `Resource.InteractionEvents`. */
export const interactionEvents = new sst.Linkable("InteractionEvents", {
  properties: { trackingId: setting("PersonalizeTrackingId"), itemsDatasetArn: setting("PersonalizeItemsDatasetArn") },
  include: [sst.aws.permission({ actions: ["personalize:PutEvents", "personalize:PutItems"], resources: [personalizeResources] })],
});

/** New interactions to PutEvents, titles to PutItems; retried until Personalize is back (a day at most). */
export const interactionStream = tableStreamSubscriber("InteractionStream", {
  handler: interactionStreamHandler,
  link: [interactionEvents],
  timeout: "60 seconds",
  filters: interactionStreamFilters,
  batching: interactionStreamBatching,
});
