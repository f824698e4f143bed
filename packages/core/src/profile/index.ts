export * as Profile from "./index.ts";

import { QueryCommand } from "@aws-sdk/lib-dynamodb";
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { dynamoClient, tableName } from "../dynamo.ts";
import { idProblem } from "../ids.ts";
import { deleteProfilePartition } from "../history/partition.ts";
import { accountKeys, accountPartition, profileKeys, profileSortKeyPrefix } from "../keys.ts";
import { VisibleError } from "../util/error.ts";
import { fn } from "../util/fn.ts";
import { cancelledByConflictOnly, conditionFailedAt, transactWrite } from "../util/transaction.ts";
import { avatars, defaultAvatarFor } from "./avatars.ts";
import { ProfileEntity, type AccountRecord, type ProfileRecord } from "./entity.ts";
import { profileMaturities, type ProfileMaturity } from "./maturity.ts";
import { hashPin, isWellFormedPin, lockoutSecondsAfter, pinMatches } from "./pin.ts";
import { inCreationOrder, toProfile, type ProfileView } from "./view.ts";

export { avatars, defaultAvatarFor, type Avatar } from "./avatars.ts";
export type { AccountRecord, ProfileRecord } from "./entity.ts";
export { profileMaturities, type ProfileMaturity } from "./maturity.ts";
export { pinRules, lockoutSecondsAfter } from "./pin.ts";
export { toProfile, type ProfileView } from "./view.ts";

export const limits = {
  profilesPerAccount: 5,
  /** Characters (code points), after trimming. */
  nameLength: 50,
  languageLength: 35,
  defaultLanguage: "en",
  /** The default profile sees everything: it belongs to the account holder. */
  defaultMaturity: "ADULT" as ProfileMaturity,
};

export type PinCheck = { ok: boolean; retryAfterSeconds: number | null };

// ---------------------------------------------------------------- items, as ElectroDB writes them

/**
 * The stored items, built as plain objects (transactions and the demo seed write them); a test checks
 * they equal ElectroDB's puts of AccountEntity and ProfileEntity.
 */
export function accountItem(account: AccountRecord) {
  return { ...account, ...accountKeys(account.accountId), __edb_e__: "account", __edb_v__: "1" };
}

export function profileItem(profile: ProfileRecord) {
  return { ...profile, ...profileKeys(profile.accountId, profile.profileId), __edb_e__: "profile", __edb_v__: "1" };
}

// ---------------------------------------------------------------- inputs

const codePoints = (text: string) => [...text].length;

const name = z
  .string()
  .transform((value) => value.trim())
  .pipe(
    z
      .string()
      .min(1, "must not be empty")
      .refine((value) => codePoints(value) <= limits.nameLength, `must be at most ${limits.nameLength} characters`)
  );

const avatar = z.enum(avatars, {
  errorMap: (issue, context) => ({
    message: issue.code === "invalid_enum_value" ? `"${String(issue.received)}" is not an avatar; use one of: ${avatars.join(", ")}` : context.defaultError,
  }),
});

const maturity = z.enum(profileMaturities);

/** A BCP 47 tag with a 2-3 letter language ("en", "fr-CA", "zh-Hant-TW", "es-419"), stored canonical ("EN-us" -> "en-US"). */
const language = z
  .string()
  .trim()
  .max(limits.languageLength, `must be at most ${limits.languageLength} characters`)
  .transform((value, context) => {
    const canonical = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/.test(value) ? canonicalLocale(value) : null;
    if (!canonical) {
      context.addIssue({ code: z.ZodIssueCode.custom, message: `"${value}" is not a language tag such as en, fr-CA or pt-BR` });
      return z.NEVER;
    }
    return canonical;
  });

function canonicalLocale(tag: string): string | null {
  try {
    return Intl.getCanonicalLocales(tag)[0] ?? null;
  } catch {
    return null;
  }
}

const pinMessage = "must be exactly 4 digits";
/** A new PIN; the empty string means "no PIN". */
const newPin = z.string().refine((value) => value === "" || isWellFormedPin(value), `${pinMessage} (or empty for no PIN)`);
const accountId = z.string().min(1, "a signed-in caller is required");
/** The shape resolvers check too (ids.ts); a well-formed made-up id simply finds nothing in the caller's account. */
const profileId = z.string().superRefine((value, context) => {
  const problem = idProblem("profile", value);
  if (problem) context.addIssue({ code: z.ZodIssueCode.custom, message: problem });
});

export const EnsureDefaultInput = z.object({ accountId, email: z.string().nullish() });

export const CreateInput = z.object({
  accountId,
  /** The caller's email, to name the default profile if the account is new. */
  email: z.string().nullish(),
  name,
  avatar: avatar.nullish(),
  maturity: maturity.nullish(),
  language: language.nullish(),
  pin: newPin.nullish(),
});

/** Absent or null fields stay as they are; `pin: ""` removes the PIN. */
export const UpdateInput = z.object({
  accountId,
  profileId,
  name: name.nullish(),
  avatar: avatar.nullish(),
  maturity: maturity.nullish(),
  language: language.nullish(),
  pin: newPin.nullish(),
});

export const RemoveInput = z.object({ accountId, profileId });

export const VerifyPinInput = z.object({ accountId, profileId, pin: z.string().refine(isWellFormedPin, pinMessage) });

// ---------------------------------------------------------------- reads

/** The account and its profiles: the whole account partition, one consistent Query. */
export async function accountWithProfiles(id: string): Promise<{ account: AccountRecord | null; profiles: ProfileRecord[] }> {
  const items: Array<Record<string, unknown>> = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await dynamoClient.send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: "pk = :pk",
        ExpressionAttributeValues: { ":pk": accountPartition(id) },
        ConsistentRead: true,
        ExclusiveStartKey: startKey,
      })
    );
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  const account = items.find((item) => item.sk === accountKeys(id).sk);
  return {
    account: account ? (account as unknown as AccountRecord) : null,
    profiles: items.filter((item) => String(item.sk).startsWith(profileSortKeyPrefix)) as unknown as ProfileRecord[],
  };
}

/** The caller's profiles, oldest first. */
export async function list(id: string): Promise<ProfileView[]> {
  return inCreationOrder((await accountWithProfiles(id)).profiles.map(toProfile));
}

async function read(id: string, profile: string): Promise<ProfileRecord | null> {
  const { data } = await ProfileEntity.get({ accountId: id, profileId: profile }).go({ consistent: true, table: tableName() });
  return data ?? null;
}

// ---------------------------------------------------------------- writes

/**
 * The name of a new account's first profile: the email's local part without a "+tag" ("ana.lima+tv@x"
 * -> "Ana.lima"), else "Main".
 */
export function defaultProfileName(email: string | null | undefined): string {
  const local = (email ?? "").split("@")[0]!.split("+")[0]!.trim();
  const head = [...local].slice(0, limits.nameLength).join("").trim();
  return head.length > 0 ? head.charAt(0).toUpperCase() + head.slice(1) : "Main";
}

function newProfile(
  account: string,
  fields: { name: string; avatar?: string | null; maturity?: ProfileMaturity | null; language?: string | null },
  pinHash?: string
): ProfileRecord {
  const now = new Date().toISOString();
  return {
    accountId: account,
    profileId: randomUUID(),
    name: fields.name,
    avatar: fields.avatar ?? defaultAvatarFor(fields.name),
    maturity: fields.maturity ?? limits.defaultMaturity,
    language: fields.language ?? limits.defaultLanguage,
    ...(pinHash ? { pinHash } : {}),
    pinFailures: 0,
    createdAt: now,
    updatedAt: now,
  };
}

/**
 * A new account's account item and default profile, in ONE transaction conditional on the account not
 * existing: concurrent first requests create exactly one. Returns the account's profiles either way.
 */
export const ensureDefault = fn(EnsureDefaultInput, async (input): Promise<ProfileView[]> => {
  const TableName = tableName();
  const profile = newProfile(input.accountId, { name: defaultProfileName(input.email) });
  const account = accountItem({ accountId: input.accountId, profileCount: 1, createdAt: profile.createdAt, updatedAt: profile.createdAt });
  try {
    await transactWrite(dynamoClient, {
      TransactItems: [
        { Put: { TableName, Item: account, ConditionExpression: "attribute_not_exists(pk)" } },
        { Put: { TableName, Item: profileItem(profile), ConditionExpression: "attribute_not_exists(pk)" } },
      ],
    });
    return [toProfile(profile)];
  } catch (error) {
    // Another first request got there (or was still getting there after every retry): its profiles are the answer.
    if (!conditionFailedAt(error, 0) && !cancelledByConflictOnly(error)) throw error;
    const existing = await accountWithProfiles(input.accountId);
    if (existing.account) return inCreationOrder(existing.profiles.map(toProfile));
    throw error;
  }
});

/**
 * Adds a profile, at most `limits.profilesPerAccount`: the account's `profileCount < max` condition and
 * the profile's put are one transaction, so concurrent creates cannot exceed the limit. A brand-new
 * account first gets its default profile.
 */
export const create = fn(CreateInput, async (input): Promise<ProfileView> => {
  const pinHash = input.pin ? await hashPin(input.pin) : undefined;
  const TableName = tableName();
  for (let round = 1; ; round += 1) {
    const profile = newProfile(input.accountId, input, pinHash);
    try {
      await transactWrite(dynamoClient, {
        TransactItems: [
          {
            Update: {
              TableName,
              Key: accountKeys(input.accountId),
              UpdateExpression: "ADD profileCount :one SET updatedAt = :now",
              ConditionExpression: "profileCount < :max",
              ExpressionAttributeValues: { ":one": 1, ":max": limits.profilesPerAccount, ":now": profile.createdAt },
            },
          },
          { Put: { TableName, Item: profileItem(profile), ConditionExpression: "attribute_not_exists(pk)" } },
        ],
      });
      return toProfile(profile);
    } catch (error) {
      if (!conditionFailedAt(error, 0)) throw error;
      // The account is missing or full: tell which (a count that dropped meanwhile is simply tried again).
      const { account } = await accountWithProfiles(input.accountId);
      if (account && account.profileCount >= limits.profilesPerAccount) {
        throw new VisibleError("LimitExceeded", `An account has at most ${limits.profilesPerAccount} profiles.`, { limit: limits.profilesPerAccount });
      }
      if (round >= createRounds) throw error;
      // The next round's profile is created after the default one, so it lists after it.
      if (!account) await ensureDefault({ accountId: input.accountId, email: input.email });
    }
  }
});

/** Changes a profile of the caller's account; the write's own condition refuses a profile that is not there. */
export const update = fn(UpdateInput, async (input): Promise<ProfileView> => {
  const changes: Partial<ProfileRecord> = { updatedAt: new Date().toISOString() };
  const removed: Array<"pinHash" | "pinLockedUntil"> = [];
  if (input.name) changes.name = input.name;
  if (input.avatar) changes.avatar = input.avatar;
  if (input.maturity) changes.maturity = input.maturity;
  if (input.language) changes.language = input.language;
  if (input.pin === "") removed.push("pinHash", "pinLockedUntil");
  else if (input.pin) {
    changes.pinHash = await hashPin(input.pin);
    removed.push("pinLockedUntil");
  }
  // A new or removed PIN starts without failures.
  if (input.pin !== null && input.pin !== undefined) changes.pinFailures = 0;
  // patch: ElectroDB conditions the update on the item existing (attribute_exists on both keys), and the
  // key holds the caller's account, so a foreign or made-up id writes nothing.
  const patch = ProfileEntity.patch({ accountId: input.accountId, profileId: input.profileId }).set(changes);
  const result = await (removed.length > 0 ? patch.remove(removed) : patch).go({
    table: tableName(),
    response: "all_new",
    returnOnConditionCheckFailure: true,
  });
  if (result.rejected) throw notFound(input.profileId);
  return toProfile(result.data);
});

/**
 * Deletes a profile, never the account's last: the profile row and the account's count change in one
 * transaction, then the profile's own partition (progress, My List, events) is deleted. Every write
 * under a profile checks in its own transaction that the profile exists (resolvers/profile-transaction.ts),
 * so a write that committed first is in the partition read after, and one after is refused. A run cut
 * off between the two steps leaves its items: History.removeOrphans finds and removes them.
 */
export const remove = fn(RemoveInput, async (input): Promise<{ profileId: string }> => {
  const TableName = tableName();
  try {
    await transactWrite(dynamoClient, {
      TransactItems: [
        { Delete: { TableName, Key: profileKeys(input.accountId, input.profileId), ConditionExpression: "attribute_exists(pk)" } },
        {
          Update: {
            TableName,
            Key: accountKeys(input.accountId),
            UpdateExpression: "ADD profileCount :minusOne SET updatedAt = :now",
            ConditionExpression: "profileCount > :one",
            ExpressionAttributeValues: { ":minusOne": -1, ":one": 1, ":now": new Date().toISOString() },
          },
        },
      ],
    });
  } catch (error) {
    // Checked first: a foreign id must not learn whether the caller's account is down to one profile.
    if (conditionFailedAt(error, 0)) throw notFound(input.profileId);
    if (conditionFailedAt(error, 1)) {
      throw new VisibleError(
        "Conflict",
        "This is the account's only profile: an account keeps at least one. Create another profile before deleting this one."
      );
    }
    throw error;
  }
  await deleteProfilePartition({ dynamo: dynamoClient, tableName: TableName }, input.profileId);
  return { profileId: input.profileId };
});

/**
 * Checks a profile's PIN. After `pinRules.freeFailures` wrong PINs in a row the profile is locked for a
 * time that doubles with each further wrong PIN; while locked every attempt fails, even the right PIN.
 * Each outcome is written conditional on the failure count and hash it was judged against, so
 * concurrent guesses are counted one by one and cannot slip past a lockout.
 */
export const verifyPin = fn(VerifyPinInput, async (input): Promise<PinCheck> => {
  const judged = new Map<string, boolean>();
  for (let attempt = 1; attempt <= pinAttempts; attempt += 1) {
    const profile = await read(input.accountId, input.profileId);
    if (!profile) throw notFound(input.profileId);
    if (!profile.pinHash) return { ok: true, retryAfterSeconds: null };
    const now = Date.now();
    const lockedFor = secondsUntil(profile.pinLockedUntil, now);
    if (lockedFor > 0) return { ok: false, retryAfterSeconds: lockedFor };

    const right = judged.get(profile.pinHash) ?? (await pinMatches(input.pin, profile.pinHash));
    judged.set(profile.pinHash, right);
    if (right && profile.pinFailures === 0 && !profile.pinLockedUntil) return { ok: true, retryAfterSeconds: null };

    const failures = right ? 0 : profile.pinFailures + 1;
    const lockout = right ? 0 : lockoutSecondsAfter(failures);
    const patch = ProfileEntity.patch({ accountId: input.accountId, profileId: input.profileId });
    const changed =
      lockout > 0
        ? patch.set({ pinFailures: failures, pinLockedUntil: new Date(now + lockout * 1000).toISOString() })
        : patch.set({ pinFailures: failures }).remove(["pinLockedUntil"]);
    const result = await changed
      .where(({ pinFailures, pinHash }, { eq }) => `${eq(pinFailures, profile.pinFailures)} AND ${eq(pinHash, profile.pinHash!)}`)
      .go({ table: tableName(), response: "none", returnOnConditionCheckFailure: true });
    // Another attempt (or a PIN change) was written first: judge this one again against what is there now.
    if (result.rejected) continue;
    return right ? { ok: true, retryAfterSeconds: null } : { ok: false, retryAfterSeconds: lockout > 0 ? lockout : null };
  }
  // Guesses this contended are an attack or a bug: refuse, and say when to come back.
  return { ok: false, retryAfterSeconds: 1 };
});

// ---------------------------------------------------------------- helpers

function notFound(profile: string) {
  return new VisibleError("NotFound", `The account has no profile "${profile}".`);
}

function secondsUntil(isoTime: string | undefined, now: number): number {
  if (!isoTime) return 0;
  const remaining = Date.parse(isoTime) - now;
  return remaining > 0 ? Math.ceil(remaining / 1000) : 0;
}

/**
 * Rounds of a create whose account condition failed although the account is not full: it was missing
 * (the default profile is created first) or its count dropped meanwhile.
 */
const createRounds = 3;
/** Attempts of a PIN check whose conditional write keeps losing to concurrent guesses. */
const pinAttempts = 12;
