// Pipeline: optionalProfile (when a profileId is given, it must be the caller's), then
// queryGenreTitles, one Query filtered to what the profile may see.
export { request, response } from "./pipeline";
