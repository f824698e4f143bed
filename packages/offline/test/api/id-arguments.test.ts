// Every field that takes an id refuses a malformed one before DynamoDB sees it (core/src/ids.ts): a
// 10 KB id (over DynamoDB's key size limits) and an id with characters no id has each get one
// BadRequest naming the argument, and nothing of DynamoDB's wording. A new title's id (createTitle)
// is Title.create's to check: a ValidationError naming it.
import { beforeAll, describe, expect, it } from "vitest";
import { contentEditor, type GraphQLResponse } from "../../src/testing/client.ts";
import { createTitle, graphql, partitionOf, titleFields, watcher, type As } from "./watching-fixtures.ts";

const tenKilobytes = "t".repeat(10 * 1024);
const engineWording = /DynamoDB|Exception|\bkey\b|hash ?key|bytes|one or more parameter values/i;

const formats = {
  title: { tooLong: "must be at most 64 characters.", forbidden: "Bad#Id", alphabet: "may contain only lowercase letters, digits and dashes." },
  profile: { tooLong: "must be at most 64 characters.", forbidden: "PROFILE#x", alphabet: "may contain only letters, digits, dashes and underscores." },
  genre: { tooLong: "must be at most 32 characters.", forbidden: "Drama#x", alphabet: "may contain only letters, digits, dashes and spaces." },
};
type Kind = keyof typeof formats;

let caller: As;
let profileId: string;
let titleId: string;

beforeAll(async () => {
  const account = await watcher();
  caller = account.as;
  profileId = account.profileId;
  titleId = (await createTitle({ name: "Well Formed", genres: ["Drama"], maturity: "THIRTEEN_PLUS" })).id;
});

/** A field and the argument under test: `send(bad)` sends `bad` as that argument, every other one valid. */
type Case = { field: string; argument: string; kind: Kind; send: (bad: string) => Promise<GraphQLResponse<unknown>> };

const as = () => caller;
const watchArgs = (bad: string, argument: "profileId" | "titleId") => (argument === "profileId" ? { profileId: bad, titleId } : { profileId, titleId: bad });

function cases(): Case[] {
  const list: Case[] = [
    { field: "title", argument: "id", kind: "title", send: (bad) => graphql(`query ($id: ID!) { title(id: $id) { id } }`, { id: bad }, as()) },
    { field: "title", argument: "profileId", kind: "profile", send: (bad) => graphql(`query ($id: ID!, $p: ID) { title(id: $id, profileId: $p) { id } }`, { id: titleId, p: bad }, as()) },
    { field: "titlesByGenre", argument: "genre", kind: "genre", send: (bad) => graphql(`query ($g: String!) { titlesByGenre(genre: $g) { nextToken } }`, { g: bad }, as()) },
    {
      field: "titlesByGenre",
      argument: "profileId",
      kind: "profile",
      send: (bad) => graphql(`query ($p: ID) { titlesByGenre(genre: "Drama", profileId: $p) { nextToken } }`, { p: bad }, as()),
    },
    { field: "searchTitles", argument: "profileId", kind: "profile", send: (bad) => graphql(`query ($p: ID) { searchTitles(query: "well", profileId: $p) { nextToken } }`, { p: bad }, as()) },
    { field: "home", argument: "profileId", kind: "profile", send: (bad) => graphql(`query ($p: ID!) { home(profileId: $p) { profile { id } } }`, { p: bad }, as()) },
    ...["continueWatching", "history", "myList"].map((field): Case => ({
      field,
      argument: "profileId",
      kind: "profile",
      send: (bad) => graphql(`query ($p: ID!) { ${field}(profileId: $p) { nextToken } }`, { p: bad }, as()),
    })),
    ...["topPicks", "trending", "mostPopular"].map((field): Case => ({
      field,
      argument: "profileId",
      kind: "profile",
      send: (bad) => graphql(`query ($p: ID!) { ${field}(profileId: $p) { source } }`, { p: bad }, as()),
    })),
    {
      field: "updateTitle",
      argument: "input.id",
      kind: "title",
      send: (bad) => graphql(`mutation ($input: UpdateTitleInput!) { updateTitle(input: $input) { id } }`, { input: { id: bad, expectedVersion: 1, name: "Renamed" } }, { as: contentEditor }),
    },
    {
      field: "updateProfile",
      argument: "input.profileId",
      kind: "profile",
      send: (bad) => graphql(`mutation ($input: UpdateProfileInput!) { updateProfile(input: $input) { id } }`, { input: { profileId: bad, name: "Renamed" } }, as()),
    },
    { field: "deleteProfile", argument: "profileId", kind: "profile", send: (bad) => graphql(`mutation ($p: ID!) { deleteProfile(profileId: $p) { profileId } }`, { p: bad }, as()) },
    {
      field: "verifyProfilePin",
      argument: "profileId",
      kind: "profile",
      send: (bad) => graphql(`mutation ($p: ID!) { verifyProfilePin(profileId: $p, pin: "1234") { ok } }`, { p: bad }, as()),
    },
  ];
  for (const argument of ["profileId", "titleId"] as const) {
    const kind: Kind = argument === "profileId" ? "profile" : "title";
    list.push({
      field: "recordProgress",
      argument: `input.${argument}`,
      kind,
      send: (bad) =>
        graphql(
          `mutation ($input: RecordProgressInput!) { recordProgress(input: $input) { status } }`,
          { input: { ...watchArgs(bad, argument), positionSeconds: 60, durationSeconds: 6000 } },
          as(),
        ),
    });
    for (const field of ["becauseYouWatched", "moreLikeThis"]) {
      list.push({
        field,
        argument,
        kind,
        send: (bad) => graphql(`query ($profileId: ID!, $titleId: ID!) { ${field}(profileId: $profileId, titleId: $titleId) { source } }`, watchArgs(bad, argument), as()),
      });
    }
    for (const [field, selection] of [
      ["addToMyList", "addedAt"],
      ["removeFromMyList", "titleId"],
      ["removeFromHistory", "titleId"],
      ["hideFromContinueWatching", "hidden"],
    ]) {
      list.push({
        field,
        argument,
        kind,
        send: (bad) => graphql(`mutation ($profileId: ID!, $titleId: ID!) { ${field}(profileId: $profileId, titleId: $titleId) { ${selection} } }`, watchArgs(bad, argument), as()),
      });
    }
  }
  return list;
}

function expectRefusal(response: GraphQLResponse<unknown>, field: string, message: string) {
  expect(response.status).toBe(200);
  expect(response.body.errors, `${field}: ${JSON.stringify(response.body.errors)}`).toEqual([expect.objectContaining({ errorType: "BadRequest", message, path: [field] })]);
  expect(JSON.stringify(response.body)).not.toMatch(engineWording);
}

describe("a malformed id argument is a BadRequest naming it", () => {
  it("for a 10 KB id, on every field that takes one", async () => {
    for (const { field, argument, kind, send } of cases()) expectRefusal(await send(tenKilobytes), field, `${argument} ${formats[kind].tooLong}`);
  });

  it("for an id with characters no id has, on every field that takes one", async () => {
    for (const { field, argument, kind, send } of cases()) expectRefusal(await send(formats[kind].forbidden), field, `${argument} ${formats[kind].alphabet}`);
  });

  it("for an empty id", async () => {
    const [title] = cases();
    expectRefusal(await title!.send(""), "title", "id must not be empty.");
  });

  it("and nothing is written under a malformed profile id", async () => {
    for (const { argument, send } of cases()) if (argument.endsWith("profileId")) await send(formats.profile.forbidden);
    expect(await partitionOf(formats.profile.forbidden)).toEqual([]);
  });
});

describe("a new title's id (createTitle)", () => {
  it.each([
    ["10 KB", tenKilobytes, "id: must be at most 64 characters"],
    ["forbidden characters", "Bad#Id", "id: may contain only lowercase letters, digits and dashes"],
  ])("%s: a ValidationError naming it", async (_, id, message) => {
    const response = await graphql(
      `mutation ($input: CreateTitleInput!) { createTitle(input: $input) { ${titleFields} } }`,
      { input: { id, name: "Never Written", genres: ["Drama"] } },
      { as: contentEditor },
    );
    expect(response.body.errors).toEqual([expect.objectContaining({ errorType: "ValidationError", message, path: ["createTitle"] })]);
    expect(JSON.stringify(response.body)).not.toMatch(engineWording);
  });
});
