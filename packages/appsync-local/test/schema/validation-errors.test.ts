// graphql-js errors -> AppSync's (graphql-java's) wording. Bodies recorded from real AppSync
// (shared/conformance/appsync/errors.json, PLATFORM.md) are reproduced whole; the other messages follow
// graphql-java's rule classes of the "Validation error of type X: ... @ 'path'" generation.
import { readFileSync } from "node:fs";
import { execute, GraphQLError, parse, validate, type ExecutionResult } from "graphql";
import { describe, expect, test } from "vitest";
import { buildAppSyncSchema } from "../../src/schema/build.ts";
import {
  isScalarSerializationError,
  javaValueString,
  toAppSyncSerializationError,
  toAppSyncValidationErrors,
  type AppSyncError,
} from "../../src/schema/validation-errors.ts";

type RecordedError = { id: string; body?: { data: unknown; errors: unknown[] }; message?: string; error_fragment?: Record<string, unknown> };

const recorded = new Map(
  (JSON.parse(readFileSync(new URL("../../../../../shared/conformance/appsync/errors.json", import.meta.url), "utf8")) as RecordedError[]).map(
    (entry) => [entry.id, entry],
  ),
);

const schema = buildAppSyncSchema(`
  enum Color { RED GREEN }
  input Nested { name: String! }
  input Outer { nested: Nested, tags: [String!], color: Color, when: AWSDateTime, count: Int }
  input ContactInput { phone: AWSPhone, name: String }
  input CreateUpdateTestInput { test: String! }
  input BeginsWith { createdAt: AWSDateTime }
  input CreatedAtStatusPaymentStatus { beginsWith: BeginsWith }
  type Item { id: ID! tags: [String] child: Item owner: Owner }
  type Owner { name: String }
  union Thing = Item | Owner
  type Query {
    item(id: ID!): Item
    items: [Item]
    things: [Thing]
    search(filter: Outer, ids: [ID], limit: Int = 10): [Item]
    count(n: Int, when: AWSDateTime): Int
    badfield_free: Int
    orders(createdAtStatusPaymentStatus: CreatedAtStatusPaymentStatus): [Item]
  }
  type Mutation {
    sendEmail(data: AWSJSON): String
    create(input: Outer!): Item
    createContact(input: ContactInput!): String
    createUpdateTest(input: [CreateUpdateTestInput!]!): Item
  }
  type Subscription { onCreate: Item onDelete: Item }
`);

/** What AppSync would answer for a document (and variables), through graphql-js and the mapping. */
function appSyncErrors(query: string, variables?: Record<string, unknown>): AppSyncError[] {
  let errors: readonly GraphQLError[];
  try {
    const document = parse(query);
    errors = validate(schema, document);
    if (errors.length === 0 && variables) {
      errors = (execute({ schema, document, variableValues: variables, rootValue: {} }) as ExecutionResult).errors ?? [];
    }
  } catch (error) {
    errors = [error as GraphQLError];
  }
  return toAppSyncValidationErrors(errors);
}

function messages(query: string, variables?: Record<string, unknown>): string[] {
  return appSyncErrors(query, variables).map((e) => e.message);
}

const at = (line: number, column: number) => [{ line, column, sourceName: null }];

describe("bodies recorded from AppSync", () => {
  test("FieldUndefined for {badfield} (the AppSync team's example, graphql-over-http#81)", () => {
    expect({ data: null, errors: appSyncErrors("{badfield}") }).toEqual({
      data: null,
      errors: [
        {
          path: null,
          locations: at(1, 2),
          message: "Validation error of type FieldUndefined: Field 'badfield' in type 'Query' is undefined @ 'badfield'",
        },
      ],
    });
  });

  test("errors.json graphql-validation-wrongtype-literal: an object literal for AWSJSON", () => {
    const expected = recorded.get("graphql-validation-wrongtype-literal")!.body!;
    // The recorded argument sat at line 31, column 13 of the console's document.
    const query = `${"#\n".repeat(29)}mutation {\n  sendEmail(data: {upvotes: 10})\n}`;
    expect({ data: null, errors: appSyncErrors(query) }).toEqual(expected);
  });

  test("errors.json second WrongType observation: a nested AWSDateTime literal", () => {
    const [error] = messages(`{ orders(createdAtStatusPaymentStatus: {beginsWith: {createdAt: "2019"}}) { id } }`);
    expect(error).toBe(
      "Validation error of type WrongType: argument 'createdAtStatusPaymentStatus.beginsWith.createdAt' with value 'StringValue{value='2019'}' is not a valid 'AWSDateTime' @ 'orders'",
    );
  });

  test("errors.json graphql-validation-variable-invalid-scalar: names the input field, not the variable", () => {
    const expected = recorded.get("graphql-validation-variable-invalid-scalar")!.body!;
    const query = "mutation CreateMember($input: ContactInput!) { createContact(input: $input) }";
    expect({ data: null, errors: appSyncErrors(query, { input: { phone: "1110004444" } }) }).toEqual(expected);
  });

  test("errors.json graphql-output-serialization-datetime: an invalid AWSDateTime from a resolver", async () => {
    const recordedError = recorded.get("graphql-output-serialization-datetime")!;
    const ordersSchema = buildAppSyncSchema(`
      type Order { orderDate: AWSDateTime }
      type OrderPage { items: [Order] }
      type Query { syncOrders: OrderPage }
    `);
    const items = Array.from({ length: 33 }, () => ({ orderDate: "2020-05-23T06:04:37.000Z" }));
    items[32] = { orderDate: "2020-05-23T06:4:37.000Z" };
    const result = (await execute({
      schema: ordersSchema,
      document: parse("{ syncOrders { items { orderDate } } }"),
      rootValue: { syncOrders: () => ({ items }) },
    })) as ExecutionResult;
    expect(result.errors).toHaveLength(1);
    const error = result.errors![0]!;
    expect(isScalarSerializationError(error)).toBe(true);
    const formatted = toAppSyncSerializationError(error);
    expect(formatted.message).toBe(recordedError.message);
    expect(formatted).toMatchObject(recordedError.error_fragment!);
    expect(formatted.path).toEqual(["syncOrders", "items", 32, "orderDate"]);
    expect((result.data as { syncOrders: { items: unknown[] } }).syncOrders.items[32]).toEqual({ orderDate: null });
  });

  test("variables: a missing nested required field is reported against the variable (aws-appsync-community#406)", () => {
    expect(messages("mutation M($outside_input: Outer!) { create(input: $outside_input) { id } }", { outside_input: { nested: {} } })).toEqual([
      "Variable 'outside_input' has coerced Null value for NonNull type 'String!'",
    ]);
  });

  test("variables: an unknown input field wins over a missing one and has no location (aws-appsync-community#273)", () => {
    const errors = appSyncErrors("mutation M($input: [CreateUpdateTestInput!]!) { createUpdateTest(input: $input) { id } }", {
      input: { testa: "test" },
    });
    expect(errors).toEqual([
      { path: null, locations: null, message: "The variables input contains a field that is not defined for input object type 'CreateUpdateTestInput' " },
    ]);
  });

  test("literal: a missing required field names the whole argument value (aws-appsync-community#273)", () => {
    expect(messages(`mutation { createUpdateTest(input: {testa: "test"}) { id } }`)[0]).toBe(
      "Validation error of type WrongType: argument 'input' with value 'ObjectValue{objectFields=[ObjectField{name='testa', value=StringValue{value='test'}}]}' is missing required fields '[test]' @ 'createUpdateTest'",
    );
  });

  test("variables: a missing non-null variable (aws-mobile-appsync-sdk-js#83)", () => {
    expect(appSyncErrors("query Q($id: ID!) { item(id: $id) { id } }", {})).toEqual([
      { path: null, locations: at(1, 9), message: "Variable 'id' has coerced Null value for NonNull type 'ID!'" },
    ]);
  });
});

describe("validation rules in graphql-java's words", () => {
  const cases: Array<[string, string, string[]]> = [
    ["FieldUndefined, path by field names not aliases", "{ a: items { child { nope } } }", [
      "Validation error of type FieldUndefined: Field 'nope' in type 'Item' is undefined @ 'items/child/nope'",
    ]],
    ["SubSelectionRequired on a named type", `{ item(id: "1") }`, [
      "Validation error of type SubSelectionRequired: Sub selection required for type Item of field item @ 'item'",
    ]],
    ["SubSelectionRequired on a list type (graphql-java printed null)", "{ items }", [
      "Validation error of type SubSelectionRequired: Sub selection required for type null of field items @ 'items'",
    ]],
    ["SubSelectionNotAllowed", "{ items { tags { x } } }", [
      "Validation error of type SubSelectionNotAllowed: Sub selection not allowed on leaf type null of field tags @ 'items/tags'",
    ]],
    ["SubSelectionNotAllowed on a named leaf", "{ items { owner { name { x } } } }", [
      "Validation error of type SubSelectionNotAllowed: Sub selection not allowed on leaf type String of field name @ 'items/owner/name'",
    ]],
    ["MissingFieldArgument", "{ item { id } }", ["Validation error of type MissingFieldArgument: Missing field argument id @ 'item'"]],
    ["MissingDirectiveArgument", "{ items @include { id } }", [
      "Validation error of type MissingDirectiveArgument: Missing directive argument if @ 'items'",
    ]],
    ["UnknownArgument", `{ item(id: "1", bad: 2) { id } }`, ["Validation error of type UnknownArgument: Unknown field argument bad @ 'item'"]],
    ["unknown directive argument", "{ items @include(if: true, unless: false) { id } }", [
      "Validation error of type UnknownDirective: Unknown directive argument unless @ 'items'",
    ]],
    ["UnknownDirective", "{ __typename @upper }", [
      "Validation error of type UnknownDirective: Unknown directive upper @ '__typename'",
    ]],
    ["MisplacedDirective", "query @skip(if: true) { items { id } }", ["Validation error of type MisplacedDirective: Directive skip not allowed here"]],
    ["DuplicateDirectiveName", "{ items @include(if: true) @include(if: false) { id } }", [
      "Validation error of type DuplicateDirectiveName: Directives must be uniquely named within a location. The directive 'include' used on a 'Field' is not unique. @ 'items'",
    ]],
    ["UnknownType in a variable definition", "query Q($x: Nope) { count(n: 1) }", [
      "Validation error of type UnknownType: Unknown type Nope",
      "Validation error of type UnusedVariable: Unused variable x",
    ]],
    ["UnknownType in a fragment condition", "{ items { ... on Nope { id } } }", ["Validation error of type UnknownType: Unknown type Nope @ 'items'"]],
    ["UndefinedVariable", "query Q { item(id: $x) { id } }", ["Validation error of type UndefinedVariable: Undefined variable x @ 'item'"]],
    ["UnusedVariable", "query Q($x: Int) { items { id } }", ["Validation error of type UnusedVariable: Unused variable x"]],
    ["VariableTypeMismatch", "query Q($x: String) { item(id: $x) { id } }", [
      "Validation error of type VariableTypeMismatch: Variable type 'String' doesn't match expected type 'ID!' @ 'item'",
    ]],
    ["VariableTypeMismatch names the effective type of a defaulted variable", "query Q($x: Int = 1) { item(id: $x) { id } }", [
      "Validation error of type VariableTypeMismatch: Variable type 'Int!' doesn't match expected type 'ID!' @ 'item'",
    ]],
    ["NonInputTypeOnVariable", "query Q($x: Item) { items { id } }", [
      "Validation error of type NonInputTypeOnVariable: Wrong type for a variable",
      "Validation error of type UnusedVariable: Unused variable x",
    ]],
    ["DuplicateVariableName", "query Q($x: Int, $x: Int) { count(n: $x) }", [
      "Validation error of type DuplicateVariableName: There can be only one variable named 'x'",
    ]],
    ["DuplicateOperationName", "query Q { items { id } } query Q { items { id } }", [
      "Validation error of type DuplicateOperationName: There can be only one operation named 'Q'",
    ]],
    ["LoneAnonymousOperation, anonymous first", "{ items { id } } query A { items { id } }", [
      "Validation error of type LoneAnonymousOperationViolation: Operation A is following anonymous operation.",
    ]],
    ["LoneAnonymousOperation, anonymous later", "query A { items { id } } { items { id } }", [
      "Validation error of type LoneAnonymousOperationViolation: Anonymous operation with other operations.",
    ]],
    ["DuplicateFragmentName", "{ items { ...F } } fragment F on Item { id } fragment F on Item { id }", [
      "Validation error of type DuplicateFragmentName: There can be only one fragment named 'F' @ 'F'",
    ]],
    ["UndefinedFragment", "{ items { ...G } }", ["Validation error of type UndefinedFragment: Undefined fragment G @ 'items'"]],
    ["UnusedFragment", "{ items { id } } fragment F on Item { id }", ["Validation error of type UnusedFragment: Unused fragment F"]],
    ["FragmentCycle", "{ items { ...F } } fragment F on Item { child { ...F } }", [
      "Validation error of type FragmentCycle: Fragment cycles not allowed @ 'F'",
    ]],
    ["InvalidFragmentType, named", "{ items { ...O } } fragment O on Owner { name }", [
      "Validation error of type InvalidFragmentType: Fragment O cannot be spread here as objects of type Item can never be of type Owner @ 'items'",
    ]],
    ["InvalidFragmentType, inline", "{ items { ... on Owner { name } } }", [
      "Validation error of type InvalidFragmentType: Fragment cannot be spread here as objects of type Item can never be of type Owner @ 'items'",
    ]],
    ["FragmentTypeConditionInvalid", "{ items { ...F } } fragment F on ID { id }", [
      "Validation error of type FragmentTypeConditionInvalid: Fragment type condition is invalid, must be on Object/Interface/Union @ 'F'",
    ]],
    ["InlineFragmentTypeConditionInvalid", "{ items { ... on ID { id } } }", [
      "Validation error of type InlineFragmentTypeConditionInvalid: Inline fragment type condition is invalid, must be on Object/Interface/Union @ 'items'",
    ]],
    ["DuplicateArgumentNames", `{ item(id: "1", id: "2") { id } }`, [
      "Validation error of type DuplicateArgumentNames: There can be only one argument named 'id' @ 'item'",
    ]],
    ["NonExecutableDefinition", "type Foo { a: Int } { items { id } }", [
      "Validation error of type NonExecutableDefinition: Type 'Foo' definition is not executable.",
    ]],
    ["FieldsConflict", `{ a: items { id } a: item(id: "1") { id } }`, ["Validation error of type FieldsConflict: a: items and item are different fields"]],
    ["FieldsConflict inside a field: the path is the enclosing field's", "{ items { a: id a: tags } }", [
      "Validation error of type FieldsConflict: a: id and tags are different fields @ 'items'",
    ]],
    ["FieldsConflict on arguments", `{ item(id: "1") { id } item(id: "2") { id } }`, [
      "Validation error of type FieldsConflict: item: they have differing arguments",
    ]],
    ["SubscriptionMultipleRootFields", "subscription S { onCreate { id } onDelete { id } }", [
      "Validation error of type SubscriptionMultipleRootFields: Subscription operation S must have exactly one root field.",
    ]],
  ];

  for (const [name, query, expected] of cases) {
    test(name, () => expect(messages(query)).toEqual(expected));
  }

  test("locations are graphql-java's: the field, the argument, the operation", () => {
    expect(appSyncErrors("{\n  items {\n    tags { x }\n  }\n}")[0]!.locations).toEqual(at(3, 5));
    expect(appSyncErrors(`{ search(filter: "x") { id } }`)[0]!.locations).toEqual(at(1, 10));
    expect(appSyncErrors("query Q { items { id } }\nquery Q { items { id } }")[0]!.locations).toEqual(at(2, 1));
    expect(appSyncErrors("{ items @skip(if: true) @skip(if: false) { id } }")[0]!.locations).toEqual(at(1, 25));
  });
});

describe("WrongType: graphql-java's first failure per argument", () => {
  const cases: Array<[string, string, string]> = [
    ["null for a non-null argument", "{ item(id: null) { id } }", "argument 'id' with value 'NullValue{}' must not be null @ 'item'"],
    ["not an object", `{ search(filter: "x") { id } }`, "argument 'filter' with value 'StringValue{value='x'}' must be an object type @ 'search'"],
    ["missing field, whole argument shown", "{ search(filter: {nested: {}}) { id } }",
      "argument 'filter.nested' with value 'ObjectValue{objectFields=[ObjectField{name='nested', value=ObjectValue{objectFields=[]}}]}' is missing required fields '[name]' @ 'search'"],
    ["unknown field", "{ search(filter: {count: 1, extra: 2}) { id } }",
      "argument 'filter' with value 'ObjectValue{objectFields=[ObjectField{name='count', value=IntValue{value=1}}, ObjectField{name='extra', value=IntValue{value=2}}]}' contains a field not in 'Outer': 'extra' @ 'search'"],
    ["enum value", "{ search(filter: {color: BLUE}) { id } }", "argument 'filter.color' with value 'EnumValue{name='BLUE'}' is not a valid 'Color' @ 'search'"],
    ["list element", "{ search(ids: [1, 2.5]) { id } }", "argument 'ids[1]' with value 'FloatValue{value=2.5}' is not a valid 'ID' @ 'search'"],
    ["nested list element", `{ search(filter: {tags: ["a", null]}) { id } }`, "argument 'filter.tags[1]' with value 'NullValue{}' must not be null @ 'search'"],
    ["float for Int, printed as Java's BigDecimal", "{ count(n: 1e3) }", "argument 'n' with value 'FloatValue{value=1E+3}' is not a valid 'Int' @ 'count'"],
    ["boolean for String", `{ search(filter: {tags: [true]}) { id } }`, "argument 'filter.tags[0]' with value 'BooleanValue{value=true}' is not a valid 'String' @ 'search'"],
    ["AWS scalar literal", `{ count(when: "yesterday") }`, "argument 'when' with value 'StringValue{value='yesterday'}' is not a valid 'AWSDateTime' @ 'count'"],
  ];
  for (const [name, query, description] of cases) {
    test(name, () => expect(messages(query)).toEqual([`Validation error of type WrongType: ${description}`]));
  }

  test("several graphql-js errors under one argument become graphql-java's single first failure", () => {
    const query = `{ search(filter: {nested: {}, tags: ["a", 1], color: BLUE, extra: 1}, ids: [1.5]) { id } }`;
    const document = parse(query);
    expect(validate(schema, document)).toHaveLength(5);
    const errors = messages(query);
    expect(errors).toHaveLength(2);
    expect(errors[0]).toMatch(/^Validation error of type WrongType: argument 'filter\.nested' with value .* is missing required fields '\[name\]' @ 'search'$/);
    expect(errors[1]).toBe("Validation error of type WrongType: argument 'ids[0]' with value 'FloatValue{value=1.5}' is not a valid 'ID' @ 'search'");
  });

  test("a bad variable default is BadValueForDefaultArg", () => {
    expect(messages(`query Q($n: Int = "x") { count(n: $n) }`)).toEqual([
      "Validation error of type BadValueForDefaultArg: Bad default value StringValue{value='x'} for type Int",
    ]);
  });

  test("java toString of every literal kind", () => {
    const value = parse(`{ f(a: {i: -0, f: 0.000001, g: 1.50, h: 12e-10, s: "it's", b: false, n: null, e: RED, l: [], v: $x}) }`);
    const operation = value.definitions[0]!;
    if (operation.kind !== "OperationDefinition") throw new Error("unexpected document");
    const field = operation.selectionSet.selections[0]!;
    if (field.kind !== "Field") throw new Error("unexpected document");
    expect(javaValueString(field.arguments![0]!.value)).toBe(
      "ObjectValue{objectFields=[ObjectField{name='i', value=IntValue{value=0}}, ObjectField{name='f', value=FloatValue{value=0.000001}}, " +
        "ObjectField{name='g', value=FloatValue{value=1.50}}, ObjectField{name='h', value=FloatValue{value=1.2E-9}}, " +
        "ObjectField{name='s', value=StringValue{value='it's'}}, ObjectField{name='b', value=BooleanValue{value=false}}, " +
        "ObjectField{name='n', value=NullValue{}}, ObjectField{name='e', value=EnumValue{name='RED'}}, " +
        "ObjectField{name='l', value=ArrayValue{values=[]}}, ObjectField{name='v', value=VariableReference{name='x'}}]}",
    );
  });
});

describe("syntax errors", () => {
  const cases: Array<[string, string, string]> = [
    ["a misspelt keyword", "queryy { x }", "Invalid Syntax : offending token 'queryy' at line 1 column 1"],
    ["a missing value", "{ item(id: ) { id } }", "Invalid Syntax : offending token ')' at line 1 column 12"],
    ["the end of the document", "{ items { id }", "Invalid Syntax : offending token '<EOF>' at line 1 column 15"],
    ["a string where a name belongs, quotes included", `{\n  "data": 1 }`, `Invalid Syntax : offending token '"data"' at line 2 column 3`],
    ["a character GraphQL does not have", "{ items { id % } }", "Invalid Syntax : Invalid syntax: token recognition error at: '%' at line 1 column 14"],
  ];
  for (const [name, query, message] of cases) {
    test(name, () => {
      const [error] = appSyncErrors(query);
      expect(error!.message).toBe(message);
      const [, line, column] = /at line (\d+) column (\d+)$/.exec(message)!;
      expect(error).toEqual({ path: null, locations: at(Number(line), Number(column)), message });
    });
  }
});

describe("variables that fail to coerce", () => {
  const outer = "mutation M($input: Outer!) { create(input: $input) { id } }";
  const cases: Array<[string, string, Record<string, unknown>, string]> = [
    ["null for a non-null variable", outer, { input: null }, "Variable 'input' has coerced Null value for NonNull type 'Outer!'"],
    ["null for a non-null input field", outer, { input: { nested: { name: null } } }, "Variable 'input' has coerced Null value for NonNull type 'String!'"],
    ["a string for an input object", outer, { input: "x" },
      "Variable 'input' has an invalid value. Expected type 'Map' but was 'String'. Variables for input objects must be an instance of type 'Map'."],
    ["an unknown enum value", outer, { input: { color: "BLUE" } }, "Variable 'color' has an invalid value. Invalid input for Enum 'Color'. No value found for name 'BLUE'"],
    ["a string for an Int", "query Q($n: Int) { count(n: $n) }", { n: "abc" }, "Variable 'n' has an invalid value. Expected type 'Int' but was 'String'."],
    ["an AWS scalar inside a list", outer, { input: { when: "2019" } }, "Variable 'when' has an invalid value. Unable to parse `2019` as a valid DateTime Object."],
  ];
  for (const [name, query, variables, message] of cases) {
    test(name, () => {
      const errors = appSyncErrors(query, variables);
      expect(errors).toHaveLength(1);
      expect(errors[0]).toEqual({ path: null, locations: errors[0]!.locations, message });
      expect(errors[0]!.locations).toEqual(at(1, query.indexOf("$") + 1));
    });
  }

  test("graphql-java stops at the first variable that fails", () => {
    const query = "query Q($a: Int, $b: ID!) { count(n: $a) item(id: $b) { id } }";
    expect(messages(query, { a: "x" })).toEqual(["Variable 'a' has an invalid value. Expected type 'Int' but was 'String'."]);
  });
});

test("an error it does not know keeps its message and locations", () => {
  expect(toAppSyncValidationErrors([new GraphQLError("Something else.")])).toEqual([{ path: null, locations: null, message: "Something else." }]);
});
