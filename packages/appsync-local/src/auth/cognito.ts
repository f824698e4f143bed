// Cognito user-pool authorization: the JWT in the Authorization header is verified against the
// pool's JWKS (signature, expiry, issuer, token_use, client id), then becomes ctx.identity. Every claim
// Cognito always puts in its tokens is required, so a token missing one (no `sub`: no account) is refused.
import { decodeJwt, errors as joseErrors, jwtVerify, type JWTPayload } from "jose";
import { unauthorizedRequest } from "../errors.ts";
import { createJwksKeyResolver } from "./jwks.ts";
import type { CallerAuth } from "./rules.ts";

export type CognitoPoolConfig = {
  /** `https://cognito-idp.<region>.amazonaws.com/<poolId>` on AWS; `http://host:port/<poolId>` locally. */
  issuer: string;
  /** The app clients whose tokens the API accepts (AppSync's `appIdClientRegex`); empty = any. */
  clientIds: readonly string[];
  /** Defaults to `<issuer>/.well-known/jwks.json`. */
  jwksUrl?: string;
  /** How long the fetched JWKS is used before it is fetched again in the background (default 10 min). */
  jwksMaxAgeMs?: number;
};

export type AppSyncCognitoIdentity = {
  sub: string;
  issuer: string;
  username: string;
  claims: JWTPayload;
  sourceIp: string[];
  defaultAuthStrategy: "ALLOW" | "DENY";
  groups: string[] | null;
};

export function createCognitoVerifier(pool: CognitoPoolConfig) {
  const jwksUrl = new URL(pool.jwksUrl ?? `${pool.issuer}/.well-known/jwks.json`);
  const jwks = createJwksKeyResolver({
    url: jwksUrl,
    maxAgeMs: pool.jwksMaxAgeMs,
    onUnreachable: (error) =>
      console.warn(`[appsync] the user pool's JWKS (${jwksUrl}) could not be fetched; the keys already known stay in use:`, (error as Error).message),
  });

  return async function verify(authorization: string | undefined, sourceIp: string): Promise<CallerAuth> {
    if (!authorization) throw unauthorizedRequest.noAuthorizationHeader();
    // AppSync takes the raw token; clients that send "Bearer <token>" are accepted too.
    const token = authorization.replace(/^Bearer\s+/i, "").trim();
    try {
      decodeJwt(token);
    } catch {
      throw unauthorizedRequest.unparseableToken();
    }
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, jwks, { issuer: pool.issuer, algorithms: ["RS256"], requiredClaims: ["exp", "iat", "sub"] }));
    } catch (error) {
      if (error instanceof joseErrors.JWTExpired) throw unauthorizedRequest.expiredToken();
      throw unauthorizedRequest.rejectedToken();
    }
    if (typeof payload.sub !== "string" || payload.sub === "") throw unauthorizedRequest.rejectedToken();
    const tokenUse = payload.token_use;
    const clientId = tokenUse === "id" ? payload.aud : tokenUse === "access" ? payload.client_id : undefined;
    if (typeof clientId !== "string" || clientId === "") throw unauthorizedRequest.rejectedToken();
    if (pool.clientIds.length > 0 && !pool.clientIds.includes(clientId)) throw unauthorizedRequest.rejectedToken();
    const groups = Array.isArray(payload["cognito:groups"]) ? (payload["cognito:groups"] as string[]) : null;
    const identity: AppSyncCognitoIdentity = {
      sub: payload.sub,
      issuer: pool.issuer,
      username: String(payload["cognito:username"] ?? payload.username ?? payload.sub),
      claims: payload,
      sourceIp: [sourceIp],
      defaultAuthStrategy: "ALLOW",
      groups,
    };
    return { mode: "AMAZON_COGNITO_USER_POOLS", identity, groups: groups ?? [] };
  };
}
