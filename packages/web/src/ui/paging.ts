// A list that grows page by page (rows on the home screen, a genre, search results): pages are asked for
// one at a time, items already shown are not repeated, and the end is known from a null nextToken.
import { useCallback, useEffect, useRef, useState } from "react";

export type Page<T> = { items: T[]; nextToken: string | null | undefined };

export type PagedList<T> = {
  items: T[];
  loading: boolean;
  error: unknown;
  /** More can be asked for. */
  hasMore: boolean;
  loadMore(): void;
};

export type PagingOptions<T> = {
  /** Items already known (e.g. the first 20 of a row from the home query). */
  initial?: T[];
  /** Whether the initial items may be followed by more (a full first page). Default: initial.length > 0. */
  initialHasMore?: boolean;
  /** Asks the API for a page: null token = from the start. */
  fetchPage(nextToken: string | null): Promise<Page<T>>;
  keyOf(item: T): string;
  /** Load the first page at once (lists with no initial items). */
  autoStart?: boolean;
};

export function usePagedList<T>(options: PagingOptions<T>): PagedList<T> {
  const [items, setItems] = useState<T[]>(options.initial ?? []);
  // undefined: not asked yet (start from the beginning); string: the next page; null: the end.
  const [token, setToken] = useState<string | null | undefined>(undefined);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const inFlight = useRef(false);
  const latest = useRef(options);
  latest.current = options;

  const initialHasMore = options.initialHasMore ?? (options.initial?.length ?? 0) > 0;
  const hasMore = token === undefined ? initialHasMore || Boolean(options.autoStart) : token !== null;

  const loadMore = useCallback(() => {
    if (inFlight.current || token === null) return;
    inFlight.current = true;
    setLoading(true);
    setError(null);
    latest.current
      .fetchPage(token ?? null)
      .then((page) => {
        setItems((current) => {
          const seen = new Set(current.map(latest.current.keyOf));
          return [...current, ...page.items.filter((item) => !seen.has(latest.current.keyOf(item)))];
        });
        setToken(page.nextToken ?? null);
      })
      .catch((failure: unknown) => setError(failure))
      .finally(() => {
        inFlight.current = false;
        setLoading(false);
      });
  }, [token]);

  useEffect(() => {
    if (options.autoStart && token === undefined && items.length === 0) loadMore();
    // Only on mount: later pages are asked for by the viewer.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  return { items, loading, error, hasMore, loadMore };
}
