// The Lambda (packages/functions/src/lambda/Mutation.updateProfile.ts) works under the caller's own account.
export { request, response } from "./profile-write";
