// Which page shows: sign-in in place of any page while signed out (so an expired session resumes where
// it was), the profile picker in place of any page until a profile is chosen, then the route's page.
import { lazy, Suspense, type ReactNode } from "react";
import { SignInPage, SignUpPage } from "../auth/pages.tsx";
import { GenrePage, GenresPage } from "../browse/GenrePages.tsx";
import { missingSettings } from "../config.ts";
import { HomePage } from "../home/HomePage.tsx";
import { ProfilePicker } from "../profiles/ProfilePicker.tsx";
import { SearchPage } from "../search/SearchPage.tsx";
import { TitlePage } from "../title/TitlePage.tsx";
import { ErrorNotice, PageTitle } from "../ui/components.tsx";
import { Link, navigate, paths, useLocation, useRoute, type Route } from "../router.tsx";
import { ProfileProvider, useProfileChoice, useServices, useSessionState, useUser } from "./services.tsx";
import { Shell } from "./Shell.tsx";

// Pages most visits never open load on demand.
const PlayerPage = lazy(() => import("../player/PlayerPage.tsx").then((module) => ({ default: module.PlayerPage })));
const EditorHomePage = lazy(() => import("../editor/EditorPages.tsx").then((module) => ({ default: module.EditorHomePage })));
const EditTitlePage = lazy(() => import("../editor/EditorPages.tsx").then((module) => ({ default: module.EditTitlePage })));
const NewTitlePage = lazy(() => import("../editor/EditorPages.tsx").then((module) => ({ default: module.NewTitlePage })));
const ManageProfilesPage = lazy(() => import("../profiles/manage.tsx").then((module) => ({ default: module.ManageProfilesPage })));
const ProfileFormPage = lazy(() => import("../profiles/manage.tsx").then((module) => ({ default: module.ProfileFormPage })));

export function App() {
  const { config } = useServices();
  const session = useSessionState();
  const route = useRoute();
  const missing = missingSettings(config);
  if (missing.length > 0) {
    return (
      <main className="auth-page" id="main">
        <h1>Marquee is not configured</h1>
        <ErrorNotice message={`This build has no ${missing.join(", ")}. Start it with \`npm start\`, or build it with the VITE_* settings from infra/web.ts.`} />
      </main>
    );
  }
  if (session.status !== "signedIn") {
    return route.page === "signUp" ? <SignUpPage /> : <SignInPage expired={session.reason === "expired"} />;
  }
  return (
    <ProfileProvider>
      <SignedIn route={route} />
    </ProfileProvider>
  );
}

const profilePages = new Set<Route["page"]>(["profiles", "manageProfiles", "newProfile", "editProfile"]);

function SignedIn({ route }: { route: Route }) {
  const { profile } = useProfileChoice();
  const { href } = useLocation();
  if (route.page === "signUp") {
    navigate(paths.home(), { replace: true });
    return null;
  }
  if (route.page === "profiles") return <ProfilePicker afterChoice={paths.home()} />;
  if (profilePages.has(route.page)) {
    return (
      <Shell>
        <Suspense fallback={<Loading />}>{page(route)}</Suspense>
      </Shell>
    );
  }
  // No profile chosen yet: pick one here, then this very page shows.
  if (!profile) return <ProfilePicker afterChoice={href} />;
  return (
    <Shell>
      <Suspense fallback={<Loading />}>{page(route)}</Suspense>
    </Shell>
  );
}

function page(route: Route): ReactNode {
  switch (route.page) {
    case "home":
      return <HomePage />;
    case "title":
      return <TitlePage key={route.titleId} titleId={route.titleId} />;
    case "watch":
      return <PlayerPage titleId={route.titleId} />;
    case "search":
      return <SearchPage />;
    case "genres":
      return <GenresPage />;
    case "genre":
      return <GenrePage genre={route.genre} />;
    case "manageProfiles":
      return <ManageProfilesPage />;
    case "newProfile":
      return <ProfileFormPage />;
    case "editProfile":
      return <ProfileFormPage profileId={route.profileId} />;
    case "editor":
      return (
        <ContentTeamOnly>
          <EditorHomePage />
        </ContentTeamOnly>
      );
    case "newTitle":
      return (
        <ContentTeamOnly>
          <NewTitlePage />
        </ContentTeamOnly>
      );
    case "editTitle":
      return (
        <ContentTeamOnly>
          <EditTitlePage titleId={route.titleId} />
        </ContentTeamOnly>
      );
    case "profiles":
    case "signUp":
    case "notFound":
      return <NotFound />;
  }
}

/** Viewers never see the editor (and the API refuses its mutations to them anyway). */
function ContentTeamOnly({ children }: { children: ReactNode }) {
  const user = useUser();
  const { profile } = useProfileChoice();
  if (user.isContentTeam && profile?.maturity !== "KIDS") return <>{children}</>;
  return (
    <main className="page narrow" id="main" data-testid="not-content-team">
      <PageTitle>This page is for Marquee's content team</PageTitle>
      <p>Your account can't edit titles.</p>
      <Link to={paths.home()}>Back to Home</Link>
    </main>
  );
}

function NotFound() {
  return (
    <main className="page narrow" id="main">
      <PageTitle>Page not found</PageTitle>
      <p>There is nothing at this address.</p>
      <Link to={paths.home()}>Back to Home</Link>
    </main>
  );
}

function Loading() {
  return (
    <div className="page" aria-busy="true">
      <p role="status" className="visually-hidden">
        Loading…
      </p>
    </div>
  );
}
