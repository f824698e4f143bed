// Pipeline: optionalProfile (when a profileId is given, it must be the caller's), then getTitle, which
// refuses a title the profile's maturity does not allow.
export { request, response } from "./pipeline";
