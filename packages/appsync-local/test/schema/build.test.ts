// The prelude, buildAppSyncSchema and the directive readers.
import { DirectiveLocation, GraphQLScalarType, graphql, parse, Kind, type DirectiveDefinitionNode } from "graphql";
import { describe, expect, test } from "vitest";
import {
  AppSyncSchemaError,
  buildAppSyncSchema,
  readAuthDirectives,
  readSubscribedMutations,
} from "../../src/schema/build.ts";
import { appSyncPrelude, awsScalarNames } from "@marquee/appsync-contract/prelude";

function buildError(sdl: string): AppSyncSchemaError {
  try {
    buildAppSyncSchema(sdl);
  } catch (error) {
    if (error instanceof AppSyncSchemaError) return error;
    throw error;
  }
  throw new Error("expected the schema to be refused");
}

describe("appSyncPrelude", () => {
  const document = parse(appSyncPrelude);
  const directives = new Map(
    document.definitions
      .filter((d): d is DirectiveDefinitionNode => d.kind === Kind.DIRECTIVE_DEFINITION)
      .map((d) => [d.name.value, d]),
  );

  test("is plain SDL declaring the nine AWS scalars", () => {
    expect(typeof appSyncPrelude).toBe("string");
    const scalars = document.definitions.flatMap((d) => (d.kind === Kind.SCALAR_TYPE_DEFINITION ? [d.name.value] : []));
    expect(scalars).toEqual([...awsScalarNames]);
  });

  test("declares AppSync's directives where AppSync allows them", () => {
    const locations = (name: string) => directives.get(name)?.locations.map((l) => l.value);
    for (const auth of ["aws_cognito_user_pools", "aws_iam", "aws_oidc", "aws_api_key", "aws_lambda"]) {
      expect(locations(auth)).toEqual([DirectiveLocation.OBJECT, DirectiveLocation.FIELD_DEFINITION]);
    }
    expect(locations("aws_subscribe")).toEqual([DirectiveLocation.FIELD_DEFINITION]);
    expect(locations("aws_auth")).toEqual([DirectiveLocation.FIELD_DEFINITION]);
    expect(directives.has("deprecated")).toBe(false); // built into GraphQL
  });

  test("gives the group and mutation lists as [String]", () => {
    const argumentType = (directive: string, argument: string) => {
      const type = directives.get(directive)?.arguments?.find((a) => a.name.value === argument)?.type;
      return type?.kind === Kind.LIST_TYPE && type.type.kind === Kind.NAMED_TYPE ? `[${type.type.name.value}]` : undefined;
    };
    expect(argumentType("aws_cognito_user_pools", "cognito_groups")).toBe("[String]");
    expect(argumentType("aws_auth", "cognito_groups")).toBe("[String]");
    expect(argumentType("aws_subscribe", "mutations")).toBe("[String]");
  });
});

describe("buildAppSyncSchema", () => {
  const sdl = `
    type Post @aws_api_key @aws_cognito_user_pools {
      id: ID!
      at: AWSDateTime
      secret: String @aws_cognito_user_pools(cognito_groups: ["admin", "editor"]) @aws_iam
      legacy: String @aws_auth(cognito_groups: ["admin"])
      old: String @deprecated(reason: "gone")
    }
    type Query { post(id: ID!): Post @aws_oidc @aws_lambda  posts: [Post] }
    type Mutation { createPost(at: AWSDateTime): Post  deletePost(id: ID!): Post }
    type Subscription {
      onPostChange: Post @aws_subscribe(mutations: ["createPost", "deletePost"])
      quiet: Post
    }
    extend type Post @aws_iam
  `;
  const schema = buildAppSyncSchema(sdl);

  test("finds Query, Mutation and Subscription by name without a schema block", () => {
    expect(schema.getQueryType()?.name).toBe("Query");
    expect(schema.getMutationType()?.name).toBe("Mutation");
    expect(schema.getSubscriptionType()?.name).toBe("Subscription");
  });

  test("honours a schema block with other root type names", () => {
    const custom = buildAppSyncSchema(`schema { query: Root mutation: Change } type Root { a: Int } type Change { b: Int }`);
    expect(custom.getQueryType()?.name).toBe("Root");
    expect(custom.getMutationType()?.name).toBe("Change");
  });

  test("attaches the AWS scalar implementations to the prelude's scalars", async () => {
    for (const name of awsScalarNames) expect(schema.getType(name)).toBeInstanceOf(GraphQLScalarType);
    const refused = await graphql({ schema, source: `mutation { createPost(at: "2019") { id } }`, rootValue: { createPost: () => ({ id: "1" }) } });
    expect(refused.errors?.[0]?.message).toBe("Unable to parse `2019` as a valid DateTime Object.");
    const accepted = await graphql({
      schema,
      source: `mutation { createPost(at: "2019-01-01T00:00Z") { at } }`,
      rootValue: { createPost: (args: { at: string }) => ({ id: "1", at: args.at }) },
    });
    expect(accepted).toEqual({ data: { createPost: { at: "2019-01-01T00:00Z" } } });
  });

  test("gives each built schema its own scalar types", () => {
    const other = buildAppSyncSchema(`type Query { a: AWSJSON }`);
    expect(other.getType("AWSJSON")).not.toBe(schema.getType("AWSJSON"));
  });

  test("refuses an unknown directive, pointing into schema.graphql", () => {
    const error = buildError(`type Query {\n  a: String @aws_cognito\n}`);
    expect(error.problems).toEqual([
      { message: 'Unknown directive "@aws_cognito".', locations: [{ source: "schema.graphql", line: 2, column: 13 }] },
    ]);
    expect(error.message).toContain("schema.graphql:2:13 Unknown directive");
  });

  test("refuses unknown types and misplaced AppSync directives, listing every problem", () => {
    const error = buildError(`
      type Query @aws_subscribe(mutations: []) { a: Nope }
      input Filter @aws_iam { b: String }
    `);
    expect(error.problems.map((p) => p.message)).toEqual([
      'Directive "@aws_subscribe" may not be used on OBJECT.',
      'Unknown type "Nope".',
      'Directive "@aws_iam" may not be used on INPUT_OBJECT.',
    ]);
  });

  test("refuses a schema that redeclares an AWS scalar", () => {
    expect(buildError(`scalar AWSDateTime type Query { a: AWSDateTime }`).problems[0]!.message).toBe(
      'There can be only one type named "AWSDateTime".',
    );
  });

  test("refuses SDL that does not parse, and a schema without a query type", () => {
    expect(buildError(`type Query {`).problems[0]).toEqual({
      message: "Syntax Error: Expected Name, found <EOF>.",
      locations: [{ source: "schema.graphql", line: 1, column: 13 }],
    });
    expect(buildError(`type Mutation { a: Int }`).problems[0]!.message).toBe("Query root type must be provided.");
  });

  test("refuses @aws_subscribe outside the subscription type or naming a missing mutation", () => {
    const error = buildError(`
      type Query { a: Int @aws_subscribe(mutations: ["b"]) }
      type Mutation { b: Int }
      type Subscription { c: Int @aws_subscribe(mutations: ["b", "nope"]) }
    `);
    expect(error.problems.map((p) => p.message)).toEqual([
      "@aws_subscribe is only allowed on fields of the subscription type, not on Query.a.",
      '@aws_subscribe on Subscription.c names "nope", which is not a mutation field.',
    ]);
  });

  describe("readAuthDirectives", () => {
    test("reads a type's modes, including those on its extensions", () => {
      expect(readAuthDirectives(schema, "Post")).toEqual({
        modes: [{ mode: "API_KEY" }, { mode: "AMAZON_COGNITO_USER_POOLS" }, { mode: "AWS_IAM" }],
      });
    });

    test("reads a field's modes with their Cognito groups", () => {
      expect(readAuthDirectives(schema, "Post", "secret")).toEqual({
        modes: [{ mode: "AMAZON_COGNITO_USER_POOLS", cognitoGroups: ["admin", "editor"] }, { mode: "AWS_IAM" }],
      });
      expect(readAuthDirectives(schema, "Post", "legacy")).toEqual({
        modes: [{ mode: "AMAZON_COGNITO_USER_POOLS", cognitoGroups: ["admin"] }],
      });
      expect(readAuthDirectives(schema, "Query", "post")).toEqual({ modes: [{ mode: "OPENID_CONNECT" }, { mode: "AWS_LAMBDA" }] });
    });

    test("returns null where no auth directive is written", () => {
      expect(readAuthDirectives(schema, "Post", "id")).toBeNull();
      expect(readAuthDirectives(schema, "Post", "old")).toBeNull();
      expect(readAuthDirectives(schema, "Query")).toBeNull();
    });

    test("fails loudly for a type or field the schema does not have", () => {
      expect(() => readAuthDirectives(schema, "Nope")).toThrow(/Nope is not an object or interface type/);
      expect(() => readAuthDirectives(schema, "Post", "nope")).toThrow(/Post\.nope is not a field/);
      expect(() => readAuthDirectives(schema, "AWSJSON")).toThrow();
    });
  });

  test("readSubscribedMutations lists @aws_subscribe's mutations, or null", () => {
    expect(readSubscribedMutations(schema, "onPostChange")).toEqual(["createPost", "deletePost"]);
    expect(readSubscribedMutations(schema, "quiet")).toBeNull();
    expect(() => readSubscribedMutations(schema, "nope")).toThrow();
  });
});
