// Search as you type: waits for a pause in typing (debounce), then asks; a newer query cancels the older
// request (urql aborts its fetch when unsubscribed), so stale results never replace fresh ones.
import { useCallback, useEffect, useRef, useState } from "react";
import type { Client } from "@urql/core";
import { SearchTitlesQuery, type TitleCard } from "../api/documents.ts";
import { describeApiError } from "../api/errors.ts";

export type SearchState = {
  /** The query the results are for ("" before any). */
  query: string;
  items: TitleCard[];
  nextToken: string | null;
  status: "idle" | "waiting" | "loading" | "done" | "error";
  error: string | null;
};

// Shorter than the gap between a fast typist's keys is not useful; longer eats the 300 ms budget.
export const searchDebounceMs = 100;
// A screenful: more results are a click away, and fewer posters to draw keeps typing responsive.
const pageSize = 24;

export function normalizeQuery(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

/** `profileId` null: no profile's maturity applies (the content team's editor). */
export function useSearch(client: Client, text: string, profileId: string | null, debounceMs = searchDebounceMs): SearchState & { loadMore(): void } {
  const [state, setState] = useState<SearchState>({ query: "", items: [], nextToken: null, status: "idle", error: null });
  const active = useRef<{ unsubscribe(): void } | null>(null);
  const query = normalizeQuery(text);

  const run = useCallback(
    (wanted: string, nextToken: string | null) => {
      active.current?.unsubscribe();
      setState((current) => ({ ...current, status: "loading", error: null }));
      // A cached answer arrives synchronously, during subscribe(), before `subscription` is assigned.
      let settled = false;
      let subscription: { unsubscribe(): void } | null = null;
      const handle = {
        unsubscribe() {
          settled = true;
          subscription?.unsubscribe();
        },
      };
      active.current = handle;
      subscription = client
        .query(SearchTitlesQuery, { query: wanted, profileId: profileId ?? undefined, limit: pageSize, nextToken }, { requestPolicy: nextToken ? "network-only" : "cache-first" })
        .subscribe((result) => {
          if (settled || result.stale) return;
          settled = true;
          // One answer is all a search needs: stop listening for cache updates (after subscribe() returned).
          queueMicrotask(() => subscription?.unsubscribe());
          if (active.current === handle) active.current = null;
          if (result.error || !result.data) {
            setState((current) => ({ ...current, status: "error", error: describeApiError(result.error)?.message ?? "Search failed. Please try again." }));
            return;
          }
          const page = result.data.searchTitles;
          setState((current) => ({
            query: wanted,
            items: nextToken && current.query === wanted ? [...current.items, ...page.items.filter((item) => !current.items.some((known) => known.id === item.id))] : page.items,
            nextToken: page.nextToken ?? null,
            status: "done",
            error: null,
          }));
        });
    },
    [client, profileId],
  );

  useEffect(() => {
    active.current?.unsubscribe();
    active.current = null;
    if (!/[\p{L}\p{N}]/u.test(query)) {
      setState({ query: "", items: [], nextToken: null, status: "idle", error: null });
      return;
    }
    setState((current) => ({ ...current, status: "waiting" }));
    const timer = setTimeout(() => run(query, null), debounceMs);
    return () => clearTimeout(timer);
  }, [query, run, debounceMs]);

  useEffect(() => () => active.current?.unsubscribe(), []);

  const loadMore = useCallback(() => {
    if (state.nextToken && state.status === "done") run(state.query, state.nextToken);
  }, [run, state.nextToken, state.query, state.status]);

  return { ...state, loadMore };
}
