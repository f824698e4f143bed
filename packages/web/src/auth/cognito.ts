// Cognito's user pool API through plain fetch (USER_PASSWORD_AUTH): the same calls work against AWS
// (https://cognito-idp.<region>.amazonaws.com/) and cognito-local, which has no SRP.

export type CognitoSettings = { endpoint: string; clientId: string };

export type Tokens = {
  idToken: string;
  accessToken: string;
  refreshToken: string;
  /** When the id token stops being accepted, in epoch milliseconds (its `exp`). */
  expiresAt: number;
};

/** A refusal from Cognito, by its exception name (e.g. NotAuthorizedException). */
export class CognitoError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "CognitoError";
  }
}

/** Cognito could not be reached (offline, DNS, CORS): nothing was refused. */
export class CognitoUnreachableError extends Error {
  constructor(cause: unknown) {
    super("Cognito could not be reached.", { cause });
    this.name = "CognitoUnreachableError";
  }
}

async function call<T>(settings: CognitoSettings, operation: string, body: Record<string, unknown>, signal?: AbortSignal): Promise<T> {
  let response: Response;
  try {
    response = await fetch(settings.endpoint, {
      method: "POST",
      headers: { "content-type": "application/x-amz-json-1.1", "x-amz-target": `AWSCognitoIdentityProviderService.${operation}` },
      body: JSON.stringify(body),
      signal,
    });
  } catch (error) {
    throw new CognitoUnreachableError(error);
  }
  const text = await response.text();
  let parsed: Record<string, unknown> = {};
  try {
    parsed = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  } catch {
    parsed = {};
  }
  if (!response.ok) {
    // AWS names the exception in `__type` (sometimes with a namespace before '#') or the x-amzn-errortype header.
    const type = String(parsed.__type ?? response.headers.get("x-amzn-errortype") ?? `HTTP${response.status}`);
    const code = type.split("#").pop()!.split(":")[0]!;
    throw new CognitoError(code, String(parsed.message ?? parsed.Message ?? response.statusText));
  }
  return parsed as T;
}

type AuthenticationResult = { IdToken?: string; AccessToken?: string; RefreshToken?: string };

export async function signInWithPassword(settings: CognitoSettings, email: string, password: string): Promise<Tokens> {
  const answer = await call<{ AuthenticationResult?: AuthenticationResult; ChallengeName?: string }>(settings, "InitiateAuth", {
    AuthFlow: "USER_PASSWORD_AUTH",
    ClientId: settings.clientId,
    AuthParameters: { USERNAME: email, PASSWORD: password },
  });
  const result = answer.AuthenticationResult;
  if (!result?.IdToken || !result.AccessToken || !result.RefreshToken) {
    throw new CognitoError(answer.ChallengeName ?? "UnexpectedAnswer", `Sign-in needs a step this app does not support (${answer.ChallengeName ?? "no tokens"}).`);
  }
  return { idToken: result.IdToken, accessToken: result.AccessToken, refreshToken: result.RefreshToken, expiresAt: tokenExpiry(result.IdToken) };
}

/** New id and access tokens; Cognito keeps the refresh token (it returns none). */
export async function refreshSession(settings: CognitoSettings, refreshToken: string): Promise<Tokens> {
  const answer = await call<{ AuthenticationResult?: AuthenticationResult }>(settings, "InitiateAuth", {
    AuthFlow: "REFRESH_TOKEN_AUTH",
    ClientId: settings.clientId,
    AuthParameters: { REFRESH_TOKEN: refreshToken },
  });
  const result = answer.AuthenticationResult;
  if (!result?.IdToken || !result.AccessToken) throw new CognitoError("UnexpectedAnswer", "Refreshing the session returned no tokens.");
  return { idToken: result.IdToken, accessToken: result.AccessToken, refreshToken: result.RefreshToken ?? refreshToken, expiresAt: tokenExpiry(result.IdToken) };
}

export async function signUp(settings: CognitoSettings, email: string, password: string): Promise<{ confirmed: boolean }> {
  const answer = await call<{ UserConfirmed?: boolean }>(settings, "SignUp", {
    ClientId: settings.clientId,
    Username: email,
    Password: password,
    UserAttributes: [{ Name: "email", Value: email }],
  });
  return { confirmed: answer.UserConfirmed === true };
}

export async function confirmSignUp(settings: CognitoSettings, email: string, code: string): Promise<void> {
  await call(settings, "ConfirmSignUp", { ClientId: settings.clientId, Username: email, ConfirmationCode: code });
}

export async function resendConfirmationCode(settings: CognitoSettings, email: string): Promise<void> {
  await call(settings, "ResendConfirmationCode", { ClientId: settings.clientId, Username: email });
}

/** Ends the refresh token on the server (best effort: sign-out never waits on it). */
export async function revokeRefreshToken(settings: CognitoSettings, refreshToken: string): Promise<void> {
  await call(settings, "RevokeToken", { ClientId: settings.clientId, Token: refreshToken });
}

export type TokenClaims = { sub: string; email: string; groups: string[]; exp: number };

/** The claims of a Cognito id token (read, not verified: the API verifies it). */
export function readClaims(idToken: string): TokenClaims {
  const payload = idToken.split(".")[1];
  if (!payload) throw new Error("Not a JWT.");
  const json = atob(payload.replace(/-/g, "+").replace(/_/g, "/").padEnd(Math.ceil(payload.length / 4) * 4, "="));
  const claims = JSON.parse(new TextDecoder().decode(Uint8Array.from(json, (c) => c.charCodeAt(0)))) as Record<string, unknown>;
  const groups = claims["cognito:groups"];
  return {
    sub: String(claims.sub ?? ""),
    email: String(claims.email ?? claims["cognito:username"] ?? ""),
    groups: Array.isArray(groups) ? groups.map(String) : [],
    exp: Number(claims.exp ?? 0),
  };
}

export function tokenExpiry(idToken: string): number {
  return readClaims(idToken).exp * 1000;
}

/** What a person should read when Cognito refuses. */
export function describeAuthError(error: unknown, action: "signIn" | "signUp" | "confirm" | "refresh"): string {
  if (error instanceof CognitoUnreachableError) return "Marquee's sign-in service can't be reached. Check your connection and try again.";
  if (!(error instanceof CognitoError)) return "Something went wrong. Please try again.";
  switch (error.code) {
    case "NotAuthorizedException":
    case "InvalidPasswordException":
      if (action === "signIn") return "That email and password don't match. Check them and try again.";
      if (action === "refresh") return "Your session has ended. Please sign in again.";
      return passwordRules(error.message);
    case "UserNotFoundException":
      return "That email and password don't match. Check them and try again.";
    case "UserNotConfirmedException":
      return "This account isn't confirmed yet. Enter the code we emailed you.";
    case "UsernameExistsException":
      return "There is already an account with this email. Sign in instead.";
    case "CodeMismatchException":
      return "That code isn't right. Check the email and try again.";
    case "ExpiredCodeException":
      return "That code has expired. Ask for a new one.";
    case "InvalidParameterException":
      return action === "signUp" ? "Enter a valid email address and a password of at least 8 characters." : "Some of the details aren't valid. Check them and try again.";
    case "TooManyRequestsException":
    case "LimitExceededException":
      return "Too many attempts. Wait a minute and try again.";
    case "PasswordResetRequiredException":
      return "This account needs a new password before it can sign in.";
    default:
      return "Something went wrong while signing in. Please try again.";
  }
}

function passwordRules(message: string): string {
  // Cognito words its password policy failures as "Password did not conform with policy: ...".
  const reason = message.split(":").slice(1).join(":").trim();
  return reason ? `Choose a different password: ${reason.replace(/\.?$/, ".")}` : "Choose a password of at least 8 characters with upper and lower case letters and a number.";
}
