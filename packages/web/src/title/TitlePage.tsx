// A title: poster, facts, ratings, My List, Play or Resume, and more like it.
import { useCallback, useState } from "react";
import { useClient, useQuery } from "urql";
import {
  AddToMyListMutation,
  ContinueWatchingQuery,
  MyListQuery,
  RemoveFromMyListMutation,
  TitleQuery,
  TitlesByGenreQuery,
  type TitleCard,
  type TitleDetail,
} from "../api/documents.ts";
import { describeApiError } from "../api/errors.ts";
import { useProfile } from "../app/services.tsx";
import type { RecommendationRow } from "../api/recommendations.ts";
import { useRecommendationPaging, useRecommendationRows } from "../home/recommendations.ts";
import { ErrorNotice, formatDuration, maturityLabels, PageTitle, Poster, Row, TitleCardView } from "../ui/components.tsx";
import { unwrap, useAction } from "../ui/action.ts";
import type { PagedList } from "../ui/paging.ts";
import { Link, paths } from "../router.tsx";

const lookAhead = 50;

export function TitlePage({ titleId }: { titleId: string }) {
  const profile = useProfile();
  const [{ data, error, fetching }] = useQuery({ query: TitleQuery, variables: { id: titleId, profileId: profile.id }, requestPolicy: "cache-and-network" });
  const title = data?.title;

  if (!title) {
    const problem = describeApiError(error);
    return (
      <main className="page" id="main" aria-busy={fetching}>
        {fetching ? (
          <div className="title-skeleton" aria-hidden="true">
            <div className="skeleton skeleton-poster-large" />
            <div className="skeleton-lines">
              <div className="skeleton skeleton-heading" />
              <div className="skeleton skeleton-line" />
              <div className="skeleton skeleton-line" />
            </div>
          </div>
        ) : (
          <>
            <PageTitle>{problem?.kind === "notAvailable" ? "Not available" : "Title not found"}</PageTitle>
            <ErrorNotice message={problem?.message ?? "We couldn't find that title."} />
            <Link to={paths.home()}>Back to Home</Link>
          </>
        )}
      </main>
    );
  }
  return <TitleDetails title={title} profileId={profile.id} />;
}

function TitleDetails({ title, profileId }: { title: TitleDetail; profileId: string }) {
  const [{ data: watching }] = useQuery({ query: ContinueWatchingQuery, variables: { profileId, limit: lookAhead }, requestPolicy: "cache-and-network" });
  const entry = watching?.continueWatching.items.find((item) => item.title.id === title.id);
  const resumeAt = entry?.resumeAtSeconds ?? null;

  return (
    <main className="page title-page" id="main" data-testid="title-page">
      <div className="title-hero">
        <Poster title={title} size="large" />
        <div className="title-facts">
          <PageTitle>{title.name}</PageTitle>
          <ul className="facts" aria-label="Facts">
            {title.year && <li>{title.year}</li>}
            <li>
              <span className="maturity" title="Maturity rating">
                {title.maturity ? maturityLabels[title.maturity] : "Not rated"}
              </span>
            </li>
            {title.averageRating != null && (
              <li aria-label={`Rated ${title.averageRating.toFixed(1)} out of 5 by ${title.ratingCount.toLocaleString()} viewers`}>
                ★ {title.averageRating.toFixed(1)} <span className="muted">({title.ratingCount.toLocaleString()} ratings)</span>
              </li>
            )}
            <li>{title.popularity.toLocaleString()} viewers</li>
          </ul>
          {title.genres.length > 0 && (
            <ul className="tags" aria-label="Genres">
              {title.genres.map((genre) => (
                <li key={genre}>
                  <Link to={paths.genre(genre)} className="tag">
                    {genre}
                  </Link>
                </li>
              ))}
            </ul>
          )}
          <div className="actions">
            <Link to={paths.watch(title.id)} className="button button-primary button-large" data-testid="play">
              ▶ {resumeAt ? `Resume from ${formatDuration(resumeAt)}` : "Play"}
            </Link>
            {resumeAt !== null && (
              <Link to={`${paths.watch(title.id)}?from=0`} className="button button-outline button-large">
                Play from the start
              </Link>
            )}
            <MyListButton profileId={profileId} titleId={title.id} titleName={title.name} />
          </div>
          {entry && entry.durationSeconds > 0 && (
            <div className="title-progress" aria-label={`Watched ${formatDuration(entry.positionSeconds)} of ${formatDuration(entry.durationSeconds)}`}>
              <span style={{ width: `${Math.round((entry.positionSeconds / entry.durationSeconds) * 100)}%` }} />
            </div>
          )}
        </div>
      </div>
      <MoreLikeThis title={title} profileId={profileId} />
    </main>
  );
}

export function MyListButton({ profileId, titleId, titleName }: { profileId: string; titleId: string; titleName: string }) {
  const client = useClient();
  const [{ data }] = useQuery({ query: MyListQuery, variables: { profileId, limit: lookAhead }, requestPolicy: "cache-and-network" });
  const listed = data?.myList.items.some((item) => item.title.id === titleId) ?? false;
  // The answer of the last add/remove, until the list query catches up.
  const [override, setOverride] = useState<boolean | null>(null);
  const inList = override ?? listed;
  const [toggle, state] = useAction(
    useCallback(
      async (add: boolean) => {
        if (add) unwrap(await client.mutation(AddToMyListMutation, { profileId, titleId }).toPromise());
        else unwrap(await client.mutation(RemoveFromMyListMutation, { profileId, titleId }).toPromise());
        setOverride(add);
      },
      [client, profileId, titleId],
    ),
  );
  return (
    <>
      <button
        type="button"
        className="button button-outline button-large"
        aria-pressed={inList}
        disabled={state.pending}
        onClick={() => void toggle(!inList)}
        data-testid="my-list-toggle"
        aria-label={inList ? `Remove ${titleName} from My List` : `Add ${titleName} to My List`}
      >
        {inList ? "✓ In My List" : "+ My List"}
      </button>
      <ErrorNotice message={state.error} />
    </>
  );
}

function MoreLikeThis({ title, profileId }: { title: TitleDetail; profileId: string }) {
  const recommended = useRecommendationRows(["moreLikeThis"], { profileId, titleId: title.id });
  const firstGenre = title.genres.find((genre) => genre !== "(no genres listed)");
  // Without a "more like this" from the API: the most popular titles of the same genre.
  const [{ data }] = useQuery({
    query: TitlesByGenreQuery,
    variables: { genre: firstGenre ?? "", profileId, limit: 21 },
    pause: recommended.offered || !firstGenre,
  });
  const row = recommended.rows[0];
  if (row) return <RecommendedLikeThis key={`${title.id}:${row.titles.map((candidate) => candidate.id).join(",")}`} row={row} titleId={title.id} profileId={profileId} />;
  const titles = (data?.titlesByGenre.items ?? []).filter((candidate) => candidate.id !== title.id);
  if (titles.length === 0) return null;
  const list = { items: titles, loading: false, error: null, hasMore: false, loadMore: () => {} };
  return <MoreLikeThisRow label={`More ${firstGenre}`} list={list} />;
}

/** The API's "more like this", growing on demand. */
function RecommendedLikeThis({ row, titleId, profileId }: { row: RecommendationRow; titleId: string; profileId: string }) {
  const list = useRecommendationPaging(row, { profileId, titleId });
  return <MoreLikeThisRow label={row.label} list={{ ...list, items: list.items.filter((candidate) => candidate.id !== titleId) }} />;
}

function MoreLikeThisRow({ label, list }: { label: string; list: PagedList<TitleCard> }) {
  if (list.items.length === 0) return null;
  return <Row label={label} testId="row-more-like-this" list={list} keyOf={(candidate) => candidate.id} render={(candidate) => <TitleCardView title={candidate} />} />;
}
