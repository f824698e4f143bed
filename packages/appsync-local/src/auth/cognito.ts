// Cognito user-pool authorization: the JWT in the Authorization header is verified against the
// pool's JWKS (signature, expiry, issuer, token_use, client id), then becomes ctx.identity.
import { createRemoteJWKSet, decodeJwt, errors as joseErrors, jwtVerify, type JWTPayload } from "jose";
import { unauthorizedRequest } from "../errors.ts";
import type { CallerAuth } from "./rules.ts";

export type CognitoPoolConfig = {
  /** `https://cognito-idp.<region>.amazonaws.com/<poolId>` on AWS; `http://host:port/<poolId>` locally. */
  issuer: string;
  /** The app clients whose tokens the API accepts (AppSync's `appIdClientRegex`); empty = any. */
  clientIds: readonly string[];
  /** Defaults to `<issuer>/.well-known/jwks.json`. */
  jwksUrl?: string;
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
  const jwks = createRemoteJWKSet(new URL(pool.jwksUrl ?? `${pool.issuer}/.well-known/jwks.json`), {
    cacheMaxAge: 10 * 60_000,
    cooldownDuration: 1_000,
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
      ({ payload } = await jwtVerify(token, jwks, { issuer: pool.issuer }));
    } catch (error) {
      if (error instanceof joseErrors.JWKSTimeout) throw error;
      if (error instanceof joseErrors.JWTExpired) throw unauthorizedRequest.expiredToken();
      throw unauthorizedRequest.rejectedToken();
    }
    const tokenUse = payload.token_use;
    const clientId = tokenUse === "id" ? payload.aud : tokenUse === "access" ? payload.client_id : undefined;
    if (tokenUse !== "id" && tokenUse !== "access") throw unauthorizedRequest.rejectedToken();
    const audiences = Array.isArray(clientId) ? clientId : [clientId];
    if (pool.clientIds.length > 0 && !audiences.some((a) => typeof a === "string" && pool.clientIds.includes(a))) {
      throw unauthorizedRequest.rejectedToken();
    }
    const groups = Array.isArray(payload["cognito:groups"]) ? (payload["cognito:groups"] as string[]) : null;
    const identity: AppSyncCognitoIdentity = {
      sub: String(payload.sub),
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
