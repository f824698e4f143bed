// The frame around every page once a profile is chosen: navigation, search, the profile menu.
import { useEffect, useRef, type ReactNode } from "react";
import { avatarUrl } from "../profiles/avatars.ts";
import { Link, navigate, paths, useLocation } from "../router.tsx";
import { useProfileChoice, useServices, useUser } from "./services.tsx";

export function Shell({ children }: { children: ReactNode }) {
  const { session } = useServices();
  const user = useUser();
  const { profile, forget } = useProfileChoice();
  const { pathname } = useLocation();
  const menu = useRef<HTMLDetailsElement>(null);
  const kids = profile?.maturity === "KIDS";

  // Close the profile menu on navigation.
  useEffect(() => {
    if (menu.current) menu.current.open = false;
  }, [pathname]);

  const current = (path: string) => (pathname === path ? "page" : undefined);

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <Link to={paths.home()} className="logo">
          MARQUEE{kids && <span className="logo-kids">kids</span>}
          <span className="visually-hidden"> home</span>
        </Link>
        <nav aria-label="Main" className="topnav">
          <Link to={paths.home()} aria-current={current(paths.home())}>
            Home
          </Link>
          <Link to={paths.genres()} aria-current={current(paths.genres()) ?? (pathname.startsWith("/genre/") ? "page" : undefined)}>
            Genres
          </Link>
          <Link to={paths.search()} aria-current={current(paths.search())}>
            Search
          </Link>
          {user.isContentTeam && !kids && (
            <Link to={paths.editor()} aria-current={pathname.startsWith("/editor") ? "page" : undefined}>
              Editor
            </Link>
          )}
        </nav>
        {profile && (
          <details className="profile-menu" ref={menu}>
            <summary aria-label={`Profile menu: ${profile.name}`}>
              <img src={avatarUrl(profile.avatar)} alt="" width={36} height={36} />
              <span className="profile-menu-name">{profile.name}</span>
            </summary>
            <div className="profile-menu-panel">
              <button
                type="button"
                className="menu-item"
                onClick={() => {
                  forget();
                  navigate(paths.profiles());
                }}
              >
                Switch profile
              </button>
              {!kids && (
                <Link to={paths.manageProfiles()} className="menu-item">
                  Manage profiles
                </Link>
              )}
              <button
                type="button"
                className="menu-item"
                onClick={() => {
                  void session.signOut();
                  navigate(paths.home(), { replace: true });
                }}
              >
                Sign out
              </button>
            </div>
          </details>
        )}
      </header>
      {children}
    </div>
  );
}
