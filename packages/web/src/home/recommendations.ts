// Recommendation rows for a page, when the API offers them (see api/recommendations.ts).
import { useCallback, useMemo } from "react";
import { useClient, useQuery } from "urql";
import type { TitleCard } from "../api/documents.ts";
import {
  recommendationDescriptors,
  recommendationMaxResults,
  recommendationRequest,
  recommendationRowSize,
  type RecommendationRow,
} from "../api/recommendations.ts";
import { recommendationFieldLabels, type RecommendationField } from "../api/recommendation-fields.ts";
import { unwrap } from "../ui/action.ts";
import { usePagedList, type PagedList } from "../ui/paging.ts";

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

/**
 * A recommendation row that grows on demand. A recommender answers a list, not pages: "more" asks for
 * the same list 20 titles longer (up to the API's 50) and adds the titles not shown yet, so the row
 * never repeats one; it ends when the answer is shorter than asked or the limit is reached.
 */
export function useRecommendationPaging(row: RecommendationRow, variables: { profileId: string; titleId?: string }): PagedList<TitleCard> {
  const client = useClient();
  const fetchPage = useCallback(
    async (nextToken: string | null) => {
      const size = nextToken ? Number(nextToken) : Math.min(recommendationMaxResults, row.titles.length + recommendationRowSize);
      const request = recommendationRequest(recommendationDescriptors, [row.field], variables, undefined, size);
      if (!request) return { items: [], nextToken: null };
      const data = unwrap(await client.query(request.query, request.variables, { requestPolicy: "network-only" }).toPromise());
      const titles = request.rows(data)[0]?.titles ?? [];
      const full = titles.length >= size && size < recommendationMaxResults;
      return { items: titles, nextToken: full ? String(Math.min(recommendationMaxResults, size + recommendationRowSize)) : null };
    },
    [client, row.field, row.titles.length, variables.profileId, variables.titleId],
  );
  return usePagedList({
    initial: row.titles,
    initialHasMore: row.titles.length >= recommendationRowSize && row.titles.length < recommendationMaxResults,
    fetchPage,
    keyOf: (title) => title.id,
  });
}
