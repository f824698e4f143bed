// Pipeline: requireProfile proves the profile is the caller's, hideProgress writes (one transaction with
// the profile check), readProgress answers with the entry as written.
export { request, response } from "./pipeline";
