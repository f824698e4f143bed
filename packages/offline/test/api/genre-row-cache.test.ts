// The home screen's genre rows live in the API cache (GenreRow.titles, per genre and profile maturity):
// a cached row of one maturity never reaches a profile of another. That title writes evict the rows
// they change is tested with the other catalog writes (catalog-write.test.ts: it changes genre counts);
// that the cache answers without DynamoDB, by the runtime's own tests, and `npm run bench` counts it.
import { describe, expect, it } from "vitest";
import { allowedTitleMaturities } from "@marquee/core/appsync";
import { createTitle, dataOf, home, watcher, type As, type Home } from "./watching-fixtures.ts";

const leading = 950_000_000;
const homeOf = async (profileId: string, as: As) => dataOf(await home(profileId, as)).home as Home;
const rowOf = (page: Home, genre: string) => page.genreRows.find((row) => row.genre === genre);
const namesIn = (page: Home, genre: string) => (rowOf(page, genre)?.titles ?? []).map((title) => (title as { name?: string }).name);

describe("genre rows in the API cache", () => {
  it("never serves a row cached for an adult profile to a kids profile", async () => {
    const adultOnly = await createTitle({ name: `Last Call ${Date.now()}`, genres: ["Comedy"], maturity: "EIGHTEEN_PLUS", popularity: leading });
    const allAges = await createTitle({ name: `Paper Boats ${Date.now()}`, genres: ["Comedy", "Children"], maturity: "ALL", popularity: leading - 1 });
    const adult = await watcher("ADULT");
    const kids = await watcher("KIDS");
    // Comedy is a default row of both maturities; the adult's home caches its row first.
    expect(namesIn(await homeOf(adult.profileId, adult.as), "Comedy")).toEqual(expect.arrayContaining([adultOnly.name, allAges.name]));
    const kidsHome = await homeOf(kids.profileId, kids.as);
    expect(rowOf(kidsHome, "Comedy")).toBeDefined();
    expect(namesIn(kidsHome, "Comedy")).toContain(allAges.name);
    expect(namesIn(kidsHome, "Comedy")).not.toContain(adultOnly.name);
    for (const row of kidsHome.genreRows) for (const title of row.titles) expect(allowedTitleMaturities("KIDS")).toContain(title.maturity);
  });
});
