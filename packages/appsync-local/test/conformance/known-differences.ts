// Cases of shared/conformance/appsync/cases.json that Marquee's runtime does not reproduce, each with
// the reason. conformance.test.ts asserts every case listed here still differs, so a fix shows up
// as a failing test until its entry is removed. None today.
export const knownDifferences: Record<string, string> = {};
