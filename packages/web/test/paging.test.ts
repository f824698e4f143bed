// @vitest-environment happy-dom
// Paging: a genre's titles a page at a time, a home row that loads more on demand; nothing shown twice,
// the end known from a null nextToken, one request however fast the clicks.
import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { recommendationMaxResults } from "../src/api/recommendations.ts";
import { profile, title, type Handler } from "./support/fake-api.ts";
import { renderedAppSetup, renderSignedInApp } from "./support/app-dom.ts";

const renderApp = (path: string, handlers: Record<string, Handler>) => renderSignedInApp(path, handlers, { sub: "viewer-1" });

const page = (ids: string[], nextToken: string | null) => ({ data: { titlesByGenre: { __typename: "TitlePage", items: ids.map((id) => title(id, `Title ${id}`)), nextToken } } });

describe("paging", () => {
  renderedAppSetup();

  it("a genre loads page after page, skips repeats and stops at the last page", async () => {
    const pages: Record<string, ReturnType<typeof page>> = {
      start: page(["a", "b"], "token-2"),
      "token-2": page(["b", "c"], "token-3"),
      "token-3": page(["d"], null),
    };
    const api = renderApp("/genre/Drama", { TitlesByGenre: ({ nextToken }) => pages[String(nextToken ?? "start")]! });

    await screen.findByRole("link", { name: "Title b (1999)" });
    fireEvent.click(screen.getByRole("button", { name: "More titles" }));
    await screen.findByRole("link", { name: "Title c (1999)" });
    // A double-click asks once.
    const more = screen.getByRole("button", { name: "More titles" });
    fireEvent.click(more);
    fireEvent.click(more);
    await screen.findByRole("link", { name: "Title d (1999)" });

    const names = screen.getAllByRole("link").map((link) => link.getAttribute("aria-label")).filter((label) => label?.startsWith("Title "));
    expect(names).toEqual(["Title a (1999)", "Title b (1999)", "Title c (1999)", "Title d (1999)"]);
    expect(screen.queryByRole("button", { name: "More titles" })).toBeNull();
    const asked = api.calls.filter((call) => call.operationName === "TitlesByGenre");
    expect(asked.map((call) => call.variables.nextToken ?? null)).toEqual([null, "token-2", "token-3"]);
    expect(asked.every((call) => call.variables.profileId === "p1" && call.variables.genre === "Drama")).toBe(true);
  });

  it("a full home row asks for more on demand, from its own query, without repeating what home gave", async () => {
    const first20 = Array.from({ length: 20 }, (_, index) => title(`g${index}`, `Genre title ${index}`));
    const api = renderApp("/", {
      Home: () => ({
        data: { home: { __typename: "Home", profile: profile("p1", "Ana"), continueWatching: [], myList: [], genreRows: [{ __typename: "GenreRow", genre: "Comedy", titles: first20 }] } },
      }),
      RecommendationRows: () => ({ data: null }),
      TitlesByGenre: ({ nextToken }) =>
        nextToken ? page([], null) : { data: { titlesByGenre: { __typename: "TitlePage", items: [...first20, title("g20", "Genre title 20")], nextToken: null } } },
    });

    await screen.findByRole("link", { name: "Genre title 19 (1999)" });
    expect(api.calls.some((call) => call.operationName === "TitlesByGenre")).toBe(false);
    fireEvent.click(screen.getByRole("button", { name: "More" }));
    await screen.findByRole("link", { name: "Genre title 20 (1999)" });
    await waitFor(() => expect(screen.queryByRole("button", { name: "More" })).toBeNull());
    expect(screen.getAllByRole("link", { name: /^Genre title \d+/ })).toHaveLength(21);
    expect(api.calls.filter((call) => call.operationName === "TitlesByGenre").map((call) => call.variables)).toEqual([
      { genre: "Comedy", profileId: "p1", limit: 50, nextToken: null },
    ]);
  });

  it("a recommendation row asks for the same list longer on demand, adds only what it did not show, and stops at the API's limit", async () => {
    const ranked = Array.from({ length: 60 }, (_, index) => title(`r${index}`, `Pick ${index}`));
    // A longer list may rank differently: r25 moves up among the first 20, r5 moves down.
    const reranked = [...ranked.slice(0, 5), ranked[25]!, ...ranked.slice(6, 25), ranked[5]!, ...ranked.slice(26)];
    const sizes: number[] = [];
    renderApp("/", {
      Home: () => ({ data: { home: { __typename: "Home", profile: profile("p1", "Ana"), continueWatching: [], myList: [], genreRows: [] } } }),
      RecommendationRows: (variables, { query }) => {
        const size = Number(/topPicks\([^)]*numResults: (\d+)\)/.exec(query)?.[1]);
        sizes.push(size);
        expect(variables).toEqual({ profileId: "p1" });
        const items = (size === 20 ? ranked : reranked).slice(0, size);
        return { data: { topPicks: { __typename: "Recommendations", items, source: "PERSONALIZE" } } };
      },
    });

    const row = await screen.findByTestId("row-topPicks");
    await within(row).findByRole("link", { name: "Pick 19 (1999)" });
    fireEvent.click(within(row).getByRole("button", { name: "More" }));
    await within(row).findByRole("link", { name: "Pick 39 (1999)" });
    fireEvent.click(within(row).getByRole("button", { name: "More" }));
    await within(row).findByRole("link", { name: "Pick 49 (1999)" });
    await waitFor(() => expect(within(row).queryByRole("button", { name: "More" })).toBeNull());

    const shown = within(row).getAllByRole("link").map((link) => link.getAttribute("aria-label"));
    expect(shown).toHaveLength(50);
    expect(new Set(shown).size).toBe(50);
    // What was shown keeps its place; the longer lists only add.
    expect(shown.slice(0, 20)).toEqual(ranked.slice(0, 20).map((entry) => `${entry.name} (1999)`));
    // The row stops at recommendationMaxResults, where the API stops accepting numResults
    // (offline/test/api/choices.test.ts asks the API with it and one more).
    expect(sizes).toEqual([20, 40, recommendationMaxResults]);
  });
});
