// A profile's maturity filters every catalog read made for it: browse, search, title by id.
import { beforeAll, describe, expect, it } from "vitest";
import { freshViewer, graphql } from "../../src/testing/client.ts";
import { createTitle, uniqueWord, type TitleView } from "./catalog-support.ts";

type Viewer = Awaited<ReturnType<typeof freshViewer>>;

let viewer: Viewer;
let stranger: Viewer;
let kids: string;
let teen: string;
let adult: string;
const word = uniqueWord();
let unrated: TitleView;
let horror: TitleView;
let cartoon: TitleView;

const as = <T>(who: Viewer, query: string, variables: Record<string, unknown> = {}) => graphql<T>(query, variables, { token: who.token });

async function profile(who: Viewer, name: string, maturity: string): Promise<string> {
  const { body } = await as<{ createProfile: { id: string } }>(who, `mutation($input: CreateProfileInput!) { createProfile(input: $input) { id } }`, {
    input: { name, maturity },
  });
  expect(body.errors).toBeUndefined();
  return body.data!.createProfile.id;
}

const browse = (who: Viewer, genre: string, profileId: string) =>
  as<{ titlesByGenre: { items: TitleView[] } }>(who, `query($g: String!, $p: ID) { titlesByGenre(genre: $g, limit: 50, profileId: $p) { items { id maturity } } }`, {
    g: genre,
    p: profileId,
  });
const search = (who: Viewer, text: string, profileId: string) =>
  as<{ searchTitles: { items: TitleView[] } }>(who, `query($q: String!, $p: ID) { searchTitles(query: $q, profileId: $p) { items { id maturity } } }`, { q: text, p: profileId });
const titleFor = (who: Viewer, id: string, profileId: string) =>
  as<{ title: TitleView | null }>(who, `query($id: ID!, $p: ID) { title(id: $id, profileId: $p) { id maturity } }`, { id, p: profileId });

beforeAll(async () => {
  [viewer, stranger] = await Promise.all([freshViewer("maturity"), freshViewer("stranger")]);
  kids = await profile(viewer, "Little one", "KIDS");
  teen = await profile(viewer, "Teen", "TEEN");
  adult = await profile(viewer, "Grown-up", "ADULT");
  // Titles only this test knows, in genres kids can browse.
  unrated = await createTitle({ name: `Unrated ${word}`, genres: ["Children"], maturity: null });
  horror = await createTitle({ name: `Nightmare ${word}`, genres: ["Horror"] });
  cartoon = await createTitle({ name: `Cartoon ${word}`, genres: ["Children", "Animation"] });
});

describe("catalog reads for a profile", () => {
  it("browse shows a kids profile only ALL and SEVEN_PLUS titles, never unrated ones", async () => {
    const { body } = await browse(viewer, "Children", kids);
    expect(body.errors).toBeUndefined();
    const items = body.data!.titlesByGenre.items;
    expect(items.length).toBeGreaterThan(0);
    for (const item of items) expect(["ALL", "SEVEN_PLUS"]).toContain(item.maturity);
    expect((await browse(viewer, "Horror", kids)).body.data!.titlesByGenre.items).toEqual([]);
  });

  it("search leaves out what the profile may not see; adults see unrated titles", async () => {
    const forKids = (await search(viewer, word, kids)).body.data!.searchTitles.items.map((t) => t.id);
    expect(forKids).toContain(cartoon.id);
    expect(forKids).not.toContain(unrated.id);
    expect(forKids).not.toContain(horror.id);
    const forTeens = (await search(viewer, word, teen)).body.data!.searchTitles.items.map((t) => t.id);
    expect(forTeens).not.toContain(unrated.id);
    const forAdults = (await search(viewer, word, adult)).body.data!.searchTitles.items.map((t) => t.id).sort();
    expect(forAdults).toEqual([cartoon.id, horror.id, unrated.id].sort());
  });

  it("title by id: a kids profile asking for an adult or unrated title gets NotAvailable, not the title", async () => {
    for (const id of [horror.id, unrated.id]) {
      const { body } = await titleFor(viewer, id, kids);
      expect(body.data?.title).toBeNull();
      expect(body.errors?.[0]).toMatchObject({ errorType: "NotAvailable", message: "This title is not available for this profile.", path: ["title"] });
    }
    expect((await titleFor(viewer, cartoon.id, kids)).body.data!.title).toMatchObject({ id: cartoon.id });
    expect((await titleFor(viewer, horror.id, adult)).body.data!.title).toMatchObject({ id: horror.id });
  });

  it("refuses another account's profile id, and a made-up one, as Unauthorized", async () => {
    for (const profileId of [kids, "made-up-profile"]) {
      for (const response of [await browse(stranger, "Children", profileId), await search(stranger, word, profileId), await titleFor(stranger, cartoon.id, profileId)]) {
        expect(response.body.errors?.[0]).toMatchObject({ errorType: "Unauthorized" });
      }
    }
  });
});
