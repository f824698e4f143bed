// Search as you type; the query lives in the address (?q=) so a result page can be shared or reloaded.
import { useEffect, useRef, useState } from "react";
import { useClient } from "urql";
import { useProfile } from "../app/services.tsx";
import { ErrorNotice, SkeletonCards, TitleCardView } from "../ui/components.tsx";
import { navigate, paths, useLocation } from "../router.tsx";
import { useSearch } from "./useSearch.ts";

export function SearchPage() {
  const client = useClient();
  const profile = useProfile();
  const { search } = useLocation();
  const [text, setText] = useState(search.get("q") ?? "");
  const input = useRef<HTMLInputElement>(null);
  const results = useSearch(client, text, profile.id);

  useEffect(() => input.current?.focus(), []);
  // Keep the address in step without adding a history entry per keystroke.
  useEffect(() => {
    if (results.status === "done" || results.status === "idle") navigate(paths.search(results.query), { replace: true });
  }, [results.query, results.status]);

  // For the bench: when the results of a query are on screen.
  useEffect(() => {
    if (results.status === "done") performance.mark("marquee:search-results", { detail: results.query });
  }, [results.status, results.query]);

  const showSkeleton = (results.status === "waiting" || results.status === "loading") && results.items.length === 0;
  return (
    <main className="page" id="main">
      <h1 className="visually-hidden">Search</h1>
      <form role="search" className="search-form" onSubmit={(event) => event.preventDefault()}>
        <label htmlFor="search-input" className="visually-hidden">
          Search titles
        </label>
        <input
          id="search-input"
          ref={input}
          type="search"
          className="search-input"
          placeholder="Titles, e.g. star wars"
          autoComplete="off"
          spellCheck={false}
          value={text}
          onChange={(event) => setText(event.target.value)}
        />
      </form>
      <ErrorNotice message={results.error} />
      <p className="visually-hidden" role="status" aria-live="polite">
        {results.status === "done" ? `${results.items.length}${results.nextToken ? " or more" : ""} results for ${results.query}` : ""}
      </p>
      {showSkeleton ? (
        <div className="grid" aria-hidden="true">
          <SkeletonCards count={12} />
        </div>
      ) : results.status !== "idle" && results.query ? (
        results.items.length === 0 && results.status === "done" ? (
          <p className="empty" data-results-for={results.query}>
            Nothing matches “{results.query}”. Try fewer or different words.
          </p>
        ) : (
          <>
            <ul className="grid" data-results-for={results.query} aria-label={`Results for ${results.query}`} aria-busy={results.status === "loading"}>
              {results.items.map((title) => (
                <li key={title.id}>
                  <TitleCardView title={title} />
                </li>
              ))}
            </ul>
            {results.nextToken && (
              <div className="page-more">
                <button type="button" className="button button-quiet" onClick={results.loadMore} disabled={results.status === "loading"}>
                  {results.status === "loading" ? "Loading…" : "More results"}
                </button>
              </div>
            )}
          </>
        )
      ) : (
        <p className="hint">Type a few letters of a title. Results appear as you type.</p>
      )}
    </main>
  );
}
