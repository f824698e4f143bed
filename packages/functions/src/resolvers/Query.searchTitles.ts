// Pipeline: optionalProfile (when a profileId is given, it must be the caller's), then
// searchTitleWords, one Query on one word's tokens filtered to what the profile may see.
export { request, response } from "./pipeline";
