// Browsing: every genre, then one genre's titles, most popular first, a page at a time.
import { useCallback } from "react";
import { useClient, useQuery } from "urql";
import { GenresQuery, TitlesByGenreQuery, type TitleCard } from "../api/documents.ts";
import { describeApiError } from "../api/errors.ts";
import { useProfile } from "../app/services.tsx";
import { paletteFor } from "../posters/poster.ts";
import { ErrorNotice, LoadMore, PageTitle, SkeletonCards, TitleCardView } from "../ui/components.tsx";
import { unwrap } from "../ui/action.ts";
import { usePagedList, type Page } from "../ui/paging.ts";
import { Link, paths } from "../router.tsx";

export const genrePageSize = 30;

export function GenresPage() {
  const [{ data, error, fetching }] = useQuery({ query: GenresQuery });
  const genres = (data?.genres ?? []).filter((genre) => genre.titleCount > 0 && genre.name !== "(no genres listed)");
  return (
    <main className="page" id="main">
      <PageTitle>Genres</PageTitle>
      <ErrorNotice message={describeApiError(error)?.message} />
      {fetching && genres.length === 0 ? (
        <p role="status">Loading genres…</p>
      ) : (
        <ul className="genre-tiles">
          {genres.map((genre) => {
            const palette = paletteFor([genre.name]);
            return (
              <li key={genre.name}>
                <Link to={paths.genre(genre.name)} className="genre-tile" style={{ background: `linear-gradient(135deg, ${palette.mid}, ${palette.dark})`, color: palette.ink }}>
                  <span className="genre-tile-name">{genre.name}</span>
                  <span className="genre-tile-count">{genre.titleCount.toLocaleString()} titles</span>
                </Link>
              </li>
            );
          })}
        </ul>
      )}
    </main>
  );
}

export function GenrePage({ genre }: { genre: string }) {
  const client = useClient();
  const profile = useProfile();
  const fetchPage = useCallback(
    async (nextToken: string | null) => {
      const page = unwrap(await client.query(TitlesByGenreQuery, { genre, profileId: profile.id, limit: genrePageSize, nextToken }).toPromise()).titlesByGenre;
      return { items: page.items, nextToken: page.nextToken };
    },
    [client, genre, profile.id],
  );
  return <GenreList key={`${genre}|${profile.id}`} genre={genre} fetchPage={fetchPage} />;
}

function GenreList({ genre, fetchPage }: { genre: string; fetchPage(nextToken: string | null): Promise<Page<TitleCard>> }) {
  const list = usePagedList({ fetchPage, keyOf: (title) => title.id, autoStart: true });
  const firstLoad = list.items.length === 0 && (list.loading || list.hasMore) && !list.error;
  return (
    <main className="page" id="main" data-testid="genre-page">
      <PageTitle>{genre}</PageTitle>
      {firstLoad ? (
        <div className="grid" aria-hidden="true">
          <SkeletonCards count={12} />
        </div>
      ) : list.items.length === 0 && !list.error ? (
        <p className="empty">No titles in this genre for this profile.</p>
      ) : (
        <ul className="grid" aria-label={`${genre} titles`}>
          {list.items.map((title) => (
            <li key={title.id}>
              <TitleCardView title={title} />
            </li>
          ))}
        </ul>
      )}
      {!firstLoad && <LoadMore list={list} label="More titles" root="page" />}
    </main>
  );
}
