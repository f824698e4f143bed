// Pipeline: requireProfile proves the profile is the caller's, then the function named in the manifest
// does the one conditional write.
export { request, response } from "./pipeline";
