// What every page may use: settings, the session, the API client, the progress queue and the chosen
// profile. Built once in main.tsx (tests build them with fakes).
import { createContext, useCallback, useContext, useEffect, useState, useSyncExternalStore, type ReactNode } from "react";
import { Provider as UrqlProvider, type Client } from "urql";
import type { ProfileSummary } from "../api/documents.ts";
import type { KeyValueStorage, Session, SessionState, SessionUser } from "../auth/session.ts";
import type { WebConfig } from "../config.ts";
import type { ProgressQueue } from "../player/progress.ts";

export type Services = {
  config: WebConfig;
  session: Session;
  client: Client;
  progressQueue: ProgressQueue;
  storage: KeyValueStorage | null;
};

const ServicesContext = createContext<Services | null>(null);

export function ServicesProvider({ services, children }: { services: Services; children: ReactNode }) {
  return (
    <ServicesContext.Provider value={services}>
      <UrqlProvider value={services.client}>{children}</UrqlProvider>
    </ServicesContext.Provider>
  );
}

export function useServices(): Services {
  const services = useContext(ServicesContext);
  if (!services) throw new Error("useServices() outside <ServicesProvider>");
  return services;
}

export function useSessionState(): SessionState {
  const { session } = useServices();
  return useSyncExternalStore(session.subscribe, session.getState, session.getState);
}

/** The signed-in user (pages under the sign-in gate only). */
export function useUser(): SessionUser {
  const state = useSessionState();
  if (state.status !== "signedIn") throw new Error("useUser() while signed out");
  return state.user;
}

// ---------------------------------------------------------------- the chosen profile

type ProfileChoice = {
  profile: ProfileSummary | null;
  choose(profile: ProfileSummary): void;
  forget(): void;
};

const ProfileContext = createContext<ProfileChoice | null>(null);

const profileKey = (sub: string) => `marquee.profile.${sub}`;

/** The profile chosen on this device, per account, kept across visits (its PIN was asked when chosen). */
export function ProfileProvider({ children }: { children: ReactNode }) {
  const { storage } = useServices();
  const user = useUser();
  const read = useCallback((): ProfileSummary | null => {
    try {
      const stored = storage?.getItem(profileKey(user.sub));
      return stored ? (JSON.parse(stored) as ProfileSummary) : null;
    } catch {
      return null;
    }
  }, [storage, user.sub]);
  const [profile, setProfile] = useState<ProfileSummary | null>(read);
  useEffect(() => setProfile(read()), [read]);

  const choose = useCallback(
    (next: ProfileSummary) => {
      storage?.setItem(profileKey(user.sub), JSON.stringify(next));
      setProfile(next);
    },
    [storage, user.sub],
  );
  const forget = useCallback(() => {
    storage?.removeItem(profileKey(user.sub));
    setProfile(null);
  }, [storage, user.sub]);

  useEffect(() => {
    const kids = profile?.maturity === "KIDS";
    document.documentElement.dataset.theme = kids ? "kids" : "default";
    return () => {
      document.documentElement.dataset.theme = "default";
    };
  }, [profile?.maturity]);

  return <ProfileContext.Provider value={{ profile, choose, forget }}>{children}</ProfileContext.Provider>;
}

export function useProfileChoice(): ProfileChoice {
  const choice = useContext(ProfileContext);
  if (!choice) throw new Error("useProfileChoice() outside <ProfileProvider>");
  return choice;
}

/** The chosen profile (pages under the profile gate only). */
export function useProfile(): ProfileSummary {
  const { profile } = useProfileChoice();
  if (!profile) throw new Error("useProfile() without a chosen profile");
  return profile;
}
