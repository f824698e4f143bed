// @vitest-environment happy-dom
import { describe, expect, it } from "vitest";
import { avatarSvg, drawnAvatars } from "../src/profiles/avatars.ts";
import { paletteFor, posterSvg, posterText, wrapWords } from "../src/posters/poster.ts";

const parse = (svg: string) => new DOMParser().parseFromString(svg, "image/svg+xml");

describe("poster art", () => {
  it("is well-formed SVG with the name, year and genre, and nothing fetched from elsewhere", () => {
    const svg = posterSvg({ id: "ml-1", name: "Tom & Jerry <The Movie>", year: 1992, genres: ["Animation", "Children"] });
    const document = parse(svg);
    expect(document.querySelector("parsererror")).toBeNull();
    const texts = [...document.querySelectorAll("text")].map((node) => node.textContent);
    expect(texts).toEqual(expect.arrayContaining(["ANIMATION", "1992"]));
    expect(texts.join(" ")).toContain("TOM & JERRY");
    expect(svg).not.toMatch(/https?:\/\/(?!www\.w3\.org\/2000\/svg)|@import|url\((?!#)/);
  });

  it("is the same poster for the same title, and titles of a genre share its palette", () => {
    const matrix = { id: "ml-2571", name: "The Matrix", year: 1999, genres: ["Action", "Sci-Fi"] };
    expect(posterSvg(matrix)).toBe(posterSvg({ ...matrix }));
    expect(posterSvg(matrix)).toContain(paletteFor(["Action"]).accent);
    expect(paletteFor(["(no genres listed)"])).toEqual(paletteFor([]));
    expect(posterSvg({ ...matrix, id: "other" })).not.toBe(posterSvg(matrix));
  });

  it("splits subtitles, drops a.k.a. names, and wraps long names into at most four lines", () => {
    expect(posterText("Star Wars: Episode IV - A New Hope")).toEqual({ headline: "Star Wars", subtitle: "Episode IV - A New Hope" });
    expect(posterText("Seven (a.k.a. Se7en)")).toEqual({ headline: "Seven", subtitle: "" });
    const lines = wrapWords("THE LORD OF THE RINGS THE RETURN OF THE KING EXTENDED EDITION", 10, 4);
    expect(lines).toHaveLength(4);
    expect(lines[3]!.endsWith("…")).toBe(true);
    // A long line is squeezed to the poster's width rather than overflowing it.
    expect(posterSvg({ name: "Supercalifragilisticexpialidocious", genres: ["Musical"] })).toContain('lengthAdjust="spacingAndGlyphs"');
  });

  // That these cover every avatar the API offers is checked against the API (offline/test/api/choices.test.ts).
  it("draws every avatar it ships as well-formed SVG", () => {
    expect(drawnAvatars.length).toBeGreaterThan(0);
    for (const avatar of drawnAvatars) {
      const document = parse(avatarSvg(avatar));
      expect(document.querySelector("parsererror"), avatar).toBeNull();
      expect(document.querySelectorAll("path, circle, rect, ellipse, line").length, avatar).toBeGreaterThan(3);
    }
  });
});
