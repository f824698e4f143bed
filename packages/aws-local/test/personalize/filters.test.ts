import { describe, expect, it } from "vitest";
import { InteractionLog, MetadataTable, type UserHistory } from "../../src/personalize/data/store.ts";
import { PersonalizeError } from "../../src/personalize/errors.ts";
import { bindFilter, type FilterContext } from "../../src/personalize/filters/evaluate.ts";
import { parseFilterExpression } from "../../src/personalize/filters/parser.ts";
import { tokenize } from "../../src/personalize/filters/tokens.ts";
import { parseFilterValue } from "../../src/personalize/filters/values.ts";

function invalid(action: () => unknown): string {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(PersonalizeError);
    expect((error as PersonalizeError).type).toBe("InvalidInputException");
    return (error as Error).message;
  }
  throw new Error("expected an InvalidInputException");
}

describe("tokenize", () => {
  it("splits words, strings, numbers, parameters and operators, with columns", () => {
    const tokens = tokenize('INCLUDE ItemID WHERE Items.YEAR >= -1.5 AND Items.GENRES IN ("Sci-Fi", $G) | x');
    expect(tokens.map((token) => (token.kind === "symbol" || token.kind === "word" ? token.text : token.kind === "string" || token.kind === "number" ? token.value : token.kind === "parameter" ? `$${token.name}` : "<end>"))).toEqual([
      "INCLUDE", "ItemID", "WHERE", "Items", ".", "YEAR", ">=", -1.5, "AND", "Items", ".", "GENRES", "IN", "(", "Sci-Fi", ",", "$G", ")", "|", "x", "<end>",
    ]);
    expect(tokens[6]).toMatchObject({ kind: "symbol", text: ">=", column: 33 });
  });

  it("keeps escaped quotes inside strings", () => {
    expect(tokenize('"say \\"hi\\""')[0]).toMatchObject({ kind: "string", value: 'say "hi"' });
  });

  it("names the column of a bad character or an unclosed string", () => {
    expect(invalid(() => tokenize("Items.A IN ('x')"))).toMatch(/column 13: strings take double quotes/);
    expect(invalid(() => tokenize('Items.A IN ("x)'))).toMatch(/column 13: a string is never closed/);
    expect(invalid(() => tokenize("Items.A # 3"))).toMatch(/column 9: unexpected character "#"/);
    expect(invalid(() => tokenize("Items.A IN ($)"))).toMatch(/column 13/);
  });
});

describe("parseFilterExpression", () => {
  it("parses the interactions filter Marquee uses", () => {
    const parsed = parseFilterExpression('EXCLUDE ItemID WHERE Interactions.EVENT_TYPE IN ("finished")');
    expect(parsed.expressions).toEqual([
      {
        action: "EXCLUDE",
        dataset: "Interactions",
        where: [[{ dataset: "Interactions", field: "EVENT_TYPE", operator: "IN", operand: { kind: "values", values: [{ kind: "literal", text: "finished" }] } }]],
        when: [],
        parameters: [],
      },
    ]);
  });

  it("parses parameters, NOT IN, comparisons, AND/OR precedence, IF CurrentUser and | chains", () => {
    const parsed = parseFilterExpression(
      'INCLUDE ItemID WHERE Items.MATURITY IN ($MATURITY) AND Items.YEAR > 1990 OR Items.GENRES NOT IN ("Horror") IF CurrentUser.AGE >= 18 AND CurrentUser.PLAN IN ("premium")' +
        ' | exclude itemid where interactions.EVENT_TYPE in ("*")',
    );
    const [include, exclude] = parsed.expressions;
    expect(include!.where.map((group) => group.map((predicate) => `${predicate.field} ${predicate.operator}`))).toEqual([["MATURITY IN", "YEAR >"], ["GENRES NOT IN"]]);
    expect(include!.when.map((predicate) => `${predicate.dataset}.${predicate.field}`)).toEqual(["CurrentUser.AGE", "CurrentUser.PLAN"]);
    expect(include!.parameters).toEqual(["MATURITY"]);
    expect(exclude).toMatchObject({ action: "EXCLUDE", dataset: "Interactions" });
    expect([...parsed.parameters]).toEqual(["MATURITY"]);
  });

  it("parses CurrentItem operands for related-items filters", () => {
    const parsed = parseFilterExpression("INCLUDE ItemID WHERE Items.GENRES IN CurrentItem.GENRES AND Items.YEAR < CurrentItem.YEAR");
    expect(parsed.expressions[0]!.where[0]!.map((predicate) => predicate.operand)).toEqual([
      { kind: "currentItem", field: "GENRES" },
      { kind: "currentItem", field: "YEAR" },
    ]);
  });

  it.each([
    ["", /it is empty/],
    ["INCLUDE ItemID", /column 15: expected WHERE, found the end of the expression/],
    ["KEEP ItemID WHERE Items.A IN (\"x\")", /column 1: expected INCLUDE or EXCLUDE/],
    ['EXCLUDE UserID WHERE Items.A IN ("x")', /UserID filters are for action recommendations and user segments/],
    ['INCLUDE ItemID WHERE Items.A IN ("x"', /expected "\)"/],
    ['INCLUDE ItemID WHERE Items.A IN ()', /expected a value/],
    ['INCLUDE ItemID WHERE Items.A IN ("x",)', /expected a value/],
    ['INCLUDE ItemID WHERE Items.A LIKE ("x")', /expected IN, NOT IN, =, <, <=, > or >= after Items.A/],
    ['INCLUDE ItemID WHERE Items.genre IN ("x")', /field names are upper case/],
    ['INCLUDE ItemID WHERE Users.AGE IN ("x")', /expected Items.<FIELD> or Interactions.<FIELD>/],
    ['INCLUDE ItemID WHERE CurrentUser.AGE > 3', /CurrentUser conditions go after IF/],
    ['INCLUDE ItemID WHERE Items.A IN ("x") IF Items.B IN ("y")', /only CurrentUser conditions may follow IF/],
    ['INCLUDE ItemID WHERE Items.A IN ("x") AND Interactions.EVENT_TYPE IN ("click")', /must read one dataset, but Items is followed by Interactions/],
    ['EXCLUDE ItemID WHERE Interactions.EVENT_VALUE IN ("1")', /only be filtered on EVENT_TYPE/],
    ['EXCLUDE ItemID WHERE Interactions.EVENT_TYPE = "click"', /takes IN or NOT IN/],
    ['INCLUDE ItemID WHERE Items.GENRES IN ("*")', /"\*" only matches Interactions.EVENT_TYPE/],
    ['INCLUDE ItemID WHERE Items.YEAR > "1990"', /> compares numbers; use IN for strings/],
    ['INCLUDE ItemID WHERE Items.A IN ("x") |', /expected INCLUDE or EXCLUDE/],
    ['INCLUDE ItemID WHERE Items.A IN ("x") Items.B IN ("y")', /expected "\|" or the end of the expression, found "Items"/],
  ])("rejects %j", (expression, message) => {
    expect(invalid(() => parseFilterExpression(expression))).toMatch(message);
  });
});

describe("parseFilterValue", () => {
  it("reads comma-separated double-quoted values, as GetRecommendations passes them", () => {
    expect(parseFilterValue("MATURITY", '"ALL","SEVEN_PLUS"')).toEqual(["ALL", "SEVEN_PLUS"]);
    expect(parseFilterValue("G", ' "Sci-Fi" , "a,b" ')).toEqual(["Sci-Fi", "a,b"]);
    expect(parseFilterValue("Q", '"say \\"hi\\""')).toEqual(['say "hi"']);
    expect(parseFilterValue("YEAR", "1990")).toEqual(["1990"]);
  });

  it.each([
    ["", /has no value/],
    ["ALL", /unquoted text at character 1/],
    ['"ALL",', /ends with a comma/],
    ['"ALL" "KIDS"', /expected a comma at character 7/],
    ['"ALL', /a quote is never closed/],
  ])("rejects %j with a clear message", (text, message) => {
    const error = invalid(() => parseFilterValue("MATURITY", text));
    expect(error).toMatch(message);
    expect(error).toMatch(/filterValues.MATURITY is malformed/);
  });
});

describe("bindFilter", () => {
  // Items 0..5: MATURITY and GENRES; the user finished item 1 and clicked item 2 (event type in another case).
  const items = new MetadataTable();
  items.put("0", { MATURITY: "ALL", GENRES: ["Comedy", "Family"], YEAR: 1995 });
  items.put("1", { MATURITY: "ALL", GENRES: ["Drama"], YEAR: 2001 });
  items.put("2", { MATURITY: "SEVEN_PLUS", GENRES: ["Comedy"], YEAR: 2010 });
  items.put("3", { MATURITY: "ADULT", GENRES: ["Horror"], YEAR: 2015 });
  items.put("4", { MATURITY: "ADULT", GENRES: ["Comedy", "Horror"], YEAR: "unknown" });
  // Item 5 has no metadata at all. Item indices follow the log's dictionary: intern "0".."5" in order.
  const log = new InteractionLog();
  for (let item = 0; item <= 5; item++) log.items.intern(String(item));
  log.add({ userId: "viewer", itemId: "1", timestamp: 1, eventType: "Finished" });
  log.add({ userId: "viewer", itemId: "2", timestamp: 2, eventType: "click" });
  log.add({ userId: "someone-else", itemId: "3", timestamp: 3, eventType: "finished" });
  const history: UserHistory = log.historyOf("viewer")!;
  const users = new MetadataTable();
  users.put("adult", { AGE: 30 });
  users.put("child", { AGE: 9 });
  const context = (overrides: Partial<FilterContext> = {}): FilterContext => ({
    history,
    eventTypeMask: (types) => log.eventTypeMask(types),
    itemMetadata: (item) => items.get(log.items.idAt(item)),
    currentItem: undefined,
    currentUser: undefined,
    ...overrides,
  });
  const passing = (expression: string, filterValues?: Record<string, string>, overrides?: Partial<FilterContext>) => {
    const accept = bindFilter(parseFilterExpression(expression), filterValues, context(overrides));
    return [0, 1, 2, 3, 4, 5].filter((item) => accept(item));
  };

  it("excludes what the user finished, and only that", () => {
    expect(passing('EXCLUDE ItemID WHERE Interactions.EVENT_TYPE IN ("finished")')).toEqual([0, 2, 3, 4, 5]);
  });

  it("matches only the request user's events (another user finished item 3)", () => {
    expect(passing('INCLUDE ItemID WHERE Interactions.EVENT_TYPE IN ("finished")')).toEqual([1]);
    expect(passing('INCLUDE ItemID WHERE Interactions.EVENT_TYPE IN ("finished")', undefined, { history: undefined })).toEqual([]);
  });

  it("matches event types ignoring case, and * as any type", () => {
    expect(passing('EXCLUDE ItemID WHERE Interactions.EVENT_TYPE IN ("FINISHED")')).toEqual([0, 2, 3, 4, 5]);
    expect(passing('INCLUDE ItemID WHERE Interactions.EVENT_TYPE IN ("*")')).toEqual([1, 2]);
    expect(passing('INCLUDE ItemID WHERE Interactions.EVENT_TYPE NOT IN ("finished")')).toEqual([2]);
  });

  it("includes by a parameter's values, as filterValues passes them", () => {
    expect(passing("INCLUDE ItemID WHERE Items.MATURITY IN ($MATURITY)", { MATURITY: '"ALL","SEVEN_PLUS"' })).toEqual([0, 1, 2]);
  });

  it("chains expressions with |: every one must let the item through", () => {
    const expression = 'EXCLUDE ItemID WHERE Interactions.EVENT_TYPE IN ("finished") | INCLUDE ItemID WHERE Items.MATURITY IN ($MATURITY)';
    expect(passing(expression, { MATURITY: '"ALL","SEVEN_PLUS"' })).toEqual([0, 2]);
  });

  it("matches multi-valued fields on any value; NOT IN on none", () => {
    expect(passing('INCLUDE ItemID WHERE Items.GENRES IN ("Comedy")')).toEqual([0, 2, 4]);
    expect(passing('INCLUDE ItemID WHERE Items.GENRES NOT IN ("Horror")')).toEqual([0, 1, 2, 5]);
  });

  it("compares numbers, ignoring values that are not numbers", () => {
    expect(passing("INCLUDE ItemID WHERE Items.YEAR >= 2001")).toEqual([1, 2, 3]);
    expect(passing("INCLUDE ItemID WHERE Items.YEAR < $BEFORE", { BEFORE: '"2010"' })).toEqual([0, 1]);
    expect(passing("INCLUDE ItemID WHERE Items.YEAR = 1995")).toEqual([0]);
  });

  it("lets AND bind tighter than OR", () => {
    expect(passing('INCLUDE ItemID WHERE Items.MATURITY IN ("ADULT") AND Items.YEAR > 2012 OR Items.GENRES IN ("Drama")')).toEqual([1, 3]);
  });

  it("compares with the request's item for CurrentItem", () => {
    const currentItem = items.get("0");
    expect(passing("INCLUDE ItemID WHERE Items.GENRES IN CurrentItem.GENRES", undefined, { currentItem })).toEqual([0, 2, 4]);
    expect(passing("INCLUDE ItemID WHERE Items.YEAR > CurrentItem.YEAR", undefined, { currentItem })).toEqual([1, 2, 3]);
    expect(passing("INCLUDE ItemID WHERE Items.GENRES IN CurrentItem.GENRES", undefined, { currentItem: undefined })).toEqual([]);
  });

  it("applies an expression only when its IF CurrentUser conditions hold", () => {
    const expression = 'EXCLUDE ItemID WHERE Items.MATURITY IN ("ADULT") IF CurrentUser.AGE < 18';
    expect(passing(expression, undefined, { currentUser: users.get("child") })).toEqual([0, 1, 2, 5]);
    expect(passing(expression, undefined, { currentUser: users.get("adult") })).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it("skips an EXCLUDE whose parameters have no values, but requires them for an INCLUDE", () => {
    expect(passing("EXCLUDE ItemID WHERE Items.GENRES IN ($GENRES)")).toEqual([0, 1, 2, 3, 4, 5]);
    expect(invalid(() => passing("INCLUDE ItemID WHERE Items.MATURITY IN ($MATURITY)"))).toMatch(/INCLUDE expression needs filterValues for \$MATURITY/);
  });

  it("rejects filterValues the filter does not take, malformed values and non-numeric comparisons", () => {
    expect(invalid(() => passing("INCLUDE ItemID WHERE Items.MATURITY IN ($MATURITY)", { MATURITY: '"ALL"', GENRE: '"x"' }))).toMatch(
      /filterValues has GENRE, which is not a parameter of this filter \(its parameters: \$MATURITY\)/,
    );
    expect(invalid(() => passing("INCLUDE ItemID WHERE Items.MATURITY IN ($MATURITY)", { MATURITY: "ALL" }))).toMatch(/filterValues.MATURITY is malformed/);
    expect(invalid(() => passing("INCLUDE ItemID WHERE Items.YEAR < $BEFORE", { BEFORE: '"soon"' }))).toMatch(/needs one number/);
    expect(invalid(() => passing("INCLUDE ItemID WHERE Items.YEAR < $BEFORE", { BEFORE: '"1","2"' }))).toMatch(/needs one number/);
    expect(invalid(() => passing("INCLUDE ItemID WHERE Items.MATURITY IN ($MATURITY)", { "$MATURITY": '"ALL"' }))).toMatch(/without "\$"/);
  });
});
