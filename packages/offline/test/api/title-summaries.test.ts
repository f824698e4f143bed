// A title changed by the content team reaches the lists that carry its summary (continue watching, My
// List, history, home): the table's stream refreshes every entry of the title (packages/core
// history/title-summaries.ts). Made adult, it leaves a kids profile's lists, which filter by maturity.
import { beforeAll, describe, expect, it } from "vitest";
import { asEditor, createTitle, uniqueWord, updateTitleMutation, type TitleView } from "./catalog-support.ts";
import {
  addToMyList,
  continueWatching,
  createProfile,
  dataOf,
  history,
  home,
  myList,
  recordProgress,
  watcher,
  type As,
} from "./watching-fixtures.ts";

/** The stream is asynchronous: poll, never sleep. */
const eventually = { timeout: 20_000, interval: 200 };

type Shown = { id: string; name: string; maturity: string | null; version?: number };

/** What each list of the profile shows of the title (absent: not listed). */
async function listsOf(profileId: string, as: As, titleId: string) {
  const pick = (entries: Array<{ title: Shown }>) => {
    const entry = entries.find((candidate) => candidate.title.id === titleId);
    return entry ? { name: entry.title.name, maturity: entry.title.maturity, version: entry.title.version } : null;
  };
  const homePage = dataOf(await home(profileId, as)).home!;
  return {
    continueWatching: pick(dataOf(await continueWatching(profileId, as)).continueWatching.items),
    myList: pick(dataOf(await myList(profileId, as)).myList.items),
    history: pick(dataOf(await history(profileId, as)).history.items),
    homeContinueWatching: pick(homePage.continueWatching),
    homeMyList: pick(homePage.myList),
  };
}

const everywhere = <T>(value: T) => ({ continueWatching: value, myList: value, history: value, homeContinueWatching: value, homeMyList: value });

describe("a title changed by the content team, in the viewers' lists", () => {
  let title: TitleView;
  let adult: { profileId: string; as: As };
  let kids: { profileId: string; as: As };

  beforeAll(async () => {
    title = await createTitle({ name: `Puppet Town ${uniqueWord()}`, year: 2004, genres: ["Children"], maturity: "ALL" });
    const account = await watcher("ADULT");
    adult = { profileId: account.profileId, as: account.as };
    kids = { profileId: await createProfile(account.viewer, "KIDS"), as: account.as };
    for (const profile of [adult, kids]) {
      dataOf(await recordProgress({ profileId: profile.profileId, titleId: title.id, positionSeconds: 1800, durationSeconds: 6000 }, profile.as));
      dataOf(await addToMyList(profile.profileId, title.id, profile.as));
    }
  });

  it("shows the new name and maturity in continue watching, My List, history and home once renamed and made adult", async () => {
    const before = { name: title.name, maturity: "ALL", version: 1 };
    expect(await listsOf(adult.profileId, adult.as, title.id)).toEqual(everywhere(before));
    expect(await listsOf(kids.profileId, kids.as, title.id)).toEqual(everywhere(before));

    const renamed = `Puppet Town After Dark ${uniqueWord()}`;
    const response = await asEditor<{ updateTitle: TitleView | null }>(updateTitleMutation, {
      input: { id: title.id, expectedVersion: 1, name: renamed, maturity: "EIGHTEEN_PLUS" },
    });
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data?.updateTitle).toMatchObject({ name: renamed, maturity: "EIGHTEEN_PLUS", version: 2 });

    await expect.poll(() => listsOf(adult.profileId, adult.as, title.id), eventually).toEqual(everywhere({ name: renamed, maturity: "EIGHTEEN_PLUS", version: 2 }));
    // The kids profile's lists keep only what it may watch: the title, now adult, is gone from every one.
    await expect.poll(() => listsOf(kids.profileId, kids.as, title.id), eventually).toEqual(everywhere(null));
  });
});
