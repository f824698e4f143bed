// Recommendation rows for a page, when the API offers them (see api/recommendations.ts).
import { useMemo } from "react";
import { useQuery } from "urql";
import { recommendationDescriptors, recommendationRequest, type RecommendationRow } from "../api/recommendations.ts";
import { recommendationFieldLabels, type RecommendationField } from "../api/recommendation-fields.ts";

const placeholderQuery = "query NoRecommendations { __typename }";

export function useRecommendationRows(
  fields: RecommendationField[],
  variables: { profileId: string; titleId?: string },
  options: { pause?: boolean; titleName?: string } = {},
): { rows: RecommendationRow[]; pending: boolean; offered: boolean } {
  const key = fields.join(",");
  const request = useMemo(
    () =>
      recommendationRequest(recommendationDescriptors, key.split(",") as RecommendationField[], variables, (field) =>
        field === "becauseYouWatched" && options.titleName ? `Because you watched ${options.titleName}` : recommendationFieldLabels[field],
      ),
    [key, variables.profileId, variables.titleId, options.titleName],
  );
  const [result] = useQuery({
    query: request?.query ?? placeholderQuery,
    variables: request?.variables ?? {},
    pause: !request || options.pause,
    requestPolicy: "cache-and-network",
  });
  const rows = useMemo(() => (request && result.data ? request.rows(result.data) : []), [request, result.data]);
  // Pending: offered, not answered yet (asked, or waiting for `pause` to lift).
  return { rows, pending: Boolean(request) && !result.data && !result.error, offered: Boolean(request) };
}
