// Search normalisation: what a title's name is indexed as and what a typed query is read as. The
// resolvers run the same code with AppSync's `util.str.normalize`, so both sides must agree.
import { describe, expect, it } from "vitest";
import { normalizeText, searchWords } from "../src/util/normalize.ts";

describe("normalizeText", () => {
  it.each([
    ["Amélie", "amelie"],
    ["Léon: The Professional", "leon the professional"],
    ["Crouching Tiger, Hidden Dragon (Wo hu cang long)", "crouching tiger hidden dragon wo hu cang long"],
    ["Das Boot", "das boot"],
    ["Smörgåsbord à la carte", "smorgasbord a la carte"],
    ["ÇA ÉTÉ NAÏF", "ca ete naif"],
    ["İstanbul", "istanbul"],
    ["Ἀθῆναι", "αθηναι"],
  ])("folds case and accents: %s", (name, normalized) => {
    expect(normalizeText(name)).toBe(normalized);
  });

  it.each([
    ["Straße", "strasse"],
    ["Æon Flux", "aeon flux"],
    ["Cœur fidèle", "coeur fidele"],
    ["Øresund", "oresund"],
    ["Łódź", "lodz"],
    ["Þór", "thor"],
    ["Kırmızı", "kirmizi"],
  ])("folds letters that have no decomposition as they are typed: %s", (name, normalized) => {
    expect(normalizeText(name)).toBe(normalized);
  });

  it.each([
    ["Schindler's List", "schindlers list"],
    ["Schindler’s List", "schindlers list"],
    ["‘Round Midnight", "round midnight"],
    ["Rock ‘n’ Roll", "rock n roll"],
    ["d´Artagnan", "dartagnan"],
    ["dʼArtagnan", "dartagnan"],
    ["Fabuleux destin d'Amélie Poulain", "fabuleux destin damelie poulain"],
  ])("drops apostrophes, straight or typographic, without splitting the word: %s", (name, normalized) => {
    expect(normalizeText(name)).toBe(normalized);
  });

  it.each([
    ["Star Wars: Episode IV - A New Hope", "star wars episode iv a new hope"],
    ["Mr. & Mrs. Smith", "mr mrs smith"],
    ["Jean‐Luc — « Le Film » … ¿Qué?", "jean luc le film que"],
    ["Ça • va × 2", "ca va 2"],
    ["“Quoted” title!", "quoted title"],
    ["WALL·E", "wall e"],
    ["  spaced\tout\n ", "spaced out"],
    ["Café\u00a0Society", "cafe society"],
    ["東京物語「Tokyo」", "東京物語 tokyo"],
  ])("turns punctuation and symbols into single spaces, none at the ends: %s", (name, normalized) => {
    expect(normalizeText(name)).toBe(normalized);
  });

  it.each([
    ["Se7en", "se7en"],
    ["2001: A Space Odyssey", "2001 a space odyssey"],
    ["Ⅻ Monkeys ①", "xii monkeys 1"],
    ["Ｆｕｌｌｗｉｄｔｈ", "fullwidth"],
  ])("keeps digits and maps compatibility forms: %s", (name, normalized) => {
    expect(normalizeText(name)).toBe(normalized);
  });

  it("is empty for text with no letter or digit", () => {
    expect(normalizeText("!!! ... — ?")).toBe("");
    expect(normalizeText("")).toBe("");
  });

  it("gives the same result with any NFKD implementation passed in (the resolvers pass util.str.normalize)", () => {
    const calls: string[] = [];
    const decompose = (text: string) => {
      calls.push(text);
      return text.normalize("NFKD");
    };
    expect(normalizeText("Amélie's Café", decompose)).toBe(normalizeText("Amélie's Café"));
    expect(calls).toEqual(["Amélies Café"]);
  });
});

describe("searchWords", () => {
  it("lists the distinct words in order", () => {
    expect(searchWords("Star Trek: Star Trek II")).toEqual(["star", "trek", "ii"]);
  });

  it("reads a query typed without accents or capitals like the name it should find", () => {
    expect(searchWords("AMELIE")).toEqual(searchWords("Amélie"));
    expect(searchWords("schindlers")).toEqual(searchWords("Schindler's"));
  });

  it("is empty for punctuation only", () => {
    expect(searchWords(" -- !? ")).toEqual([]);
  });
});
