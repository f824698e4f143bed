import { describe, expect, it } from "vitest";
import type { DirectRequest } from "../load-types.ts";
import { requestsOf } from "../plans.ts";
import { homeContents, homePlan } from "../watching.ts";

const profile: DirectRequest = { operation: "GetItem", input: { TableName: "marquee", Key: { pk: { S: "ACCOUNT#a" }, sk: { S: "PROFILE#p" } } } };
const query = (partition: string, indexName?: string): DirectRequest => ({
  operation: "Query",
  input: { TableName: "marquee", ...(indexName ? { IndexName: indexName } : {}), ExpressionAttributeValues: { ":pk": { S: partition } } },
});
const partitionOf = (request: DirectRequest) => (request.operation === "Query" ? request.input.ExpressionAttributeValues![":pk"]!.S : request.operation);

describe("home's direct plan", () => {
  it("reads the profile, then the lists and the rows' history together, then every row's titles together", () => {
    // As captured: the row titles may come in any order among themselves.
    const captured = [profile, query("CW#p", "gsi1"), query("LIST#p", "gsi1"), query("HISTORY#p", "gsi2"), query("GENRE#Drama"), query("GENRE#Comedy")];
    const plan = homePlan(captured);
    expect(plan).toEqual({
      sequence: [
        { request: profile },
        {
          parallel: [
            { request: captured[1] },
            { request: captured[2] },
            { sequence: [{ request: captured[3] }, { parallel: [{ request: captured[4] }, { request: captured[5] }] }] },
          ],
        },
      ],
    });
    expect(requestsOf(plan).map(partitionOf)).toEqual(["GetItem", "CW#p", "LIST#p", "HISTORY#p", "GENRE#Drama", "GENRE#Comedy"]);
  });

  it("reads only the rows' history in that branch when the API cache has the rows", () => {
    const captured = [profile, query("CW#p", "gsi1"), query("LIST#p", "gsi1"), query("HISTORY#p", "gsi2")];
    expect(homePlan(captured)).toEqual({
      sequence: [{ request: profile }, { parallel: [{ request: captured[1] }, { request: captured[2] }, { request: captured[3] }] }],
    });
  });

  it("refuses requests it would not know how to replay", () => {
    expect(() => homePlan([query("CW#p", "gsi1"), profile])).toThrow(/read its profile first/);
    expect(() => homePlan([profile, query("CW#p", "gsi1"), query("X", "gsi3")])).toThrow(/does not know how to replay: gsi1, gsi3/);
    expect(() => homePlan([profile, query("CW#p", "gsi1"), query("GENRE#Drama")])).toThrow(/does not know how to replay/);
  });
});

describe("home's contents", () => {
  it("counts what each part of the home screen holds", () => {
    const answer = {
      data: { home: { continueWatching: [{}, {}], myList: [{}], genreRows: [{ titles: [{}, {}, {}] }, { titles: [] }] } },
    };
    expect(homeContents(answer)).toEqual({ continueWatching: 2, myList: 1, genreRows: 2, rowTitles: 3 });
    expect(() => homeContents({ data: null })).toThrow(/has no home/);
  });
});
