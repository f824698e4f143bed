// The client's GraphQL against the API contract: every document validates against schema.graphql (with
// AppSync's prelude), so an unknown field fails here rather than on a viewer's screen; the files
// generated from the schema are current; recommendation rows follow what the schema offers.
import { buildSchema, parse, validate, type DocumentNode } from "graphql";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import * as documents from "../src/api/documents.ts";
import { recommendationRequest } from "../src/api/recommendations.ts";
import { recommendationFieldLabels, type RecommendationField } from "../src/api/recommendation-fields.ts";
import { appSyncPrelude } from "@marquee/appsync-contract/prelude";
import { generatedFiles, loadSchema, recommendationDescriptors, webRoot } from "../scripts/generate.ts";

const schema = loadSchema();
const allFields = Object.keys(recommendationFieldLabels) as RecommendationField[];

function isDocument(value: unknown): value is DocumentNode {
  return typeof value === "object" && value !== null && (value as { kind?: unknown }).kind === "Document";
}

describe("GraphQL documents", () => {
  const operations = Object.entries(documents).filter(([, value]) => isDocument(value)) as Array<[string, DocumentNode]>;

  it("finds the documents", () => {
    expect(operations.map(([name]) => name)).toEqual(expect.arrayContaining(["HomeQuery", "RecordProgressMutation", "UpdateTitleMutation", "SearchTitlesQuery"]));
  });

  it.each(operations.filter(([name]) => !name.endsWith("Fields")))("%s validates against schema.graphql", (_name, document) => {
    expect(validate(schema, document).map((error) => error.message)).toEqual([]);
  });

  it("an unknown field is caught", () => {
    const broken = parse("query { title(id: \"x\") { id nameTypo } }");
    expect(validate(schema, broken).map((error) => error.message)).toEqual([expect.stringContaining('Cannot query field "nameTypo" on type "Title".')]);
  });
});

describe("files generated from the schema", () => {
  it("are up to date (run `npm run generate -w packages/web` after changing schema.graphql)", () => {
    for (const [path, contents] of Object.entries(generatedFiles())) {
      if (path.startsWith(".generated/")) continue;
      expect(readFileSync(join(webRoot, path), "utf8"), path).toBe(contents);
    }
  });
});

describe("recommendation rows", () => {
  const { offered } = recommendationDescriptors(schema);

  it("every query built for what the schema offers validates", () => {
    const wantedSets: RecommendationField[][] = [allFields, ["topPicks", "trending", "mostPopular"], ["becauseYouWatched"], ["moreLikeThis"]];
    for (const wanted of wantedSets) {
      const request = recommendationRequest(offered, wanted, { profileId: "p", titleId: "t" });
      if (!request) continue;
      expect(validate(schema, parse(request.query)).map((error) => error.message), request.query).toEqual([]);
    }
  });

  const withoutRecommendations = `${appSyncPrelude}
    type Query { title(id: ID!): Title }
    type Title { id: ID! name: String! year: Int genres: [String!]! maturity: String }
    type Home { genreRows: [String!]! }`;

  it("without recommendation fields in the schema, no row and no query", () => {
    const none = recommendationDescriptors(buildSchema(withoutRecommendations));
    expect(none.offered).toEqual([]);
    expect(recommendationRequest(none.offered, allFields, { profileId: "p", titleId: "t" })).toBeNull();
  });

  it("reads a list of titles or an object holding one, with its source, and skips fields it cannot fill", () => {
    const sdl = `${withoutRecommendations}
      extend type Query {
        topPicks(profileId: ID!, limit: Int): [Title!]!
        trending(profileId: ID!): Rows!
        mostPopular(region: String!): [Title!]!
      }
      extend type Home { topPicks: Rows }
      type Rows { titles: [Title!]! source: String! }`;
    const { offered: found, skipped } = recommendationDescriptors(buildSchema(sdl));
    expect(found).toEqual([
      { field: "topPicks", parent: "Query", args: ["profileId", "limit"], titlesPath: [], hasSource: false },
      { field: "trending", parent: "Query", args: ["profileId"], titlesPath: ["titles"], hasSource: true },
      { field: "topPicks", parent: "Home", args: [], titlesPath: ["titles"], hasSource: true },
    ]);
    expect(skipped).toEqual(["Query.mostPopular: needs argument region, which the client does not know how to fill"]);

    const request = recommendationRequest(found, ["topPicks", "trending", "becauseYouWatched"], { profileId: "p1" })!;
    expect(request.variables).toEqual({ profileId: "p1" });
    const title = (id: string) => ({ id, name: id, year: null, genres: [], maturity: null });
    const rows = request.rows({ topPicks: [title("a")], trending: { titles: [title("b")], source: "POPULARITY_FALLBACK" } });
    expect(rows.map((row) => [row.field, row.titles.map((t) => t.id), row.source])).toEqual([
      ["topPicks", ["a"], null],
      ["trending", ["b"], "POPULARITY_FALLBACK"],
    ]);
  });

  it("uses Home's field when Query has none", () => {
    const sdl = `${withoutRecommendations}
      extend type Query { home(profileId: ID!): Home! }
      extend type Home { topPicks: Rows }
      type Rows { items: [Title!]! source: String! }`;
    const { offered: found } = recommendationDescriptors(buildSchema(sdl));
    const request = recommendationRequest(found, ["topPicks"], { profileId: "p1" })!;
    expect(validate(buildSchema(sdl), parse(request.query))).toEqual([]);
    const rows = request.rows({ home: { topPicks: { items: [{ id: "x", name: "X", year: 1999, genres: [], maturity: null }], source: "PERSONALIZE" } } });
    expect(rows).toEqual([expect.objectContaining({ field: "topPicks", source: "PERSONALIZE", label: "Top picks for you" })]);
  });
});
