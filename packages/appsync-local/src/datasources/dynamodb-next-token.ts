// Pagination tokens. AppSync "encrypts and obfuscates the pagination token returned from DynamoDB.
// This prevents your table data from being inadvertently leaked to the caller. Also, these pagination
// tokens can't be used across different functions or resolvers." (DynamoDB resolver reference, Query
// and Scan results). Here: the LastEvaluatedKey sealed with AES-256-GCM under a key derived from the
// data source's secret, with the query's scope (operation, table, index, scan segment, resolver) as
// authenticated data, so a token used anywhere else fails to open. The outer shape copies AppSync's
// tokens, base64 of {"version":2,"token":"..."} (they start "eyJ2ZXJzaW9uIjoy").
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { InvalidNextTokenError } from "./dynamodb-errors.ts";
import { toItem, toTypedJson, type Item } from "./dynamodb-values.ts";

const ivBytes = 12;
const tagBytes = 16;
const tokenVersion = 2;

export type NextTokens = {
  seal(lastEvaluatedKey: Item, scope: string): string;
  /** The ExclusiveStartKey a token stands for; throws InvalidNextTokenError for any token not sealed for `scope`. */
  open(token: string, scope: string): Item;
};

export function createNextTokens(secret: Uint8Array): NextTokens {
  if (secret.byteLength < 16) throw new Error("The DynamoDB data source's nextTokenKey must be at least 16 bytes of secret.");
  const key = Buffer.from(hkdfSync("sha256", secret, new Uint8Array(0), "marquee appsync dynamodb nextToken", 32));

  return {
    seal(lastEvaluatedKey, scope) {
      const iv = randomBytes(ivBytes);
      const cipher = createCipheriv("aes-256-gcm", key, iv);
      cipher.setAAD(Buffer.from(scope, "utf8"));
      const sealed = Buffer.concat([cipher.update(JSON.stringify(toTypedJson(lastEvaluatedKey)), "utf8"), cipher.final()]);
      const inner = Buffer.concat([iv, sealed, cipher.getAuthTag()]).toString("base64");
      return Buffer.from(JSON.stringify({ version: tokenVersion, token: inner }), "utf8").toString("base64");
    },

    open(token, scope) {
      try {
        const outer: unknown = JSON.parse(Buffer.from(token, "base64").toString("utf8"));
        if (typeof outer !== "object" || outer === null) throw new InvalidNextTokenError();
        const { version, token: inner } = outer as { version?: unknown; token?: unknown };
        if (version !== tokenVersion || typeof inner !== "string") throw new InvalidNextTokenError();
        const bytes = Buffer.from(inner, "base64");
        if (bytes.length <= ivBytes + tagBytes) throw new InvalidNextTokenError();
        const decipher = createDecipheriv("aes-256-gcm", key, bytes.subarray(0, ivBytes));
        decipher.setAAD(Buffer.from(scope, "utf8"));
        decipher.setAuthTag(bytes.subarray(bytes.length - tagBytes));
        const plain = Buffer.concat([decipher.update(bytes.subarray(ivBytes, bytes.length - tagBytes)), decipher.final()]);
        return toItem(JSON.parse(plain.toString("utf8")), "$[nextToken]");
      } catch {
        // Any failure (base64, JSON, authentication tag, content) means the token is not ours for this query.
        throw new InvalidNextTokenError();
      }
    },
  };
}
