// The maturity the seeded catalog derives from MovieLens genres (title/maturity.ts), rule by rule:
// the first rule that matches decides.
import { describe, expect, it } from "vitest";
import { maturityFromGenres } from "../src/title/maturity.ts";

describe("maturityFromGenres", () => {
  it("leaves a title without genres unrated", () => {
    expect(maturityFromGenres([])).toBeNull();
  });

  it.each([[["Horror"]], [["Children", "Horror"]], [["Animation", "Comedy", "Horror"]], [["Horror", "Thriller"]]])(
    "rates anything with Horror 18+: %j",
    (genres) => expect(maturityFromGenres(genres)).toBe("EIGHTEEN_PLUS"),
  );

  it.each([[["Crime"]], [["Thriller"]], [["War"]], [["Film-Noir"]], [["Children", "War"]], [["Animation", "Crime"]]])(
    "rates Crime, Thriller, War and Film-Noir 16+ when there is no Horror: %j",
    (genres) => expect(maturityFromGenres(genres)).toBe("SIXTEEN_PLUS"),
  );

  it.each([[["Children"]], [["Adventure", "Animation", "Children", "Comedy", "Fantasy"]], [["Children", "Drama"]]])(
    "rates Children titles for all ages: %j",
    (genres) => expect(maturityFromGenres(genres)).toBe("ALL"),
  );

  it.each([[["Animation"]], [["Animation", "Comedy"]], [["Animation", "Musical"]], [["Animation", "Comedy", "Musical"]]])(
    "rates Animation with only Comedy or Musical 7+: %j",
    (genres) => expect(maturityFromGenres(genres)).toBe("SEVEN_PLUS"),
  );

  it.each([[["Animation", "Drama"]], [["Animation", "Sci-Fi"]], [["Comedy"]], [["Musical"]], [["Drama", "Romance"]], [["Documentary"]], [["IMAX"]]])(
    "rates everything else 13+: %j",
    (genres) => expect(maturityFromGenres(genres)).toBe("THIRTEEN_PLUS"),
  );

  it("does not depend on the order of the genres", () => {
    expect(maturityFromGenres(["Comedy", "Animation"])).toBe(maturityFromGenres(["Animation", "Comedy"]));
    expect(maturityFromGenres(["War", "Children"])).toBe(maturityFromGenres(["Children", "War"]));
  });
});
