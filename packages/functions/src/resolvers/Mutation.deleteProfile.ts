// The Lambda (packages/functions/src/lambda/Mutation.deleteProfile.ts) works under the caller's own account.
export { request, response } from "./profile-write";
