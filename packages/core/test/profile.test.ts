// The profile module without a database: keys and items against ElectroDB's own, input validation
// (nothing sent when an input is refused), PIN hashing, the lockout schedule and default names.
import { createConversions } from "electrodb";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { dynamoClient } from "../src/dynamo.ts";
import { accountKeys, accountPartition, profileKeys, profileSortKeyPrefix } from "../src/keys.ts";
import { avatars, defaultAvatarFor } from "../src/profile/avatars.ts";
import { AccountEntity, ProfileEntity } from "../src/profile/entity.ts";
import { Profile } from "../src/profile/index.ts";
import { hashPin, isWellFormedPin, lockoutSecondsAfter, pinMatches } from "../src/profile/pin.ts";
import { inCreationOrder, toProfile } from "../src/profile/view.ts";
import { VisibleError } from "../src/util/error.ts";

const table = "marquee-test";
const accountIds = ["0f3c6a1e-7d2b-4c55-9a1e-2b3c4d5e6f70", "local_user-1"];
const profileIds = ["5b0f8f4e-2f4a-4e8e-9a55-3f1c2d3e4f50", "seed-671-1"];

beforeAll(() => {
  process.env.SST_RESOURCE_Table = JSON.stringify({ name: table, type: "sst.aws.Dynamo" });
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe("account and profile keys (resolvers build them by hand)", () => {
  const accounts = createConversions(AccountEntity);
  const profiles = createConversions(ProfileEntity);

  it.each(accountIds)("accountKeys equals ElectroDB's for %s", (accountId) => {
    expect(accountKeys(accountId)).toEqual(accounts.fromComposite.toKeys({ accountId }));
  });

  for (const accountId of accountIds) {
    it.each(profileIds)(`profileKeys equals ElectroDB's for ${accountId} / %s`, (profileId) => {
      expect(profileKeys(accountId, profileId)).toEqual(profiles.fromComposite.toKeys({ accountId, profileId }));
    });
  }

  it("reads an account's profiles from the partition and prefix ElectroDB's query uses", () => {
    const params = ProfileEntity.query.byAccount({ accountId: "a-1" }).params({ table }) as { ExpressionAttributeValues: Record<string, unknown> };
    expect(params.ExpressionAttributeValues[":pk"]).toBe(accountPartition("a-1"));
    expect(params.ExpressionAttributeValues[":sk1"]).toBe(profileSortKeyPrefix);
    // The account item shares the partition but not the prefix: one Query reads both, the prefix tells them apart.
    expect(accountKeys("a-1").pk).toBe(accountPartition("a-1"));
    expect(accountKeys("a-1").sk.startsWith(profileSortKeyPrefix)).toBe(false);
  });
});

describe("items built by hand equal ElectroDB's puts", () => {
  const record: Profile.ProfileRecord = {
    accountId: accountIds[0]!,
    profileId: profileIds[0]!,
    name: "Ana",
    avatar: "fox",
    maturity: "TEEN",
    language: "pt-BR",
    pinFailures: 0,
    createdAt: "2025-01-02T03:04:05.000Z",
    updatedAt: "2025-01-02T03:04:05.000Z",
  };
  const withPin: Profile.ProfileRecord = {
    ...record,
    pinHash: "scrypt$16384$8$1$c2FsdA==$aGFzaA==",
    pinFailures: 4,
    pinLockedUntil: "2025-01-02T04:00:00.000Z",
  };

  it("the account item", () => {
    const account = { accountId: accountIds[0]!, profileCount: 3, createdAt: record.createdAt, updatedAt: record.updatedAt };
    expect(Profile.accountItem(account)).toEqual(AccountEntity.put(account).params({ table }).Item);
  });

  it.each([
    ["without a PIN", record],
    ["with a PIN and a lockout", withPin],
  ])("the profile item %s", (_, profile) => {
    expect(Profile.profileItem(profile)).toEqual(ProfileEntity.put(profile).params({ table }).Item);
    expect(ProfileEntity.parse({ Item: Profile.profileItem(profile) }).data).toEqual(profile);
  });

  it("shows the profile without its PIN hash", () => {
    const view = toProfile(Profile.profileItem(withPin));
    expect(view).toEqual({
      id: record.profileId,
      name: "Ana",
      avatar: "fox",
      maturity: "TEEN",
      language: "pt-BR",
      hasPin: true,
      createdAt: record.createdAt,
      updatedAt: record.updatedAt,
    });
    expect(toProfile(Profile.profileItem(record)).hasPin).toBe(false);
  });

  it("orders profiles by creation, then id", () => {
    const at = (id: string, createdAt: string) => ({ id, createdAt });
    expect(inCreationOrder([at("b", "2025-02"), at("z", "2025-01"), at("a", "2025-02")]).map((p) => p.id)).toEqual(["z", "a", "b"]);
  });
});

async function refusal(promise: () => Promise<unknown>): Promise<VisibleError> {
  const error = await promise().then(
    () => undefined,
    (caught: unknown) => caught
  );
  expect(error).toBeInstanceOf(VisibleError);
  return error as VisibleError;
}

describe("validation before any request", () => {
  const base = { accountId: "a-1", name: "Ana" };

  it.each([
    ["an empty name", { name: "" }, "name: must not be empty"],
    ["a name of spaces", { name: " \t " }, "name: must not be empty"],
    ["a 200-character name", { name: "x".repeat(200) }, "name: must be at most 50 characters"],
    ["51 emoji (counted as characters, not UTF-16 units)", { name: "🎬".repeat(51) }, "name: must be at most 50 characters"],
    ["a 5-digit PIN", { pin: "12345" }, "pin: must be exactly 4 digits (or empty for no PIN)"],
    ["a PIN with a space", { pin: "12 4" }, "pin: must be exactly 4 digits (or empty for no PIN)"],
    ["an unknown avatar", { avatar: "unicorn" }, `avatar: "unicorn" is not an avatar; use one of: ${avatars.join(", ")}`],
    ["a bad language", { language: "en_GB" }, 'language: "en_GB" is not a language tag such as en, fr-CA or pt-BR'],
    ["a language that is a word", { language: "english" }, 'language: "english" is not a language tag such as en, fr-CA or pt-BR'],
    ["an unknown maturity", { maturity: "TODDLER" }, "maturity: Invalid enum value. Expected 'KIDS' | 'TEEN' | 'ADULT', received 'TODDLER'"],
    ["no caller", { accountId: "" }, "accountId: a signed-in caller is required"],
  ])("create refuses %s", async (_, change, message) => {
    const send = vi.spyOn(dynamoClient, "send");
    const error = await refusal(() => Profile.create({ ...base, ...change } as Parameters<typeof Profile.create>[0]));
    expect([error.code, error.message]).toEqual(["ValidationError", message]);
    expect(send).not.toHaveBeenCalled();
  });

  it("update refuses the same inputs, and an empty profile id", async () => {
    const send = vi.spyOn(dynamoClient, "send");
    expect((await refusal(() => Profile.update({ accountId: "a-1", profileId: "p", name: "" }))).message).toBe("name: must not be empty");
    expect((await refusal(() => Profile.update({ accountId: "a-1", profileId: "p", pin: "999" }))).message).toBe(
      "pin: must be exactly 4 digits (or empty for no PIN)"
    );
    expect((await refusal(() => Profile.update({ accountId: "a-1", profileId: "" }))).message).toBe("profileId: must not be empty");
    expect(send).not.toHaveBeenCalled();
  });

  it.each(["", "123", "12345", "abcd", "１２３４"])("verifyPin refuses the PIN %j", async (pin) => {
    const send = vi.spyOn(dynamoClient, "send");
    const error = await refusal(() => Profile.verifyPin({ accountId: "a-1", profileId: "p", pin }));
    expect([error.code, error.message]).toEqual(["ValidationError", "pin: must be exactly 4 digits"]);
    expect(send).not.toHaveBeenCalled();
  });

  it("canonicalises language tags", () => {
    const parse = (language: string) => Profile.CreateInput.parse({ ...base, language }).language;
    expect(parse("EN-us")).toBe("en-US");
    expect(parse(" zh-hant-tw ")).toBe("zh-Hant-TW");
    expect(parse("es-419")).toBe("es-419");
    expect(parse("iw")).toBe("he");
  });
});

describe("PINs", () => {
  it("hashes with scrypt and a fresh salt each time, and checks the PIN against the hash", async () => {
    const first = await hashPin("0420");
    const second = await hashPin("0420");
    expect(first).toMatch(/^scrypt\$16384\$8\$1\$[A-Za-z0-9+/]+=*\$[A-Za-z0-9+/]+=*$/);
    expect(first).not.toBe(second);
    expect(await pinMatches("0420", first)).toBe(true);
    expect(await pinMatches("0420", second)).toBe(true);
    expect(await pinMatches("0421", first)).toBe(false);
  });

  it("accepts only four ASCII digits", () => {
    expect(["0000", "1234", "9999"].every(isWellFormedPin)).toBe(true);
    expect(["", "123", "12345", "12a4", "١٢٣٤", "+123"].some(isWellFormedPin)).toBe(false);
  });

  it("locks after 3 wrong PINs in a row for 30 s, doubling up to an hour", () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 50].map(lockoutSecondsAfter)).toEqual([0, 0, 0, 30, 60, 120, 240, 480, 960, 1920, 3600]);
  });
});

describe("defaults", () => {
  it.each([
    ["ana.lima@example.com", "Ana.lima"],
    ["viewer+tv@marquee.local", "Viewer"],
    ["é@x", "É"],
    ["@x", "Main"],
    ["+tag@x", "Main"],
    [null, "Main"],
    [`${"a".repeat(80)}@x`, `A${"a".repeat(49)}`],
  ])("names the default profile of %s %j", (email, name) => {
    expect(Profile.defaultProfileName(email)).toBe(name);
  });

  it("picks an avatar from the list, the same one for the same name", () => {
    const names = ["Ana", "Bruno", "Kids", "Zé", "", "🎬"];
    for (const name of names) expect(avatars).toContain(defaultAvatarFor(name));
    expect(defaultAvatarFor("Ana")).toBe(defaultAvatarFor(" ana "));
    expect(new Set(["Ana", "Bruno", "Caio", "Duda", "Eva", "Fábio", "Gil", "Hugo"].map(defaultAvatarFor)).size).toBeGreaterThan(1);
  });
});
