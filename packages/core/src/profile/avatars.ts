// The avatars a client ships, by name. A profile created without one gets an avatar picked from its
// name, so the same name always starts with the same picture. Dependency-free: resolvers may import it.

export const avatars = ["popcorn", "clapperboard", "rocket", "robot", "fox", "owl", "cat", "dog", "panda", "penguin", "tiger", "dragon"] as const;
export type Avatar = (typeof avatars)[number];

/** A stable pick from the list for a name (case-insensitive). */
export function defaultAvatarFor(name: string): Avatar {
  let sum = 0;
  for (const char of name.trim().toLowerCase()) sum = (sum * 31 + char.charCodeAt(0)) % 1_000_003;
  return avatars[sum % avatars.length]!;
}
