// The pure parts of `util` that the corpus does not pin down: encodings after their Java namesakes,
// identifier formats, math / str, XML and RDS conversion, and util.dynamodb's handling of absent values.
import { describe, expect, it } from "vitest";
import { aiModule, util } from "../../src/runtime/index.ts";

describe("encodings", () => {
  it("escapeJavaScript escapes quotes, slashes, control and non-ASCII characters", () => {
    expect(util.escapeJavaScript(`a'b"c\\d/e\nf\tg é 😀`)).toBe(`a\\'b\\"c\\\\d\\/e\\nf\\tg \\u00E9 \\uD83D\\uDE00`);
  });

  it("urlEncode follows java.net.URLEncoder: space as +, only .-*_ kept", () => {
    expect(util.urlEncode("a b&c=d/é*~!'()")).toBe("a+b%26c%3Dd%2F%C3%A9*%7E%21%27%28%29");
    expect(util.urlDecode("a+b%26c%3Dd%2F%C3%A9")).toBe("a b&c=d/é");
  });

  it("base64 works on UTF-8 text both ways", () => {
    expect(util.base64Encode("héllo")).toBe("aMOpbGxv");
    expect(util.base64Decode("aMOpbGxv")).toBe("héllo");
  });

  it("matches needs the whole value to match, like Java's Pattern.matches", () => {
    expect(util.matches("a*b", "aaaaab")).toBe(true);
    expect(util.matches("a*b", "aaaaabc")).toBe(false);
    expect(util.matches("x|y", "y")).toBe(true);
  });
});

describe("identifiers", () => {
  it("autoId is a version 4 UUID", () => {
    expect(util.autoId()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(util.autoId()).not.toBe(util.autoId());
  });

  it("autoUlid starts with the current time, so later ids sort after earlier ones", async () => {
    const first = util.autoUlid();
    await new Promise((resolve) => setTimeout(resolve, 5));
    const second = util.autoUlid();
    expect(second).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(second.slice(0, 10) > first.slice(0, 10)).toBe(true);
  });

  it("autoKsuid encodes seconds since the KSUID epoch in its first 4 bytes", () => {
    const id = util.autoKsuid();
    expect(id).toMatch(/^[0-9A-Za-z]{27}$/);
    const alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    const value = [...id].reduce((total, char) => total * 62n + BigInt(alphabet.indexOf(char)), 0n);
    const seconds = Number(value >> 128n) + 1_400_000_000;
    expect(Math.abs(seconds - Date.now() / 1000)).toBeLessThan(5);
  });
});

describe("math and str", () => {
  it("rounds halves up and picks extremes", () => {
    expect([util.math.roundNum(2.5), util.math.roundNum(-2.5), util.math.minVal(3, -1), util.math.maxVal(3, -1)]).toEqual([3, -2, -1, 3]);
  });

  it("draws random numbers within their range, both ends included", () => {
    const draws = new Set(Array.from({ length: 200 }, () => util.math.randomWithinRange(1, 3)));
    expect([...draws].sort()).toEqual([1, 2, 3]);
    const double = util.math.randomDouble();
    expect(double >= 0 && double < 1).toBe(true);
  });

  it("normalizes with the named Unicode form", () => {
    expect(util.str.normalize("e\u0301", "nfc")).toBe("\u00e9");
    expect(util.str.normalize("\u00e9", "nfd")).toBe("e\u0301");
    expect(util.str.normalize("ﬁ", "nfkc")).toBe("fi");
  });
});

describe("util.dynamodb edge cases", () => {
  it("typed helpers answer null for absent input", () => {
    expect([util.dynamodb.toString(null), util.dynamodb.toNumber(undefined), util.dynamodb.toStringSet(null), util.dynamodb.toBoolean(null)]).toEqual([null, null, null, null]);
  });

  it("toDynamoDB maps null to NULL and drops undefined properties", () => {
    expect(util.dynamodb.toDynamoDB(null)).toEqual({ NULL: null });
    expect(util.dynamodb.toMapValues({ a: 1, b: undefined, c: null })).toEqual({ a: { N: 1 }, c: { NULL: null } });
  });

  it("fromS3ObjectJson reads back what toS3Object stored", () => {
    const stored = util.dynamodb.toS3Object("k", "b", "r", "v")!;
    expect(util.dynamodb.fromS3ObjectJson(stored.S)).toEqual({ key: "k", bucket: "b", region: "r", version: "v" });
    expect(util.dynamodb.fromS3ObjectJson("not json")).toBeNull();
  });
});

describe("util.transform edge cases", () => {
  it("an operator given undefined (an absent argument) is left out, as once serialised", () => {
    expect(JSON.parse(util.transform.toDynamoDBFilterExpression({ a: { eq: 1 }, b: { eq: undefined } }))).toEqual({
      expression: "(#a = :a_eq) AND ",
      expressionNames: { "#a": "a", "#b": "b" },
      expressionValues: { ":a_eq": { N: 1 } },
    });
  });

  it("toElasticsearchQueryDSL renders and / or / not and exists", () => {
    expect(JSON.parse(util.transform.toElasticsearchQueryDSL({ or: [{ a: { gt: 1 } }], not: { b: { exists: true } } }))).toEqual({
      bool: {
        must: [
          { bool: { should: [{ bool: { must: [{ bool: { must: [{ range: { a: { gt: 1 } } }] } }] } }] } },
          { bool: { must_not: { bool: { must: [{ bool: { must: [{ exists: { field: "b" } }] } }] } } } },
        ],
      },
    });
  });
});

describe("util.xml and util.rds", () => {
  const posts = `<?xml version="1.0" encoding="UTF-8"?>
<posts>
  <post><id>1</id><title>Getting started with GraphQL</title></post>
  <post id="2"><title>B &amp; C</title><draft>true</draft><empty/></post>
</posts>`;

  it("xml.toMap reads elements, repeated elements, attributes and typed text", () => {
    expect(util.xml.toMap(posts)).toEqual({
      posts: { post: [{ id: 1, title: "Getting started with GraphQL" }, { id: 2, title: "B & C", draft: true, empty: "" }] },
    });
  });

  it("xml.toJsonString serialises, optionally as an escaped string", () => {
    const xml = "<a><b>x</b></a>";
    expect(util.xml.toJsonString(xml)).toBe('{"a":{"b":"x"}}');
    expect(util.xml.toJsonString(xml, true)).toBe(JSON.stringify('{"a":{"b":"x"}}'));
  });

  it("xml.toMap rejects mismatched tags", () => {
    expect(() => util.xml.toMap("<a><b></a>")).toThrow(/Mismatched closing tag/);
  });

  it("rds.toJsonObject turns Data API records into rows per statement", () => {
    const result = {
      sqlStatementResults: [
        {
          records: [
            [{ stringValue: "Mark Twain" }, { longValue: 1884 }, { isNull: true }],
            [{ stringValue: "Jack London" }, { longValue: 1903 }, { booleanValue: true }],
          ],
          columnMetadata: [{ label: "author" }, { name: "year" }, { label: "reprint" }],
        },
        { numberOfRecordsUpdated: 1 },
      ],
    };
    expect(util.rds.toJsonObject(JSON.stringify(result))).toEqual([
      [
        { author: "Mark Twain", year: 1884, reprint: null },
        { author: "Jack London", year: 1903, reprint: true },
      ],
      [],
    ]);
    expect(util.rds.toJsonObject("{not json")).toBeNull();
  });
});

describe("@aws-appsync/utils/ai", () => {
  it("builds InvokeModel and Converse requests", () => {
    expect(aiModule.invokeModel({ modelId: "m", body: { inputText: "hi" } })).toEqual({ operation: "InvokeModel", modelId: "m", body: { inputText: "hi" } });
    expect(aiModule.converse({ modelId: "m", messages: [{ role: "user", content: [{ text: "hi" }] }] })).toEqual({
      operation: "Converse",
      modelId: "m",
      messages: [{ role: "user", content: [{ text: "hi" }] }],
    });
  });
});
