// Profiles end to end: GraphQL over HTTP against the local stack, the table read directly to check what
// was (and was not) written. Accounts that get written to are fresh Cognito users, so the demo viewers'
// profiles stay as other test files expect them; the demo viewers are only the targets of refused calls.
import { CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, PutCommand, QueryCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { decodeJwt } from "jose";
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cognitoLocalClientConfig } from "@marquee/aws-local/engines/cognito";
import { ensureUser, signIn } from "@marquee/aws-local/engines/provision";
import { graphql, idTokenFor, otherViewer, stack, viewer, type GraphQLResponse } from "../../src/testing/client.ts";
import { accountKeys, accountPartition, interactionKeys, myListKeys, profileKeys, profilePartition, progressKeys } from "@marquee/core/appsync";
import { avatars } from "@marquee/core/appsync";

// ---------------------------------------------------------------- support

type Profile = { id: string; name: string; avatar: string; maturity: string; language: string; hasPin: boolean; createdAt: string; updatedAt: string };
type Caller = { token: string; sub: string; email: string };

const profileFields = "id name avatar maturity language hasPin createdAt updatedAt";
let table: DynamoDBDocumentClient;
let cognito: CognitoIdentityProviderClient;

beforeAll(() => {
  const info = stack();
  table = DynamoDBDocumentClient.from(
    new DynamoDBClient({ endpoint: info.dynamodbEndpoint, region: info.region, credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" } })
  );
  cognito = new CognitoIdentityProviderClient(cognitoLocalClientConfig(info.cognitoEndpoint));
});

afterAll(() => {
  table.destroy();
  cognito.destroy();
});

/** A Cognito user no test has used: its account does not exist yet. */
async function freshCaller(label: string): Promise<Caller> {
  const info = stack();
  const email = `${label}+${randomUUID().slice(0, 8)}@profiles.test`;
  const password = "Profiles-test-1";
  await ensureUser(cognito, info.userPoolId, { email, password, groups: [] });
  const { idToken } = await signIn(info.cognitoEndpoint, info.userPoolClientId, email, password);
  return { token: idToken, sub: decodeJwt(idToken).sub!, email };
}

async function demoCaller(email: string): Promise<Caller> {
  const token = await idTokenFor(email);
  return { token, sub: decodeJwt(token).sub!, email };
}

const call = <T = Record<string, unknown>>(caller: Caller, query: string, variables: Record<string, unknown> = {}) =>
  graphql<T>(query, variables, { token: caller.token });

async function listProfiles(caller: Caller): Promise<Profile[]> {
  const { body } = await call<{ profiles: Profile[] }>(caller, `{ profiles { ${profileFields} } }`);
  expect(body.errors).toBeUndefined();
  return body.data!.profiles;
}

async function createProfile(caller: Caller, input: Record<string, unknown>) {
  return call<{ createProfile: Profile | null }>(caller, `mutation($input: CreateProfileInput!) { createProfile(input: $input) { ${profileFields} } }`, {
    input,
  });
}

async function updateProfile(caller: Caller, input: Record<string, unknown>) {
  return call<{ updateProfile: Profile | null }>(caller, `mutation($input: UpdateProfileInput!) { updateProfile(input: $input) { ${profileFields} } }`, {
    input,
  });
}

async function deleteProfile(caller: Caller, profileId: string) {
  return call<{ deleteProfile: { profileId: string } | null }>(caller, `mutation($id: ID!) { deleteProfile(profileId: $id) { profileId } }`, { id: profileId });
}

async function verifyPin(caller: Caller, profileId: string, pin: string) {
  return call<{ verifyProfilePin: { ok: boolean; retryAfterSeconds: number | null } | null }>(
    caller,
    `mutation($id: ID!, $pin: String!) { verifyProfilePin(profileId: $id, pin: $pin) { ok retryAfterSeconds } }`,
    { id: profileId, pin }
  );
}

/** Every item of a partition, as stored (consistent read). */
async function partition(pk: string): Promise<Array<Record<string, unknown>>> {
  const items: Array<Record<string, unknown>> = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await table.send(
      new QueryCommand({
        TableName: stack().tableName,
        KeyConditionExpression: "pk = :pk",
        ExpressionAttributeValues: { ":pk": pk },
        ConsistentRead: true,
        ExclusiveStartKey,
      })
    );
    items.push(...(page.Items ?? []));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return items;
}

const accountOf = (caller: Caller) => partition(accountPartition(caller.sub));
const profileItem = async (caller: Caller, profileId: string) => (await accountOf(caller)).find((item) => item.sk === profileKeys(caller.sub, profileId).sk);

function errorOf(response: GraphQLResponse) {
  expect(response.status).toBe(200);
  expect(response.body.errors, JSON.stringify(response.body)).toHaveLength(1);
  const [error] = response.body.errors!;
  return { errorType: error!.errorType, message: error!.message };
}

const unauthorized = (field: string) => ({ errorType: "Unauthorized", message: `Not Authorized to access ${field} on type Mutation` });

/** A caller whose account exists with one default profile. */
async function callerWithDefault(label: string): Promise<{ caller: Caller; main: Profile }> {
  const caller = await freshCaller(label);
  const [main] = await listProfiles(caller);
  return { caller, main: main! };
}

// ---------------------------------------------------------------- Query.profiles

describe("Query.profiles", () => {
  it("gives a new account one default profile, named after the email, in one transaction with the account", async () => {
    const caller = await freshCaller("ana.lima");
    expect(await accountOf(caller)).toEqual([]);

    const profiles = await listProfiles(caller);
    expect(profiles).toHaveLength(1);
    expect(profiles[0]).toMatchObject({ name: "Ana.lima", maturity: "ADULT", language: "en", hasPin: false });
    expect(avatars).toContain(profiles[0]!.avatar);

    const items = await accountOf(caller);
    expect(items.find((item) => item.sk === "ACCOUNT")).toMatchObject({
      ...accountKeys(caller.sub),
      accountId: caller.sub,
      profileCount: 1,
      __edb_e__: "account",
      __edb_v__: "1",
    });
    expect(items.find((item) => item.sk !== "ACCOUNT")).toMatchObject({
      ...profileKeys(caller.sub, profiles[0]!.id),
      accountId: caller.sub,
      profileId: profiles[0]!.id,
      pinFailures: 0,
      __edb_e__: "profile",
      __edb_v__: "1",
    });
  });

  it("returns the same profiles on later calls and writes nothing", async () => {
    const { caller, main } = await callerWithDefault("again");
    const before = await accountOf(caller);
    expect(await listProfiles(caller)).toEqual([main]);
    expect(await listProfiles(caller)).toEqual([main]);
    expect(await accountOf(caller)).toEqual(before);
  });

  it("creates exactly one default profile when a new account's first 10 requests arrive together", async () => {
    const caller = await freshCaller("burst");
    const answers = await Promise.all(Array.from({ length: 10 }, () => listProfiles(caller)));
    const ids = new Set(answers.map((profiles) => profiles.map((p) => p.id).join(",")));
    expect(ids.size).toBe(1);
    expect(answers[0]).toHaveLength(1);
    const items = await accountOf(caller);
    expect(items.filter((item) => item.__edb_e__ === "profile")).toHaveLength(1);
    expect(items.find((item) => item.sk === "ACCOUNT")?.profileCount).toBe(1);
  });

  it("lists profiles oldest first", async () => {
    const { caller, main } = await callerWithDefault("order");
    const names = ["Bea", "Caio", "Duda"];
    for (const name of names) expect((await createProfile(caller, { name })).body.errors).toBeUndefined();
    expect((await listProfiles(caller)).map((p) => p.name)).toEqual([main.name, ...names]);
  });

  it("is refused without a token (AppSync's 401)", async () => {
    const response = await graphql(
      `
        {
          profiles {
            id
          }
        }
      `,
      {},
      { token: null }
    );
    expect(response.status).toBe(401);
  });
});

// ---------------------------------------------------------------- Mutation.createProfile

describe("Mutation.createProfile", () => {
  it("creates a profile with every field, the language canonical and the PIN stored only as a salted hash", async () => {
    const { caller } = await callerWithDefault("create");
    const { body } = await createProfile(caller, { name: "  Kids room  ", avatar: "panda", maturity: "KIDS", language: "PT-br", pin: "4321" });
    expect(body.errors).toBeUndefined();
    const created = body.data!.createProfile!;
    expect(created).toMatchObject({ name: "Kids room", avatar: "panda", maturity: "KIDS", language: "pt-BR", hasPin: true });

    const item = await profileItem(caller, created.id);
    expect(item?.pinHash).toMatch(/^scrypt\$16384\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    // No attribute holds the PIN itself. (Not a substring check: a random id or salt may contain "4321".)
    expect(Object.entries(item ?? {}).filter(([, value]) => String(value) === "4321" || String(value).split("$").includes("4321"))).toEqual([]);
    expect(item?.createdAt).toBe(created.createdAt);
    expect((await accountOf(caller)).find((i) => i.sk === "ACCOUNT")?.profileCount).toBe(2);
  });

  it("defaults to an avatar picked from the name, ADULT, English and no PIN", async () => {
    const { caller } = await callerWithDefault("defaults");
    const first = (await createProfile(caller, { name: "Zé" })).body.data!.createProfile!;
    const second = (await createProfile(caller, { name: "zé", avatar: null, maturity: null, language: null, pin: null })).body.data!.createProfile!;
    expect(first).toMatchObject({ maturity: "ADULT", language: "en", hasPin: false });
    expect(avatars).toContain(first.avatar);
    expect(second.avatar).toBe(first.avatar);
  });

  it("gives a brand-new account its default profile first", async () => {
    const caller = await freshCaller("newcomer");
    const { body } = await createProfile(caller, { name: "Second" });
    expect(body.errors).toBeUndefined();
    const profiles = await listProfiles(caller);
    expect(profiles.map((p) => p.name)).toEqual(["Newcomer", "Second"]);
    expect((await accountOf(caller)).find((i) => i.sk === "ACCOUNT")?.profileCount).toBe(2);
  });

  it("lets exactly 4 of 8 concurrent creates through from an account with one profile", async () => {
    const { caller } = await callerWithDefault("limit");
    const answers = await Promise.all(Array.from({ length: 8 }, (_, i) => createProfile(caller, { name: `Guest ${i}` })));
    const created = answers.filter((answer) => answer.body.data?.createProfile);
    const refused = answers.filter((answer) => answer.body.errors);
    expect(created).toHaveLength(4);
    expect(refused).toHaveLength(4);
    for (const answer of refused) expect(errorOf(answer)).toEqual({ errorType: "LimitExceeded", message: "An account has at most 5 profiles." });

    const items = await accountOf(caller);
    expect(items.filter((item) => item.__edb_e__ === "profile")).toHaveLength(5);
    expect(items.find((item) => item.sk === "ACCOUNT")?.profileCount).toBe(5);
    expect(await listProfiles(caller)).toHaveLength(5);
  });
});

// ---------------------------------------------------------------- Mutation.updateProfile

describe("Mutation.updateProfile", () => {
  it("renames and changes avatar, maturity and language, leaving what is not given", async () => {
    const { caller, main } = await callerWithDefault("update");
    const { body } = await updateProfile(caller, { profileId: main.id, name: " Teen ", avatar: "owl", maturity: "TEEN", language: "fr-ca" });
    expect(body.errors).toBeUndefined();
    const updated = body.data!.updateProfile!;
    expect(updated).toEqual({ ...main, name: "Teen", avatar: "owl", maturity: "TEEN", language: "fr-CA", updatedAt: updated.updatedAt });
    expect(updated.updatedAt > main.updatedAt).toBe(true);

    const again = (await updateProfile(caller, { profileId: main.id, name: null, language: "de" })).body.data!.updateProfile!;
    expect(again).toMatchObject({ name: "Teen", avatar: "owl", maturity: "TEEN", language: "de" });
    expect(await listProfiles(caller)).toEqual([again]);
  });

  it("sets a PIN and removes it with an empty string", async () => {
    const { caller, main } = await callerWithDefault("pin");
    expect((await updateProfile(caller, { profileId: main.id, pin: "0007" })).body.data!.updateProfile!.hasPin).toBe(true);
    expect((await verifyPin(caller, main.id, "0007")).body.data!.verifyProfilePin).toEqual({ ok: true, retryAfterSeconds: null });
    expect((await verifyPin(caller, main.id, "7000")).body.data!.verifyProfilePin).toEqual({ ok: false, retryAfterSeconds: null });

    expect((await updateProfile(caller, { profileId: main.id, pin: "" })).body.data!.updateProfile!.hasPin).toBe(false);
    const item = await profileItem(caller, main.id);
    expect(item).not.toHaveProperty("pinHash");
    expect(item?.pinFailures).toBe(0);
    expect((await verifyPin(caller, main.id, "1111")).body.data!.verifyProfilePin).toEqual({ ok: true, retryAfterSeconds: null });
  });
});

// ---------------------------------------------------------------- Mutation.deleteProfile

describe("Mutation.deleteProfile", () => {
  /** Progress, My List entries and 60 interaction events (more than one delete batch) in a profile's partition. */
  async function fillPartition(profileId: string) {
    const TableName = stack().tableName;
    const items = [
      ...["ml-1", "ml-2", "ml-3"].map((titleId) => ({ ...progressKeys(profileId, titleId), positionSeconds: 600 })),
      ...["ml-4", "ml-5"].map((titleId) => ({ ...myListKeys(profileId, titleId), addedAt: new Date().toISOString() })),
      ...Array.from({ length: 60 }, (_, i) => ({ ...interactionKeys(profileId, `2024-01-01T00:00:${String(i).padStart(2, "0")}.000Z`, "ml-1", "watch") })),
    ];
    await Promise.all(items.map((Item) => table.send(new PutCommand({ TableName, Item }))));
    return items.length;
  }

  it("deletes the profile, its progress, list and events, and frees its place in the account", async () => {
    const { caller, main } = await callerWithDefault("delete");
    const doomed = (await createProfile(caller, { name: "Doomed" })).body.data!.createProfile!;
    expect(await fillPartition(doomed.id)).toBe(65);
    await fillPartition(main.id);

    const { body } = await deleteProfile(caller, doomed.id);
    expect(body).toEqual({ data: { deleteProfile: { profileId: doomed.id } } });

    expect(await partition(profilePartition(doomed.id))).toEqual([]);
    expect(await partition(profilePartition(main.id))).toHaveLength(65);
    expect(await listProfiles(caller)).toEqual([main]);
    expect((await accountOf(caller)).find((i) => i.sk === "ACCOUNT")?.profileCount).toBe(1);
  });

  it("refuses to delete the account's last profile and writes nothing", async () => {
    const { caller, main } = await callerWithDefault("last");
    await fillPartition(main.id);
    const before = [await accountOf(caller), await partition(profilePartition(main.id))];
    expect(errorOf(await deleteProfile(caller, main.id))).toEqual({
      errorType: "Conflict",
      message: "This is the account's only profile: an account keeps at least one. Create another profile before deleting this one.",
    });
    expect([await accountOf(caller), await partition(profilePartition(main.id))]).toEqual(before);
  });

  it("treats a deleted profile's id as unknown: Unauthorized for every profile mutation", async () => {
    const { caller } = await callerWithDefault("gone");
    const gone = (await createProfile(caller, { name: "Gone", pin: "1234" })).body.data!.createProfile!;
    expect((await deleteProfile(caller, gone.id)).body.errors).toBeUndefined();
    const before = await accountOf(caller);

    expect(errorOf(await deleteProfile(caller, gone.id))).toEqual(unauthorized("deleteProfile"));
    expect(errorOf(await updateProfile(caller, { profileId: gone.id, name: "Back" }))).toEqual(unauthorized("updateProfile"));
    expect(errorOf(await verifyPin(caller, gone.id, "1234"))).toEqual(unauthorized("verifyProfilePin"));
    expect(await accountOf(caller)).toEqual(before);
  });
});

// ---------------------------------------------------------------- Mutation.verifyProfilePin

describe("Mutation.verifyProfilePin", () => {
  async function lockedProfileSetup(label: string) {
    const { caller, main } = await callerWithDefault(label);
    await updateProfile(caller, { profileId: main.id, pin: "2468" });
    return { caller, profileId: main.id };
  }

  /** Moves the lockout into the past, as if its time had gone by. */
  const expireLockout = (caller: Caller, profileId: string) =>
    table.send(
      new UpdateCommand({
        TableName: stack().tableName,
        Key: profileKeys(caller.sub, profileId),
        UpdateExpression: "SET pinLockedUntil = :past",
        ExpressionAttributeValues: { ":past": new Date(Date.now() - 1000).toISOString() },
      })
    );

  const check = async (caller: Caller, profileId: string, pin: string) => (await verifyPin(caller, profileId, pin)).body.data!.verifyProfilePin;

  it("is ok without asking when the profile has no PIN", async () => {
    const { caller, main } = await callerWithDefault("nopin");
    expect(await check(caller, main.id, "9999")).toEqual({ ok: true, retryAfterSeconds: null });
  });

  it("locks after 3 wrong PINs in a row, refuses even the right PIN while locked, doubles the lockout, and resets on success", async () => {
    const { caller, profileId } = await lockedProfileSetup("lockout");
    expect(await check(caller, profileId, "0000")).toEqual({ ok: false, retryAfterSeconds: null });
    expect(await check(caller, profileId, "2468")).toEqual({ ok: true, retryAfterSeconds: null });
    // The success reset the count: three more wrong ones are needed to lock.
    expect(await check(caller, profileId, "0001")).toEqual({ ok: false, retryAfterSeconds: null });
    expect(await check(caller, profileId, "0002")).toEqual({ ok: false, retryAfterSeconds: null });
    expect(await check(caller, profileId, "0003")).toEqual({ ok: false, retryAfterSeconds: 30 });

    const whileLocked = await check(caller, profileId, "2468");
    expect(whileLocked?.ok).toBe(false);
    expect(whileLocked?.retryAfterSeconds).toBeGreaterThan(0);
    expect(whileLocked?.retryAfterSeconds).toBeLessThanOrEqual(30);
    expect((await profileItem(caller, profileId))?.pinFailures).toBe(3);

    await expireLockout(caller, profileId);
    expect(await check(caller, profileId, "0004")).toEqual({ ok: false, retryAfterSeconds: 60 });
    await expireLockout(caller, profileId);
    expect(await check(caller, profileId, "0005")).toEqual({ ok: false, retryAfterSeconds: 120 });
    await expireLockout(caller, profileId);
    expect(await check(caller, profileId, "2468")).toEqual({ ok: true, retryAfterSeconds: null });
    const item = await profileItem(caller, profileId);
    expect(item?.pinFailures).toBe(0);
    expect(item).not.toHaveProperty("pinLockedUntil");
  });

  it("counts concurrent wrong guesses one by one: 10 at once cannot get past the lockout", async () => {
    const { caller, profileId } = await lockedProfileSetup("burst-pin");
    const answers = await Promise.all(Array.from({ length: 10 }, (_, i) => check(caller, profileId, String(1000 + i))));
    expect(answers.every((answer) => answer?.ok === false)).toBe(true);
    // Two free failures, the third locks; the rest are refused while locked, without being counted.
    expect(answers.filter((answer) => answer?.retryAfterSeconds === null)).toHaveLength(2);
    const waits = answers.map((answer) => answer?.retryAfterSeconds).filter((wait) => wait !== null);
    expect(waits).toHaveLength(8);
    for (const wait of waits) {
      expect(wait).toBeGreaterThan(0);
      expect(wait).toBeLessThanOrEqual(30);
    }
    expect((await profileItem(caller, profileId))?.pinFailures).toBe(3);
    expect((await check(caller, profileId, "2468"))?.ok).toBe(false);
  });

  it.each(["", "123", "12345", "12a4", "١٢٣٤"])("refuses the malformed PIN %j with a ValidationError and counts nothing", async (pin) => {
    const { caller, profileId } = await lockedProfileSetup("malformed");
    const before = await profileItem(caller, profileId);
    expect(errorOf(await verifyPin(caller, profileId, pin))).toEqual({ errorType: "ValidationError", message: "pin: must be exactly 4 digits" });
    expect(await profileItem(caller, profileId)).toEqual(before);
  });
});

// ---------------------------------------------------------------- bad input

describe("bad input: a specific error and nothing written", () => {
  let caller: Caller;
  let main: Profile;
  beforeAll(async () => {
    ({ caller, main } = await callerWithDefault("bad"));
  });

  const nameTooLong = "x".repeat(200);
  const cases: Array<[string, Record<string, unknown>, string]> = [
    ["an empty name", { name: "" }, "name: must not be empty"],
    ["a name of spaces", { name: "    " }, "name: must not be empty"],
    ["a 200-character name", { name: nameTooLong }, "name: must be at most 50 characters"],
    ["a 51-character name", { name: "é".repeat(51) }, "name: must be at most 50 characters"],
    ["a 3-digit PIN", { name: "Ok", pin: "123" }, "pin: must be exactly 4 digits (or empty for no PIN)"],
    ["a PIN with a letter", { name: "Ok", pin: "12a4" }, "pin: must be exactly 4 digits (or empty for no PIN)"],
    ["an unknown avatar", { name: "Ok", avatar: "unicorn" }, `avatar: "unicorn" is not an avatar; use one of: ${avatars.join(", ")}`],
    ["a language that is not a tag", { name: "Ok", language: "english" }, `language: "english" is not a language tag such as en, fr-CA or pt-BR`],
    ["a language with an underscore", { name: "Ok", language: "en_US" }, `language: "en_US" is not a language tag such as en, fr-CA or pt-BR`],
  ];

  it.each(cases)("createProfile with %s", async (_, input, message) => {
    const before = await accountOf(caller);
    expect(errorOf(await createProfile(caller, input))).toEqual({ errorType: "ValidationError", message });
    expect(await accountOf(caller)).toEqual(before);
  });

  it.each(cases)("updateProfile with %s", async (_, input, message) => {
    const before = await accountOf(caller);
    expect(errorOf(await updateProfile(caller, { profileId: main.id, ...input }))).toEqual({ errorType: "ValidationError", message });
    expect(await accountOf(caller)).toEqual(before);
  });

  it("an unknown maturity is refused by the schema", async () => {
    const response = await createProfile(caller, { name: "Ok", maturity: "TODDLER" });
    expect(response.body.data).toBeNull();
    expect(response.body.errors?.[0]?.message).toMatch(/TODDLER/);
  });

  it("a 6th profile", async () => {
    const { caller: full } = await callerWithDefault("full");
    for (const name of ["B", "C", "D", "E"]) expect((await createProfile(full, { name })).body.errors).toBeUndefined();
    const before = await accountOf(full);
    expect(errorOf(await createProfile(full, { name: "F" }))).toEqual({ errorType: "LimitExceeded", message: "An account has at most 5 profiles." });
    expect(await accountOf(full)).toEqual(before);
  });
});

// ---------------------------------------------------------------- authorization

describe("authorization: another account's profiles and made-up ids", () => {
  // Well-formed ids of no profile of the caller's (malformed ones are a BadRequest: id-arguments.test.ts).
  const madeUpIds = [randomUUID(), "nope", "ACCOUNT", "PROFILE-x", "x".repeat(64)];

  /** Every profile mutation with `profileId`, each expected to be refused. */
  async function expectRefusedEverywhere(caller: Caller, profileId: string) {
    expect(errorOf(await updateProfile(caller, { profileId, name: "Mine now", pin: "0000" }))).toEqual(unauthorized("updateProfile"));
    expect(errorOf(await updateProfile(caller, { profileId, pin: "" }))).toEqual(unauthorized("updateProfile"));
    expect(errorOf(await deleteProfile(caller, profileId))).toEqual(unauthorized("deleteProfile"));
    for (const pin of ["0000", "1111", "2222", "3333"]) expect(errorOf(await verifyPin(caller, profileId, pin))).toEqual(unauthorized("verifyProfilePin"));
  }

  it("refuses every profile mutation of one demo viewer on the other's profiles, both ways, and changes nothing", async () => {
    const first = await demoCaller(viewer);
    const second = await demoCaller(otherViewer);
    const firstProfiles = await listProfiles(first);
    const secondProfiles = await listProfiles(second);
    expect(firstProfiles.length).toBeGreaterThan(0);
    expect(secondProfiles.length).toBeGreaterThan(0);
    const before = [await accountOf(first), await accountOf(second)];

    for (const profile of firstProfiles) await expectRefusedEverywhere(second, profile.id);
    for (const profile of secondProfiles) await expectRefusedEverywhere(first, profile.id);

    expect([await accountOf(first), await accountOf(second)]).toEqual(before);
    expect((await listProfiles(first)).map((p) => p.id)).toEqual(firstProfiles.map((p) => p.id));
  });

  it("refuses made-up ids from a demo viewer and changes nothing", async () => {
    const caller = await demoCaller(viewer);
    await listProfiles(caller);
    const before = await accountOf(caller);
    for (const id of madeUpIds) await expectRefusedEverywhere(caller, id);
    expect(await accountOf(caller)).toEqual(before);
  });

  it("does not count another account's guesses against a PIN-protected profile", async () => {
    const { caller: owner, main } = await callerWithDefault("owner");
    await updateProfile(owner, { profileId: main.id, pin: "1357" });
    const { caller: intruder } = await callerWithDefault("intruder");
    const before = await accountOf(owner);

    await expectRefusedEverywhere(intruder, main.id);

    expect(await accountOf(owner)).toEqual(before);
    expect(await accountOf(intruder)).toHaveLength(2);
    expect((await verifyPin(owner, main.id, "1357")).body.data!.verifyProfilePin).toEqual({ ok: true, retryAfterSeconds: null });
  });

  it("creates profiles only in the caller's own account", async () => {
    const { caller: a } = await callerWithDefault("own-a");
    const { caller: b } = await callerWithDefault("own-b");
    const beforeB = await accountOf(b);
    // Extra fields naming another account are not part of the input type: refused by the schema.
    const forged = await createProfile(a, { name: "Sneaky", accountId: b.sub });
    expect(forged.body.data).toBeNull();
    expect((await createProfile(a, { name: "Fine" })).body.errors).toBeUndefined();
    expect(await accountOf(b)).toEqual(beforeB);
    expect((await accountOf(a)).filter((item) => item.__edb_e__ === "profile")).toHaveLength(2);
  });
});
