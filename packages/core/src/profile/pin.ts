// Profile PINs: stored as scrypt hashes with a per-profile salt, checked in constant time, and wrong
// guesses slowed down by a lockout that doubles. A 4-digit PIN has only 10,000 values, so the hash
// keeps it from being read, not from being brute-forced offline: the lockout is what protects it online.
import { randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from "node:crypto";

/** Cost parameters written into every hash, so they can be raised later without breaking old hashes. */
const cost = { N: 16_384, r: 8, p: 1 } as const;
const saltBytes = 16;
const hashBytes = 32;

export const pinRules = {
  /** Wrong PINs in a row that are free; the next ones lock the profile. */
  freeFailures: 3,
  /** The first lockout; each further wrong PIN doubles it. */
  firstLockoutSeconds: 30,
  maxLockoutSeconds: 60 * 60,
} as const;

export const isWellFormedPin = (pin: string) => pin.length === 4 && [...pin].every((digit) => digit >= "0" && digit <= "9");

function scrypt(secret: string, salt: Buffer, length: number, options: ScryptOptions): Promise<Buffer> {
  // Asynchronous: hashing runs on libuv's pool, not on the event loop (~100 ms each here).
  return new Promise((resolve, reject) => scryptCallback(secret, salt, length, options, (error, key) => (error ? reject(error) : resolve(key))));
}

/** "scrypt$N$r$p$<salt base64>$<hash base64>" */
export async function hashPin(pin: string): Promise<string> {
  const salt = randomBytes(saltBytes);
  const hash = await scrypt(pin, salt, hashBytes, cost);
  return ["scrypt", cost.N, cost.r, cost.p, salt.toString("base64"), hash.toString("base64")].join("$");
}

export async function pinMatches(pin: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split("$");
  if (scheme !== "scrypt" || !salt || !hash) throw new Error("A stored PIN hash is not in the scrypt$N$r$p$salt$hash format.");
  const expected = Buffer.from(hash, "base64");
  const actual = await scrypt(pin, Buffer.from(salt, "base64"), expected.length, { N: Number(n), r: Number(r), p: Number(p) });
  return timingSafeEqual(actual, expected);
}

/** How long a profile stays locked after its `failures`-th wrong PIN in a row (0: not locked). */
export function lockoutSecondsAfter(failures: number): number {
  if (failures < pinRules.freeFailures) return 0;
  const doublings = Math.min(failures - pinRules.freeFailures, 20);
  return Math.min(pinRules.firstLockoutSeconds * 2 ** doublings, pinRules.maxLockoutSeconds);
}
