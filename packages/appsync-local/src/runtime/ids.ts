// `util.autoId` / `autoUlid` / `autoKsuid`: random identifiers in the formats AppSync documents.
import { randomBytes, randomUUID } from "node:crypto";

const CROCKFORD_BASE32 = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
/** KSUID timestamps count seconds from 2014-05-13T16:53:20Z. */
const KSUID_EPOCH_SECONDS = 1_400_000_000;

/** A random (version 4) UUID, lower-case and hyphenated. */
export function autoId(): string {
  return randomUUID();
}

/** 26 Crockford base32 characters: 48 bits of milliseconds, then 80 random bits. */
export function autoUlid(now = Date.now()): string {
  let timePart = "";
  let remaining = now;
  for (let index = 0; index < 10; index += 1) {
    timePart = CROCKFORD_BASE32[remaining % 32] + timePart;
    remaining = Math.floor(remaining / 32);
  }
  let randomPart = "";
  let bits = BigInt(`0x${randomBytes(10).toString("hex")}`);
  for (let index = 0; index < 16; index += 1) {
    randomPart = CROCKFORD_BASE32[Number(bits % 32n)] + randomPart;
    bits /= 32n;
  }
  return timePart + randomPart;
}

/** 27 base62 characters encoding 4 bytes of seconds since the KSUID epoch and 16 random bytes. */
export function autoKsuid(now = Date.now()): string {
  const bytes = Buffer.alloc(20);
  bytes.writeUInt32BE(Math.floor(now / 1000) - KSUID_EPOCH_SECONDS, 0);
  randomBytes(16).copy(bytes, 4);
  let value = BigInt(`0x${bytes.toString("hex")}`);
  let encoded = "";
  while (value > 0n) {
    encoded = BASE62[Number(value % 62n)] + encoded;
    value /= 62n;
  }
  return encoded.padStart(27, "0");
}
