// The heart of issue 4: every profile-scoped query and mutation proves the profile is the caller's.
// Two demo viewers try each one on the other's profile, and with made-up ids, a deleted profile's id
// and a token whose account has no profile yet: each is refused with Unauthorized, and the target's
// data is unchanged. The writes' own DynamoDB conditions are tested apart (pattern 4): a forged item in
// the caller's own partition is not the caller's to change.
import { PutCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { myListItem, progressItem, titleSummaryOf } from "@marquee/core/appsync";
import { accountPartition } from "@marquee/core/appsync";
import type { GraphQLResponse } from "../../src/testing/client.ts";
import {
  addToMyList,
  as,
  continueWatching,
  createProfile,
  createTitle,
  dataOf,
  deleteProfile,
  demoViewer,
  hideFromContinueWatching,
  history,
  home,
  minutesAgo,
  myList,
  newViewer,
  otherViewer,
  partitionOf,
  profileIdsOf,
  recordProgress,
  removeFromHistory,
  removeFromMyList,
  table,
  viewer,
  watcher,
  type As,
  type TestTitle,
  type Viewer,
} from "./watching-fixtures.ts";

let drama: TestTitle;
let comedy: TestTitle;

beforeAll(async () => {
  [drama, comedy] = await Promise.all([
    createTitle({ name: "Harbour Lights", genres: ["Drama"], maturity: "THIRTEEN_PLUS" }),
    createTitle({ name: "Laugh Track", genres: ["Comedy"], maturity: "THIRTEEN_PLUS" }),
  ]);
});

/** Every profile-scoped operation with `profileId`, as `caller`: [field, parent type, answer]. */
async function everyOperation(profileId: string, caller: As): Promise<Array<[string, "Query" | "Mutation", GraphQLResponse<Record<string, unknown>>]>> {
  return [
    ["continueWatching", "Query", await continueWatching(profileId, caller)],
    ["history", "Query", await history(profileId, caller)],
    ["myList", "Query", await myList(profileId, caller)],
    ["home", "Query", await home(profileId, caller)],
    ["recordProgress", "Mutation", await recordProgress({ profileId, titleId: drama.id, positionSeconds: 4000, durationSeconds: 6000 }, caller)],
    ["hideFromContinueWatching", "Mutation", await hideFromContinueWatching(profileId, drama.id, caller)],
    ["removeFromHistory", "Mutation", await removeFromHistory(profileId, drama.id, caller)],
    ["addToMyList", "Mutation", await addToMyList(profileId, drama.id, caller)],
    ["removeFromMyList", "Mutation", await removeFromMyList(profileId, comedy.id, caller)],
  ];
}

async function expectEveryOperationRefused(profileId: string, caller: As) {
  for (const [field, type, response] of await everyOperation(profileId, caller)) {
    expect(response.status, field).toBe(200);
    expect(response.body.errors, `${field} on ${profileId}`).toEqual([
      expect.objectContaining({ errorType: "Unauthorized", message: `Not Authorized to access ${field} on type ${type}`, path: [field] }),
    ]);
    // nothing read: the field is null (for the non-null pages and home, the whole data is)
    const data = response.body.data as Record<string, unknown> | null | undefined;
    if (data) expect(data[field], field).toBeNull();
  }
}

/** A profile with something in each list, so a read that got through would show. */
async function withHistoryAndList(profileId: string, owner: As) {
  dataOf(await recordProgress({ profileId, titleId: drama.id, positionSeconds: 1000, durationSeconds: 6000, eventAt: minutesAgo(30) }, owner));
  dataOf(await recordProgress({ profileId, titleId: comedy.id, positionSeconds: 5900, durationSeconds: 6000, eventAt: minutesAgo(20) }, owner));
  dataOf(await addToMyList(profileId, comedy.id, owner));
}

/** Well-formed ids of no profile of the caller's (malformed ones are a BadRequest: id-arguments.test.ts). */
const madeUpIds = () => [randomUUID(), "made-up", "PROFILE-x", "ACCOUNT_x", `${randomUUID()}-PROGRESS`, "x".repeat(64)];

describe("the two demo viewers", () => {
  let first: Viewer;
  let second: Viewer;
  let firstProfiles: string[];
  let secondProfiles: string[];

  beforeAll(async () => {
    [first, second] = await Promise.all([demoViewer(viewer), demoViewer(otherViewer)]);
    [firstProfiles, secondProfiles] = await Promise.all([profileIdsOf(first), profileIdsOf(second)]);
    // Writes go to the profiles' own partitions only: the accounts stay as profiles.test.ts expects.
    await withHistoryAndList(firstProfiles[0]!, as(first));
    await withHistoryAndList(secondProfiles[0]!, as(second));
  });

  it("cannot read or change each other's history, continue watching, My List or home, both ways", async () => {
    const before = await Promise.all([...firstProfiles, ...secondProfiles].map(partitionOf));
    for (const profileId of secondProfiles) await expectEveryOperationRefused(profileId, as(first));
    for (const profileId of firstProfiles) await expectEveryOperationRefused(profileId, as(second));
    expect(await Promise.all([...firstProfiles, ...secondProfiles].map(partitionOf))).toEqual(before);
    // and the owner still sees it all
    expect(dataOf(await history(secondProfiles[0]!, as(second))).history.items.map((entry) => entry.title.id)).toEqual([comedy.id, drama.id]);
  });

  it("refuses made-up profile ids and writes nothing under them", async () => {
    for (const profileId of madeUpIds()) {
      await expectEveryOperationRefused(profileId, as(first));
      expect(await partitionOf(profileId)).toEqual([]);
    }
  });
});

it("refuses a token whose account has no profile yet, and creates no account for it", async () => {
  const newcomer = await newViewer("newcomer");
  const victim = await demoViewer(viewer);
  const [victimProfile] = await profileIdsOf(victim);
  const before = await partitionOf(victimProfile!);
  for (const profileId of [victimProfile!, ...madeUpIds()]) await expectEveryOperationRefused(profileId, as(newcomer));
  expect(await partitionOf(victimProfile!)).toEqual(before);
  const { client, name } = table();
  const account = await client.send(new QueryCommand({ TableName: name, KeyConditionExpression: "pk = :pk", ExpressionAttributeValues: { ":pk": accountPartition(newcomer.sub) } }));
  expect(account.Items).toEqual([]);
});

it("refuses a deleted profile's id, even to the account that owned it", async () => {
  const owner = await newViewer("owner");
  await profileIdsOf(owner);
  const doomed = await createProfile(owner, "TEEN");
  await withHistoryAndList(doomed, as(owner));
  expect(await partitionOf(doomed)).not.toEqual([]);
  await deleteProfile(owner, doomed);
  await expectEveryOperationRefused(doomed, as(owner));
  expect(await partitionOf(doomed)).toEqual([]);
});

describe("the writes' own conditions (pattern 4)", () => {
  // An item in the caller's own profile partition that names another account, as if a profile id had
  // been reused or forged: requireProfile passes, the DynamoDB condition on the write refuses.
  let caller: { profileId: string; as: As };
  let stranger: Viewer;

  beforeAll(async () => {
    caller = await watcher();
    stranger = await newViewer("stranger");
    const { client, name } = table();
    const now = new Date().toISOString();
    const title = titleSummaryOf({ titleId: drama.id, name: "Harbour Lights", genres: ["Drama"], maturity: "THIRTEEN_PLUS", createdAt: now, updatedAt: now });
    const forged = [
      progressItem({ accountId: stranger.sub, profileId: caller.profileId, title, positionSeconds: 1000, durationSeconds: 6000, eventAt: minutesAgo(60) }),
      myListItem({ accountId: stranger.sub, profileId: caller.profileId, title: { ...title, titleId: comedy.id }, addedAt: now }),
    ];
    for (const item of forged) await client.send(new PutCommand({ TableName: name, Item: { ...item.key, ...item.attributes } }));
  });

  it.each([
    ["recordProgress", () => recordProgress({ profileId: caller.profileId, titleId: drama.id, positionSeconds: 2000, durationSeconds: 6000 }, caller.as)],
    ["hideFromContinueWatching", () => hideFromContinueWatching(caller.profileId, drama.id, caller.as)],
    ["removeFromHistory", () => removeFromHistory(caller.profileId, drama.id, caller.as)],
    ["addToMyList", () => addToMyList(caller.profileId, comedy.id, caller.as)],
    ["removeFromMyList", () => removeFromMyList(caller.profileId, comedy.id, caller.as)],
  ])("%s refuses another account's item and leaves it as it was", async (field, call) => {
    const before = await partitionOf(caller.profileId);
    const response = await call();
    expect(response.body.errors).toEqual([expect.objectContaining({ errorType: "Unauthorized", message: `Not Authorized to access ${field} on type Mutation` })]);
    expect(await partitionOf(caller.profileId)).toEqual(before);
  });
});
