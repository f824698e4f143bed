// Small pieces every page uses: error notices, skeletons, title cards, horizontally scrolling rows.
import { memo, useEffect, useId, useRef, useState, type ReactNode } from "react";
import type { TitleCard } from "../api/documents.ts";
import { paletteFor, posterUrl } from "../posters/poster.ts";
import { Link, paths } from "../router.tsx";
import { Icon } from "./icons.tsx";
import type { PagedList } from "./paging.ts";

export function ErrorNotice({ message, onRetry }: { message: string | null | undefined; onRetry?: () => void }) {
  if (!message) return null;
  return (
    <div className="notice notice-error" role="alert">
      <span>{message}</span>
      {onRetry && (
        <button type="button" className="button button-small" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}

export function PageTitle({ children }: { children: ReactNode }) {
  // The page's heading takes focus after navigation, so screen reader and keyboard users start there.
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    ref.current?.focus({ preventScroll: true });
  }, []);
  return (
    <h1 ref={ref} tabIndex={-1} className="page-title">
      {children}
    </h1>
  );
}

/**
 * Cards load their art lazily: each SVG poster costs the browser a document of its own (about 3 ms of
 * main thread apiece), so a grid of 24 would hold the results off screen for most of 100 ms. The card
 * shows in its genre's colours at once and the art follows a moment later.
 */
export function Poster({ title, size = "card" }: { title: Pick<TitleCard, "id" | "name" | "year" | "genres">; size?: "card" | "large" }) {
  const palette = paletteFor(title.genres);
  return (
    <img
      className={`poster poster-${size}`}
      src={posterUrl(title)}
      alt=""
      width={200}
      height={300}
      decoding="async"
      loading={size === "card" ? "lazy" : "eager"}
      style={{ background: `linear-gradient(160deg, ${palette.mid}, ${palette.dark})` }}
      draggable={false}
    />
  );
}

/** Memoized: rows and result grids re-render often (typing, paging) while their cards stay the same. */
export const TitleCardView = memo(function TitleCardView({
  title,
  progress,
  to,
  label,
  children,
}: {
  title: TitleCard;
  progress?: number | null;
  /** Where the card leads (default: the title page), and what it says to screen readers then. */
  to?: string;
  label?: string;
  children?: ReactNode;
}) {
  return (
    <div className="card">
      <Link to={to ?? paths.title(title.id)} className="card-link" aria-label={label ?? (title.year ? `${title.name} (${title.year})` : title.name)}>
        <Poster title={title} />
        {progress != null && (
          <span className="card-progress" aria-hidden="true">
            <span style={{ width: `${Math.round(Math.min(1, Math.max(0, progress)) * 100)}%` }} />
          </span>
        )}
        <span className="card-name" aria-hidden="true">
          {title.name}
        </span>
      </Link>
      {children}
    </div>
  );
});

export function SkeletonCards({ count = 8 }: { count?: number }) {
  return (
    <>
      {Array.from({ length: count }, (_, index) => (
        <div className="card skeleton-card" key={index} aria-hidden="true">
          <div className="skeleton skeleton-poster" />
          <div className="skeleton skeleton-line" />
        </div>
      ))}
    </>
  );
}

export function SkeletonRow({ label }: { label?: string }) {
  return (
    <section className="row" aria-busy="true" aria-label={label ? `${label}, loading` : "Loading"}>
      {label ? <h2 className="row-title">{label}</h2> : <div className="skeleton skeleton-heading" />}
      <div className="row-scroller">
        <SkeletonCards />
      </div>
    </section>
  );
}

/** Calls `onVisible` when scrolled into view (IntersectionObserver; a button is the fallback). */
export function LoadMore({ list, label, root }: { list: PagedList<unknown>; label: string; root?: "row" | "page" }) {
  const ref = useRef<HTMLDivElement>(null);
  const { hasMore, loading, loadMore } = list;
  useEffect(() => {
    const element = ref.current;
    if (!element || !hasMore || loading || typeof IntersectionObserver === "undefined") return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((entry) => entry.isIntersecting)) loadMore();
    }, { root: root === "row" ? element.parentElement : null, rootMargin: "0px 400px 400px 0px" });
    observer.observe(element);
    return () => observer.disconnect();
  }, [hasMore, loading, loadMore, root]);
  if (!hasMore && !list.error) return null;
  return (
    <div ref={ref} className={root === "row" ? "row-more" : "page-more"}>
      {list.error ? (
        <ErrorNotice message="More couldn't be loaded." onRetry={loadMore} />
      ) : loading ? (
        <span className="loading-more" role="status">
          Loading more…
        </span>
      ) : (
        <button type="button" className="button button-quiet" onClick={loadMore}>
          {label}
        </button>
      )}
    </div>
  );
}

/** A row of cards that scrolls sideways, with buttons for pointer users and more pages on demand. */
export function Row<T>({
  label,
  list,
  keyOf,
  render,
  testId,
}: {
  label: ReactNode;
  list: PagedList<T>;
  keyOf(item: T): string;
  render(item: T): ReactNode;
  testId?: string;
}) {
  const headingId = useId();
  const scroller = useRef<HTMLDivElement>(null);
  const scrollBy = (direction: 1 | -1) => {
    const element = scroller.current;
    if (element) element.scrollBy({ left: direction * element.clientWidth * 0.85, behavior: "smooth" });
  };
  if (list.items.length === 0 && !list.loading) return null;
  return (
    <section className="row" aria-labelledby={headingId} data-testid={testId}>
      <div className="row-header">
        <h2 className="row-title" id={headingId}>
          {label}
        </h2>
        <div className="row-arrows">
          <button type="button" className="icon-button" onClick={() => scrollBy(-1)} aria-label="Scroll left" tabIndex={-1}>
            <Icon name="left" />
          </button>
          <button type="button" className="icon-button" onClick={() => scrollBy(1)} aria-label="Scroll right" tabIndex={-1}>
            <Icon name="right" />
          </button>
        </div>
      </div>
      <div className="row-scroller" ref={scroller}>
        <ul className="row-list">
          {list.items.map((item) => (
            <li key={keyOf(item)}>{render(item)}</li>
          ))}
        </ul>
        <LoadMore list={list as PagedList<unknown>} label="More" root="row" />
      </div>
    </section>
  );
}

export function formatDuration(seconds: number): string {
  const total = Math.max(0, Math.floor(seconds));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const secs = total % 60;
  const pad = (n: number) => String(n).padStart(2, "0");
  return hours > 0 ? `${hours}:${pad(minutes)}:${pad(secs)}` : `${minutes}:${pad(secs)}`;
}

export function formatRuntime(seconds: number): string {
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, "0")} min`;
}

export const maturityLabels: Record<string, string> = {
  ALL: "All ages",
  SEVEN_PLUS: "7+",
  THIRTEEN_PLUS: "13+",
  SIXTEEN_PLUS: "16+",
  EIGHTEEN_PLUS: "18+",
};

/**
 * Renders its children once they come within a screen or so of the viewport: home has a dozen rows of
 * twenty posters, and the ones below the fold need not hold up the first paint. Keyboard focus moving
 * down scrolls the page, which brings the next rows in before focus reaches them.
 */
export function WhenNear({ children, placeholderHeight = 330 }: { children: ReactNode; placeholderHeight?: number }) {
  const [near, setNear] = useState(() => typeof IntersectionObserver === "undefined");
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = ref.current;
    if (near || !element) return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((entry) => entry.isIntersecting)) setNear(true);
    }, { rootMargin: "900px 0px" });
    observer.observe(element);
    return () => observer.disconnect();
  }, [near]);
  return near ? <>{children}</> : <div ref={ref} style={{ minHeight: placeholderHeight }} aria-hidden="true" />;
}
