import { CombinedError } from "@urql/core";
import { describe, expect, it } from "vitest";
import { describeApiError } from "../src/api/errors.ts";
import { CognitoError, CognitoUnreachableError, describeAuthError } from "../src/auth/cognito.ts";

// Errors as AppSync sends them: errorType at the top level of each error.
const appSync = (errors: Array<Record<string, unknown>>, response?: { status: number }) => new CombinedError({ graphQLErrors: errors as never, response });

describe("API errors as sentences", () => {
  it("keeps the resolvers' own sentences for the errors a viewer can act on", () => {
    expect(describeApiError(appSync([{ message: "This title is not available for this profile.", errorType: "NotAvailable" }]))).toEqual({
      kind: "notAvailable",
      message: "This title is not available for this profile.",
    });
    expect(describeApiError(appSync([{ message: "An account has at most 5 profiles.", errorType: "LimitExceeded" }]))?.message).toBe("An account has at most 5 profiles.");
  });

  it("never shows JSON, validation reports or internal messages", () => {
    const validation = appSync([{ message: "Validation error of type FieldUndefined: Field 'x' in type 'Query' is undefined @ 'x'" }]);
    expect(describeApiError(validation)).toEqual({ kind: "server", message: "Something went wrong on our side. Please try again." });
    const internal = appSync([{ message: '{"__type":"ProvisionedThroughputExceededException"}', errorType: "DynamoDB:ProvisionedThroughputExceededException" }]);
    expect(describeApiError(internal)?.message).toBe("Something went wrong on our side. Please try again.");
    expect(describeApiError(appSync([{ message: "Not Authorized to access updateTitle on type Mutation", errorType: "Unauthorized" }]))?.message).toBe("You don't have access to that.");
  });

  it("tells a network failure and an ended session apart", () => {
    expect(describeApiError(new CombinedError({ networkError: new TypeError("Failed to fetch") }))?.kind).toBe("offline");
    expect(describeApiError(appSync([{ message: "Token has expired.", errorType: "UnauthorizedException" }], { status: 401 }))?.kind).toBe("session");
    expect(describeApiError(null)).toBeNull();
  });
});

describe("Cognito errors as sentences", () => {
  it("words AWS's and cognito-local's refusals for people", () => {
    expect(describeAuthError(new CognitoError("NotAuthorizedException", "Incorrect username or password."), "signIn")).toBe("That email and password don't match. Check them and try again.");
    // cognito-local answers a wrong password with InvalidPasswordException.
    expect(describeAuthError(new CognitoError("InvalidPasswordException", "Invalid password"), "signIn")).toBe("That email and password don't match. Check them and try again.");
    expect(describeAuthError(new CognitoError("InvalidPasswordException", "Password did not conform with policy: Password must have uppercase characters"), "signUp")).toBe(
      "Choose a different password: Password must have uppercase characters.",
    );
    expect(describeAuthError(new CognitoError("UsernameExistsException", "User already exists"), "signUp")).toBe("There is already an account with this email. Sign in instead.");
    expect(describeAuthError(new CognitoUnreachableError(new TypeError("fetch failed")), "signIn")).toMatch(/can't be reached/);
  });
});
