import { avatars, knownGenres } from "@marquee/core/appsync";

// The model's own lists, served so a client never keeps a copy of them: nothing is read (NONE data source).
export function request() {
  return { payload: null };
}

export function response() {
  return { titleGenres: knownGenres, avatars };
}
