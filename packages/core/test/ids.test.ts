// The id formats resolvers check before DynamoDB (src/ids.ts): what each kind accepts, and that the
// Lambdas' zod inputs judge ids the same way, so an id is not valid on one side and refused on the other.
import { describe, expect, it } from "vitest";
import { idFormats, idProblem } from "../src/ids.ts";
import { Profile } from "../src/profile/index.ts";
import { Title } from "../src/title/index.ts";

const samples = ["ml-1", "ml-193609", "w-3f2a9c1d", "5b0f8f4e-2f4a-4e8e-9a55-3f1c2d3e4f50", "movielens-671", "seed-671-1", "Sci-Fi", "Film-Noir", "Space Opera",
  "", "a".repeat(64), "a".repeat(65), "t".repeat(10 * 1024), "Bad Id", "a/b", "PROFILE#x", "../x", "é", "x_y", "ML-1", "tab\there", "emoji😀"];

describe("idProblem", () => {
  it("accepts the ids the seed and core issue", () => {
    for (const id of ["ml-1", "ml-193609", "5b0f8f4e-2f4a-4e8e-9a55-3f1c2d3e4f50", "w-3f2a9c1d"]) expect(idProblem("title", id), id).toBeNull();
    for (const id of ["5b0f8f4e-2f4a-4e8e-9a55-3f1c2d3e4f50", "movielens-671", "seed-671-1"]) expect(idProblem("profile", id), id).toBeNull();
  });

  it("accepts every genre of the catalog", () => {
    for (const genre of Title.knownGenres) expect(idProblem("genre", genre), genre).toBeNull();
  });

  it("refuses empty, too long and foreign characters, saying which", () => {
    expect(idProblem("title", "")).toBe("must not be empty");
    expect(idProblem("title", "t".repeat(10 * 1024))).toBe("must be at most 64 characters");
    expect(idProblem("profile", "p".repeat(65))).toBe("must be at most 64 characters");
    expect(idProblem("genre", "g".repeat(33))).toBe("must be at most 32 characters");
    expect(idProblem("title", "ML-1")).toBe("may contain only lowercase letters, digits and dashes");
    expect(idProblem("profile", "PROFILE#x")).toBe("may contain only letters, digits, dashes and underscores");
    expect(idProblem("genre", "Drama#x")).toBe("may contain only letters, digits, dashes and spaces");
    expect(idProblem("profile", "emoji😀")).toBe("may contain only letters, digits, dashes and underscores");
  });

  it("keeps every id within DynamoDB's key limits (1 KB sort key) with its longest prefix", () => {
    for (const format of Object.values(idFormats)) expect(format.maxLength + "TITLE_ENTRIES#".length).toBeLessThan(1024);
  });
});

describe("the Lambdas' inputs judge ids as the resolvers do", () => {
  const genres = ["Drama"];
  it.each(samples)("a new title's id %j", (id) => {
    expect(Title.CreateInput.safeParse({ id, name: "Sample", genres }).success).toBe(idProblem("title", id) === null);
  });

  it.each(samples)("a profile id %j", (id) => {
    expect(Profile.RemoveInput.safeParse({ accountId: "a-1", profileId: id }).success).toBe(idProblem("profile", id) === null);
  });
});
