// A small History API router: the app has a dozen pages and needs no more than paths, a query string and
// links that behave like links (middle-click, keyboard, screen readers).
import { useSyncExternalStore, type AnchorHTMLAttributes, type MouseEvent } from "react";

export type Route =
  | { page: "home" }
  | { page: "signUp" }
  | { page: "profiles" }
  | { page: "manageProfiles" }
  | { page: "newProfile" }
  | { page: "editProfile"; profileId: string }
  | { page: "title"; titleId: string }
  | { page: "watch"; titleId: string }
  | { page: "search" }
  | { page: "genres" }
  | { page: "genre"; genre: string }
  | { page: "editor" }
  | { page: "newTitle" }
  | { page: "editTitle"; titleId: string }
  | { page: "notFound" };

export function matchRoute(pathname: string): Route {
  const parts = pathname.split("/").filter(Boolean).map((part) => {
    try {
      return decodeURIComponent(part);
    } catch {
      return part;
    }
  });
  const [first, second, third] = parts;
  if (parts.length === 0) return { page: "home" };
  if (first === "signup" && parts.length === 1) return { page: "signUp" };
  if (first === "profiles") {
    if (parts.length === 1) return { page: "profiles" };
    if (second === "manage" && parts.length === 2) return { page: "manageProfiles" };
    if (second === "new" && parts.length === 2) return { page: "newProfile" };
    if (second && third === "edit" && parts.length === 3) return { page: "editProfile", profileId: second };
  }
  if (first === "title" && second && parts.length === 2) return { page: "title", titleId: second };
  if (first === "watch" && second && parts.length === 2) return { page: "watch", titleId: second };
  if (first === "search" && parts.length === 1) return { page: "search" };
  if (first === "genres" && parts.length === 1) return { page: "genres" };
  if (first === "genre" && second && parts.length === 2) return { page: "genre", genre: second };
  if (first === "editor") {
    if (parts.length === 1) return { page: "editor" };
    if (second === "new" && parts.length === 2) return { page: "newTitle" };
    if (second && parts.length === 2) return { page: "editTitle", titleId: second };
  }
  return { page: "notFound" };
}

export const paths = {
  home: () => "/",
  signUp: () => "/signup",
  profiles: () => "/profiles",
  manageProfiles: () => "/profiles/manage",
  newProfile: () => "/profiles/new",
  editProfile: (profileId: string) => `/profiles/${encodeURIComponent(profileId)}/edit`,
  title: (titleId: string) => `/title/${encodeURIComponent(titleId)}`,
  watch: (titleId: string) => `/watch/${encodeURIComponent(titleId)}`,
  search: (query = "") => (query ? `/search?q=${encodeURIComponent(query)}` : "/search"),
  genres: () => "/genres",
  genre: (genre: string) => `/genre/${encodeURIComponent(genre)}`,
  editor: () => "/editor",
  newTitle: () => "/editor/new",
  editTitle: (titleId: string) => `/editor/${encodeURIComponent(titleId)}`,
};

const listeners = new Set<() => void>();
const notify = () => listeners.forEach((listener) => listener());
if (typeof window !== "undefined") window.addEventListener("popstate", notify);

export function navigate(to: string, options: { replace?: boolean } = {}) {
  const current = location.pathname + location.search;
  if (to === current) return;
  if (options.replace) history.replaceState(null, "", to);
  else history.pushState(null, "", to);
  if (!options.replace && new URL(to, location.href).pathname !== location.pathname) window.scrollTo?.(0, 0);
  notify();
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

const snapshot = () => location.pathname + location.search;

/** The current path and query string; re-renders on navigation. */
export function useLocation(): { pathname: string; search: URLSearchParams; href: string } {
  const href = useSyncExternalStore(subscribe, snapshot, () => "/");
  const url = new URL(href, "http://marquee.invalid");
  return { pathname: url.pathname, search: url.searchParams, href };
}

export function useRoute(): Route {
  return matchRoute(useLocation().pathname);
}

type LinkProps = AnchorHTMLAttributes<HTMLAnchorElement> & { to: string; replace?: boolean };

export function Link({ to, replace, onClick, ...props }: LinkProps) {
  const handleClick = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(to, { replace });
  };
  return <a href={to} onClick={handleClick} {...props} />;
}
