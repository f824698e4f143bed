// What a client is told when a request goes wrong in an APPSYNC_JS resolver: an argument DynamoDB would
// refuse gets a BadRequest naming it (nothing is read), and a DynamoDB failure no rule foresaw reaches
// the client masked as InternalFailure. DynamoDB's own words never do.
import { describe, expect, it } from "vitest";
import { addToMyList, dataOf, graphql, hideFromContinueWatching, recordProgress, removeFromHistory, removeFromMyList, titleFields, watcher } from "./watching-fixtures.ts";
import type { GraphQLResponse } from "../../src/testing/client.ts";

// Over DynamoDB's key size limits (2 KB partition key, 1 KB sort key).
const tenKilobytes = "t".repeat(10 * 1024);
const engineWording = /DynamoDB|Exception|\bkey\b|hash ?key|bytes|one or more parameter values/i;

function onlyErrorOf(response: GraphQLResponse<unknown>) {
  expect(response.status).toBe(200);
  expect(response.body.errors).toHaveLength(1);
  const { errorType, message } = response.body.errors![0]!;
  return { errorType, message };
}

describe("an id too long to be one", () => {
  it("is a BadRequest naming the argument on title(id:)", async () => {
    const response = await graphql(`query ($id: ID!) { title(id: $id) { ${titleFields} } }`, { id: tenKilobytes });
    expect(onlyErrorOf(response)).toEqual({ errorType: "BadRequest", message: "id must be at most 64 characters." });
    expect(JSON.stringify(response.body)).not.toMatch(engineWording);
  });

  it("is a BadRequest naming the argument on every write under a profile", async () => {
    const { profileId, as } = await watcher();
    const answers = [
      await addToMyList(profileId, tenKilobytes, as),
      await recordProgress({ profileId, titleId: tenKilobytes, positionSeconds: 60, durationSeconds: 6000 }, as),
      await removeFromMyList(profileId, tenKilobytes, as),
      await removeFromHistory(profileId, tenKilobytes, as),
      await hideFromContinueWatching(profileId, tenKilobytes, as),
    ];
    for (const [index, response] of answers.entries()) {
      // recordProgress takes its ids in an input object, and names them so.
      const argument = index === 1 ? "input.titleId" : "titleId";
      expect(onlyErrorOf(response)).toEqual({ errorType: "BadRequest", message: `${argument} must be at most 64 characters.` });
      expect(JSON.stringify(response.body)).not.toMatch(engineWording);
    }
  });

  it("is a BadRequest as a profileId too: no profile has such an id (every field: id-arguments.test.ts)", async () => {
    const { as } = await watcher();
    const response = await addToMyList(tenKilobytes, "any-title", as);
    expect(onlyErrorOf(response)).toEqual({ errorType: "BadRequest", message: "profileId must be at most 64 characters." });
  });
});

describe("a DynamoDB failure no rule foresaw", () => {
  it("reaches the client as the masked InternalFailure, without DynamoDB's message", async () => {
    // A page token names its query (resolvers/paging.ts); one whose name is forged to another genre
    // passes that check and reaches DynamoDB as a start key outside the query's partition.
    const page = `query ($genre: String!, $nextToken: String) { titlesByGenre(genre: $genre, limit: 2, nextToken: $nextToken) { items { id } nextToken } }`;
    const { nextToken } = dataOf(await graphql<{ titlesByGenre: { nextToken: string | null } }>(page, { genre: "Drama" })).titlesByGenre;
    const forged = `${Buffer.from("titlesByGenre:Comedy").toString("base64")}${nextToken!.slice(nextToken!.indexOf("."))}`;
    const response = await graphql(page, { genre: "Comedy", nextToken: forged });
    expect(response.body.data).toBeNull();
    expect(onlyErrorOf(response)).toEqual({ errorType: "InternalFailure", message: "Something went wrong on our side; it has been logged." });
    expect(JSON.stringify(response.body)).not.toMatch(engineWording);
  });
});
