// deleteProfile sent while writes under the same profile are in flight: each write's transaction checks
// the profile still exists (resolvers/profile-transaction.ts) and deleteProfile removes the partition
// after the profile, so afterwards the table holds nothing under the deleted profile. Each write
// answers with its result or a precise refusal (Unauthorized: the profile is gone; Conflict: a
// concurrent transaction held its items), never the masked InternalFailure.
import { setTimeout } from "node:timers/promises";
import { beforeAll, describe, expect, it } from "vitest";
import type { GraphQLResponse } from "../../src/testing/client.ts";
import {
  addToMyList,
  createProfile,
  createTitle,
  dataOf,
  graphql,
  hideFromContinueWatching,
  minutesAgo,
  partitionOf,
  recordProgress,
  removeFromHistory,
  removeFromMyList,
  watcher,
  type As,
  type TestTitle,
} from "./watching-fixtures.ts";

/** Writes sent with each deleteProfile, one every `writeSpacingMs`. */
const concurrentWrites = 40;
const writeSpacingMs = 5;
const deletionAfterMs = 50;

let titles: TestTitle[];

beforeAll(async () => {
  titles = await Promise.all(
    Array.from({ length: concurrentWrites }, (_, index) => createTitle({ name: `Race ${index}`, genres: ["Drama"], maturity: "THIRTEEN_PLUS" })),
  );
});

type Write = (profileId: string, titleId: string, as: As) => Promise<GraphQLResponse<Record<string, unknown>>>;

const progressOn: Write = (profileId, titleId, as) => recordProgress({ profileId, titleId, positionSeconds: 1200, durationSeconds: 6000 }, as);

/** What a profile holds before the race, so the removing writes have something to remove. */
async function withEntries(profileId: string, as: As) {
  await Promise.all(
    titles.map(async (title, index) => {
      dataOf(await recordProgress({ profileId, titleId: title.id, positionSeconds: 600, durationSeconds: 6000, eventAt: minutesAgo(60 - index) }, as));
      dataOf(await addToMyList(profileId, title.id, as));
    }),
  );
}

/**
 * A second profile of a new account (an account keeps at least one), deleted while `write` runs on each
 * title; `withEntries` first for the writes that change or remove entries.
 */
async function raceDeleteAgainst(field: string, write: Write, allowedRefusals: string[], options: { prepared: boolean }) {
  const { viewer, as } = await watcher();
  const doomed = await createProfile(viewer, "TEEN");
  if (options.prepared) await withEntries(doomed, as);

  // A first deleteProfile starts its Lambda's worker (a made-up id: refused), so the race is with a warm one.
  await graphql(`mutation ($id: ID!) { deleteProfile(profileId: $id) { profileId } }`, { id: "warm-up" }, as);
  // Writes spread before and after the deletion is sent, so some pass requireProfile before the profile
  // is deleted and reach the table after.
  const deletion = setTimeout(deletionAfterMs).then(() => graphql(`mutation ($id: ID!) { deleteProfile(profileId: $id) { profileId } }`, { id: doomed }, as));
  const answers = await Promise.all(
    titles.map(async (title, index) => {
      await setTimeout(index * writeSpacingMs);
      return write(doomed, title.id, as);
    }),
  );
  expect(dataOf(await deletion)).toEqual({ deleteProfile: { profileId: doomed } });

  for (const answer of answers) {
    expect(answer.status).toBe(200);
    const errors = answer.body.errors ?? [];
    if (errors.length === 0) expect(answer.body.data?.[field], field).toBeTruthy();
    for (const error of errors) expect(allowedRefusals, `${field}: ${JSON.stringify(error)}`).toContain(error.errorType);
  }
  // Nothing left under the deleted profile: progress, My List entries, interaction events.
  expect(await partitionOf(doomed)).toEqual([]);
}

describe("deleteProfile racing writes under the profile leaves nothing under it", () => {
  it("addToMyList", async () => {
    await raceDeleteAgainst("addToMyList", (profileId, titleId, as) => addToMyList(profileId, titleId, as), ["Unauthorized", "Conflict"], { prepared: false });
  });

  it("recordProgress", async () => {
    await raceDeleteAgainst("recordProgress", progressOn, ["Unauthorized", "Conflict"], { prepared: false });
  });

  it("hideFromContinueWatching", async () => {
    // NotFound: hidden, then its entry deleted with the profile before the answer read it back.
    await raceDeleteAgainst("hideFromContinueWatching", (profileId, titleId, as) => hideFromContinueWatching(profileId, titleId, as), ["Unauthorized", "Conflict", "NotFound"], { prepared: true });
  });

  it("removeFromHistory", async () => {
    await raceDeleteAgainst("removeFromHistory", (profileId, titleId, as) => removeFromHistory(profileId, titleId, as), ["Unauthorized", "Conflict"], { prepared: true });
  });

  it("removeFromMyList", async () => {
    await raceDeleteAgainst("removeFromMyList", (profileId, titleId, as) => removeFromMyList(profileId, titleId, as), ["Unauthorized", "Conflict"], { prepared: true });
  });
});
