// What a newcomer sees after `npm start`: the demo viewer's profile already has a MovieLens history.
import { describe, expect, it } from "vitest";
import { graphql, viewer } from "../../src/testing/client.ts";

type Entry = { title: { id: string; name: string }; status: string; resumeAtSeconds: number | null; positionSeconds: number; lastWatchedAt: string };

describe("the seeded demo viewer", () => {
  it("has a profile with a filled continue watching and history, and recording progress moves it", async () => {
    const profiles = await graphql<{ profiles: Array<{ id: string }> }>(`{ profiles { id } }`, {}, { as: viewer });
    const profileId = profiles.body.data!.profiles[0]!.id;

    const home = await graphql<{ home: { continueWatching: Entry[]; genreRows: Array<{ genre: string; titles: unknown[] }> } }>(
      `query($p: ID!) { home(profileId: $p) { continueWatching { title { id name } status resumeAtSeconds positionSeconds lastWatchedAt } genreRows { genre titles { id } } } }`,
      { p: profileId },
      { as: viewer },
    );
    expect(home.body.errors).toBeUndefined();
    const continueWatching = home.body.data!.home.continueWatching;
    expect(continueWatching.length).toBeGreaterThan(0);
    for (const entry of continueWatching) expect(entry.status).toBe("IN_PROGRESS");
    expect(home.body.data!.home.genreRows.length).toBeGreaterThan(0);

    const history = await graphql<{ history: { items: Entry[] } }>(`query($p: ID!) { history(profileId: $p, limit: 50) { items { status } } }`, { p: profileId }, { as: viewer });
    expect(history.body.data!.history.items.filter((e) => e.status === "FINISHED").length).toBeGreaterThan(0);

    const last = continueWatching[continueWatching.length - 1]!;
    const moved = await graphql<{ recordProgress: Entry }>(
      `mutation($input: RecordProgressInput!) { recordProgress(input: $input) { positionSeconds resumeAtSeconds title { id } } }`,
      { input: { profileId, titleId: last.title.id, positionSeconds: last.positionSeconds + 60, durationSeconds: 2 * 3600 } },
      { as: viewer },
    );
    expect(moved.body.errors).toBeUndefined();
    expect(moved.body.data!.recordProgress).toMatchObject({ positionSeconds: last.positionSeconds + 60, resumeAtSeconds: last.positionSeconds + 60 });
    const after = await graphql<{ continueWatching: { items: Entry[] } }>(`query($p: ID!) { continueWatching(profileId: $p) { items { title { id } } } }`, { p: profileId }, { as: viewer });
    expect(after.body.data!.continueWatching.items[0]!.title.id).toBe(last.title.id);
  });
});
