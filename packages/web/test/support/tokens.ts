// Unsigned JWTs shaped like Cognito id tokens (the client reads claims; only the API verifies them).
export function fakeIdToken(claims: { sub?: string; email?: string; groups?: string[]; exp: number }): string {
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
  const payload = {
    sub: claims.sub ?? "user-1",
    email: claims.email ?? "viewer@marquee.test",
    "cognito:groups": claims.groups,
    token_use: "id",
    exp: claims.exp,
  };
  return `${encode({ alg: "RS256", kid: "test" })}.${encode(payload)}.signature`;
}

export function memoryStorage(initial: Record<string, string> = {}) {
  const values = new Map(Object.entries(initial));
  return {
    values,
    getItem: (key: string) => values.get(key) ?? null,
    setItem: (key: string, value: string) => void values.set(key, value),
    removeItem: (key: string) => void values.delete(key),
  };
}
