// A stored profile item as the GraphQL `Profile`. Dependency-free and in the APPSYNC_JS subset: the
// resolvers (Query.profiles, Home.profile) map table items with it, the Lambdas map core's records.
// The PIN hash never leaves: only whether there is one.
import type { ProfileRecord } from "./entity.ts";

export type ProfileView = {
  id: string;
  name: string;
  avatar: string;
  maturity: string;
  language: string;
  hasPin: boolean;
  createdAt: string;
  updatedAt: string;
};

/** What the view reads of a stored profile item. */
export type StoredProfileFields = Pick<ProfileRecord, "profileId" | "name" | "avatar" | "maturity" | "language" | "pinHash" | "createdAt" | "updatedAt">;

export function toProfile(item: StoredProfileFields): ProfileView {
  return {
    id: item.profileId,
    name: item.name,
    avatar: item.avatar,
    maturity: item.maturity,
    language: item.language,
    hasPin: typeof item.pinHash === "string" && item.pinHash.length > 0,
    createdAt: item.createdAt,
    updatedAt: item.updatedAt,
  };
}

/** Profiles in the order they were created (ids are random, so the sort key order means nothing). */
export function inCreationOrder<T extends { createdAt: string; id: string }>(profiles: T[]): T[] {
  return profiles.slice().sort((a, b) => (a.createdAt === b.createdAt ? (a.id < b.id ? -1 : 1) : a.createdAt < b.createdAt ? -1 : 1));
}
