// The Personalize Runtime port: item ids in, item ids out, within a deadline. The same code talks to AWS
// or, offline, to the offline stack's engine (AWS_ENDPOINT_URL_PERSONALIZE_RUNTIME): only the endpoint differs.
import {
  GetPersonalizedRankingCommand,
  GetRecommendationsCommand,
  PersonalizeRuntimeClient,
} from "@aws-sdk/client-personalize-runtime";
import { sdkClient } from "../util/sdk-clients.ts";
import { endpointOf } from "./config.ts";

export type RecommendationRequest = {
  /** A recommender or campaign ARN. */
  arn: string;
  userId: string;
  /** The seed of a related-items use case (because you watched, more like this). */
  itemId?: string;
  numResults: number;
  filterArn?: string;
  filterValues?: Record<string, string>;
};

export async function recommendedItemIds(client: PersonalizeRuntimeClient, request: RecommendationRequest, abortSignal: AbortSignal): Promise<string[]> {
  const { arn, filterArn, ...rest } = request;
  const answer = await client.send(
    new GetRecommendationsCommand({ ...endpointOf(arn), ...rest, ...(filterArn ? { filterArn } : { filterValues: undefined }) }),
    { abortSignal },
  );
  return (answer.itemList ?? []).flatMap((item) => (item.itemId ? [item.itemId] : []));
}

export type RankingRequest = {
  campaignArn: string;
  userId: string;
  inputList: string[];
  filterArn?: string;
  filterValues?: Record<string, string>;
};

/** The input list ordered for the user (a personalized-ranking campaign). */
export async function rankedItemIds(client: PersonalizeRuntimeClient, request: RankingRequest, abortSignal: AbortSignal): Promise<string[]> {
  const { filterArn, ...rest } = request;
  const answer = await client.send(
    new GetPersonalizedRankingCommand({ ...rest, ...(filterArn ? { filterArn } : { filterValues: undefined }) }),
    { abortSignal },
  );
  return (answer.personalizedRanking ?? []).flatMap((item) => (item.itemId ? [item.itemId] : []));
}

/** A client for the API's Lambdas: one retry at most, since the deadline is short anyway. */
export function createRuntimeClient(): PersonalizeRuntimeClient {
  return sdkClient(new PersonalizeRuntimeClient({ maxAttempts: 2 }));
}
