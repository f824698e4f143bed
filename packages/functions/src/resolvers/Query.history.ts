// Pipeline: the page size is checked first (nothing is read for a bad one), then requireProfile proves
// the profile is the caller's and the function named in the manifest runs the one page Query.
export { pagedListRequest as request } from "./paging";
export { response } from "./pipeline";
