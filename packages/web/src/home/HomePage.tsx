// The home screen: the server-built rows (continue watching, My List, genres) and, when the API offers
// them, the recommendation rows; each row scrolls sideways and loads more on demand.
import { useCallback, useEffect, useMemo, useState } from "react";
import { useClient, useQuery } from "urql";
import {
  ContinueWatchingQuery,
  HideFromContinueWatchingMutation,
  HomeQuery,
  MyListQuery,
  TitlesByGenreQuery,
  type TitleCard,
  type WatchEntry,
} from "../api/documents.ts";
import { describeApiError } from "../api/errors.ts";
import type { RecommendationRow } from "../api/recommendations.ts";
import { useProfile } from "../app/services.tsx";
import { ErrorNotice, Row, SkeletonRow, TitleCardView, WhenNear } from "../ui/components.tsx";
import { unwrap, useAction } from "../ui/action.ts";
import { usePagedList, type Page } from "../ui/paging.ts";
import { Link, paths } from "../router.tsx";
import { useRecommendationPaging, useRecommendationRows } from "./recommendations.ts";

const homeRowSize = 20;
const pageSize = 50;

export function HomePage() {
  const profile = useProfile();
  const [{ data, error, fetching }, refetch] = useQuery({ query: HomeQuery, variables: { profileId: profile.id }, requestPolicy: "cache-and-network" });
  const home = data?.home;
  const latest = home?.continueWatching[0]?.title;
  // Asked once home is in, so the rows the page needs first have the API to themselves.
  const general = useRecommendationRows(["topPicks", "trending", "mostPopular"], { profileId: profile.id }, { pause: !home });
  const because = useRecommendationRows(["becauseYouWatched"], { profileId: profile.id, titleId: latest?.id }, { pause: !latest, titleName: latest?.name });

  // For the bench (and any RUM): when home first shows its rows.
  useEffect(() => {
    if (home) performance.mark("marquee:home-ready");
  }, [Boolean(home)]);

  const recommendation = (field: RecommendationRow["field"]) => [...general.rows, ...because.rows].find((row) => row.field === field);
  const kids = profile.maturity === "KIDS";

  if (!home) {
    return (
      <main className="page home" id="main" aria-busy={fetching} data-testid="home">
        <h1 className="visually-hidden">Home</h1>
        <ErrorNotice message={describeApiError(error)?.message} onRetry={() => refetch({ requestPolicy: "network-only" })} />
        {!error && ["Continue watching", "Top picks for you", "My List", ""].map((label, index) => <SkeletonRow key={index} label={label || undefined} />)}
      </main>
    );
  }

  return (
    <main className="page home" id="main" data-testid="home" data-home-ready="true">
      <h1 className="visually-hidden">{kids ? `${profile.name}'s home` : "Home"}</h1>
      <ErrorNotice message={describeApiError(error)?.message} />
      <ContinueWatchingRow profileId={profile.id} entries={home.continueWatching} />
      <RecommendationRowView row={recommendation("topPicks")} loading={general.pending} label="Top picks for you" variables={{ profileId: profile.id }} />
      <MyListRow profileId={profile.id} entries={home.myList} />
      <WhenNear>
        <RecommendationRowView row={recommendation("becauseYouWatched")} loading={false} variables={{ profileId: profile.id, titleId: latest?.id }} />
      </WhenNear>
      <WhenNear>
        <RecommendationRowView row={recommendation("trending")} loading={false} variables={{ profileId: profile.id }} />
      </WhenNear>
      {home.genreRows.map((row) => (
        <WhenNear key={row.genre}>
          <GenreRow profileId={profile.id} genre={row.genre} titles={row.titles} />
        </WhenNear>
      ))}
      <WhenNear>
        <RecommendationRowView row={recommendation("mostPopular")} loading={false} variables={{ profileId: profile.id }} />
      </WhenNear>
      {home.continueWatching.length === 0 && home.myList.length === 0 && home.genreRows.length === 0 && (
        <p className="empty">
          Nothing here yet. <Link to={paths.genres()}>Browse the genres</Link> or <Link to={paths.search()}>search</Link> for something to watch.
        </p>
      )}
    </main>
  );
}

function ContinueWatchingRow({ profileId, entries }: { profileId: string; entries: WatchEntry[] }) {
  const client = useClient();
  const [hidden, setHidden] = useState<Set<string>>(new Set());
  const fetchPage = useCallback(
    async (nextToken: string | null): Promise<Page<WatchEntry>> => {
      const page = unwrap(await client.query(ContinueWatchingQuery, { profileId, limit: pageSize, nextToken }, { requestPolicy: "network-only" }).toPromise()).continueWatching;
      return { items: page.items, nextToken: page.nextToken };
    },
    [client, profileId],
  );
  const list = usePagedList({ initial: entries, initialHasMore: entries.length >= homeRowSize, fetchPage, keyOf: (entry) => entry.title.id });
  const [hide, hideState] = useAction(async (titleId: string) => {
    setHidden((current) => new Set(current).add(titleId));
    const result = await client.mutation(HideFromContinueWatchingMutation, { profileId, titleId }).toPromise();
    if (result.error) {
      setHidden((current) => {
        const next = new Set(current);
        next.delete(titleId);
        return next;
      });
      throw result.error;
    }
  });
  const visible = useMemo(() => ({ ...list, items: list.items.filter((entry) => !hidden.has(entry.title.id) && !entry.hidden) }), [list, hidden]);
  return (
    <>
      <ErrorNotice message={hideState.error} />
      <Row
        label="Continue watching"
        testId="row-continue-watching"
        list={visible}
        keyOf={(entry) => entry.title.id}
        render={(entry) => (
          <TitleCardView title={entry.title} progress={entry.durationSeconds > 0 ? entry.positionSeconds / entry.durationSeconds : null} to={paths.watch(entry.title.id)} label={`Resume ${entry.title.name}`}>
            <button type="button" className="card-action" onClick={() => void hide(entry.title.id)} aria-label={`Hide ${entry.title.name} from Continue watching`}>
              Hide
            </button>
          </TitleCardView>
        )}
      />
    </>
  );
}

function MyListRow({ profileId, entries }: { profileId: string; entries: Array<{ addedAt: string; title: TitleCard }> }) {
  const client = useClient();
  const fetchPage = useCallback(
    async (nextToken: string | null) => {
      const page = unwrap(await client.query(MyListQuery, { profileId, limit: pageSize, nextToken }, { requestPolicy: "network-only" }).toPromise()).myList;
      return { items: page.items, nextToken: page.nextToken };
    },
    [client, profileId],
  );
  const list = usePagedList({ initial: entries, initialHasMore: entries.length >= homeRowSize, fetchPage, keyOf: (entry) => entry.title.id });
  return <Row label="My List" testId="row-my-list" list={list} keyOf={(entry) => entry.title.id} render={(entry) => <TitleCardView title={entry.title} />} />;
}

function GenreRow({ profileId, genre, titles }: { profileId: string; genre: string; titles: TitleCard[] }) {
  const client = useClient();
  const fetchPage = useCallback(
    async (nextToken: string | null) => {
      const page = unwrap(await client.query(TitlesByGenreQuery, { genre, profileId, limit: pageSize, nextToken }).toPromise()).titlesByGenre;
      return { items: page.items, nextToken: page.nextToken };
    },
    [client, genre, profileId],
  );
  const list = usePagedList({ initial: titles, initialHasMore: titles.length >= homeRowSize, fetchPage, keyOf: (title) => title.id });
  return (
    <Row
      label={
        <Link to={paths.genre(genre)} className="row-title-link">
          {genre}
        </Link>
      }
      testId={`row-genre-${genre}`}
      list={list}
      keyOf={(title) => title.id}
      render={(title) => <TitleCardView title={title} />}
    />
  );
}

function RecommendationRowView({
  row,
  loading,
  label,
  variables,
}: {
  row: RecommendationRow | undefined;
  loading: boolean;
  label?: string;
  variables: { profileId: string; titleId?: string };
}) {
  if (!row) return loading && label ? <SkeletonRow label={label} /> : null;
  // Keyed by the answer, so a new answer (another profile, a refetch) starts the row afresh.
  return <PagedRecommendationRow key={`${row.field}:${row.source}:${row.titles.map((title) => title.id).join(",")}`} row={row} variables={variables} />;
}

function PagedRecommendationRow({ row, variables }: { row: RecommendationRow; variables: { profileId: string; titleId?: string } }) {
  const list = useRecommendationPaging(row, variables);
  // The recommender was unavailable: say so, rather than call popular titles personal.
  const heading = row.source === "POPULARITY_FALLBACK" ? (
    <>
      {row.label} <small className="row-note">popular titles while your picks are prepared</small>
    </>
  ) : (
    row.label
  );
  return (
    <Row
      label={heading}
      testId={`row-${row.field}`}
      list={list}
      keyOf={(title) => title.id}
      render={(title) => <TitleCardView title={title} />}
    />
  );
}
