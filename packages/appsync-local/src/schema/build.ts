// Builds schema.graphql the way AppSync reads it: the prelude (AWS scalars, AppSync directives) comes first,
// root types are found by name when there is no `schema {}` block, and SDL that AppSync would refuse
// (unknown directives or types, misplaced directives, ...) stops the build with every problem listed.
import {
  buildASTSchema,
  concatAST,
  getDirectiveValues,
  getLocation,
  GraphQLError,
  GraphQLInterfaceType,
  GraphQLObjectType,
  GraphQLScalarType,
  parse,
  Source,
  validateSchema,
  type DirectiveNode,
  type DocumentNode,
  type GraphQLSchema,
} from "graphql";
// validateSDL is what buildASTSchema runs, but it returns located errors instead of one joined message.
// It only reads the AST, so loading it from graphql's CommonJS file is safe next to the ESM entry.
import { validateSDL } from "graphql/validation/validate.js";
import { appSyncPrelude, awsScalarNames } from "@marquee/appsync-contract/prelude";
import { awsScalars } from "./scalars.ts";

export type SchemaProblem = {
  message: string;
  /** Where in which file: "schema.graphql" for the given SDL, "appsync-prelude.graphql" for the prelude. */
  locations: Array<{ source: string; line: number; column: number }>;
};

/** Thrown by `buildAppSyncSchema` when AppSync would refuse the SDL. */
export class AppSyncSchemaError extends Error {
  constructor(readonly problems: SchemaProblem[]) {
    super(
      `schema.graphql is not a valid AppSync schema:\n` +
        problems
          .map((p) => {
            const at = p.locations.map((l) => `${l.source}:${l.line}:${l.column}`).join(", ");
            return `  ${at ? `${at} ` : ""}${p.message}`;
          })
          .join("\n"),
    );
    this.name = "AppSyncSchemaError";
  }
}

function toProblem(error: GraphQLError): SchemaProblem {
  const spans = (error.nodes ?? []).flatMap((node) => (node.loc ? [node.loc] : []));
  const locations =
    spans.length > 0
      ? spans.map((loc) => ({ source: loc.source.name, ...getLocation(loc.source, loc.start) }))
      : (error.locations ?? []).map((l) => ({ source: error.source?.name ?? "schema.graphql", line: l.line, column: l.column }));
  return { message: error.message, locations };
}

let preludeDocument: DocumentNode | undefined;

/** Parses and checks `sdl` as AppSync would, then attaches the AWS scalar implementations. */
export function buildAppSyncSchema(sdl: string): GraphQLSchema {
  preludeDocument ??= parse(new Source(appSyncPrelude, "appsync-prelude.graphql"));
  let userDocument: DocumentNode;
  try {
    userDocument = parse(new Source(sdl, "schema.graphql"));
  } catch (error) {
    if (error instanceof GraphQLError) throw new AppSyncSchemaError([toProblem(error)]);
    throw error;
  }
  // Kept as two sources so error locations point into the user's file, not into prelude + file.
  const document = concatAST([preludeDocument, userDocument]);

  const sdlErrors = validateSDL(document);
  if (sdlErrors.length > 0) throw new AppSyncSchemaError(sdlErrors.map(toProblem));

  const schema = buildASTSchema(document, { assumeValidSDL: true });
  const schemaErrors = [...validateSchema(schema), ...appSyncRuleErrors(schema)];
  if (schemaErrors.length > 0) throw new AppSyncSchemaError(schemaErrors.map(toProblem));

  for (const name of awsScalarNames) {
    const declared = schema.getType(name);
    if (!(declared instanceof GraphQLScalarType)) throw new Error(`prelude scalar ${name} is missing from the schema`);
    // buildASTSchema cannot take scalar implementations, so they are copied onto the built types.
    const implementation = awsScalars[name];
    declared.serialize = implementation.serialize;
    declared.parseValue = implementation.parseValue;
    declared.parseLiteral = implementation.parseLiteral;
  }
  return schema;
}

/** Checks AppSync makes that graphql-js does not. */
function appSyncRuleErrors(schema: GraphQLSchema): GraphQLError[] {
  const errors: GraphQLError[] = [];
  const subscriptionType = schema.getSubscriptionType();
  const mutationFields = schema.getMutationType()?.getFields() ?? {};
  for (const type of Object.values(schema.getTypeMap())) {
    if (!(type instanceof GraphQLObjectType) || type.name.startsWith("__")) continue;
    for (const field of Object.values(type.getFields())) {
      for (const directive of field.astNode?.directives ?? []) {
        if (directive.name.value !== "aws_subscribe") continue;
        if (type !== subscriptionType) {
          errors.push(
            new GraphQLError(`@aws_subscribe is only allowed on fields of the subscription type, not on ${type.name}.${field.name}.`, {
              nodes: directive,
            }),
          );
          continue;
        }
        for (const mutation of subscribedMutations(schema, directive)) {
          if (!mutationFields[mutation]) {
            errors.push(
              new GraphQLError(`@aws_subscribe on Subscription.${field.name} names "${mutation}", which is not a mutation field.`, {
                nodes: directive,
              }),
            );
          }
        }
      }
    }
  }
  return errors;
}

// ---------- reading directives ----------

export type AuthMode = "AMAZON_COGNITO_USER_POOLS" | "AWS_IAM" | "OPENID_CONNECT" | "API_KEY" | "AWS_LAMBDA";

export type AuthDirectiveMode = { mode: AuthMode; cognitoGroups?: string[] };

/** The auth directives written on a type or a field, in the order they appear. */
export type AuthDirectives = { modes: AuthDirectiveMode[] };

/** The authorization mode each AppSync auth directive stands for. */
export const modeByDirective: Readonly<Record<string, AuthMode>> = {
  aws_cognito_user_pools: "AMAZON_COGNITO_USER_POOLS",
  aws_auth: "AMAZON_COGNITO_USER_POOLS",
  aws_iam: "AWS_IAM",
  aws_oidc: "OPENID_CONNECT",
  aws_api_key: "API_KEY",
  aws_lambda: "AWS_LAMBDA",
};

function stringList(value: unknown): string[] | undefined {
  if (!Array.isArray(value)) return undefined;
  return value.filter((item): item is string => typeof item === "string");
}

function argumentsOf(schema: GraphQLSchema, directive: DirectiveNode): Record<string, unknown> {
  const definition = schema.getDirective(directive.name.value);
  if (!definition) return {};
  return getDirectiveValues(definition, { directives: [directive] }) ?? {};
}

/**
 * Reads the AppSync auth directives on `typeName` (type definition and its extensions), or on
 * `typeName.fieldName` when a field is given. `null` means no auth directive is written there, so the
 * caller falls back (field -> type -> API default). Unknown types or fields throw.
 */
export function readAuthDirectives(schema: GraphQLSchema, typeName: string, fieldName?: string): AuthDirectives | null {
  const type = schema.getType(typeName);
  if (!(type instanceof GraphQLObjectType || type instanceof GraphQLInterfaceType)) {
    throw new Error(`readAuthDirectives: ${typeName} is not an object or interface type of this schema`);
  }
  let owners: ReadonlyArray<{ readonly directives?: ReadonlyArray<DirectiveNode> } | null | undefined>;
  if (fieldName === undefined) {
    owners = [type.astNode, ...type.extensionASTNodes];
  } else {
    const field = type.getFields()[fieldName];
    if (!field) throw new Error(`readAuthDirectives: ${typeName}.${fieldName} is not a field of this schema`);
    owners = [field.astNode];
  }
  const modes: AuthDirectiveMode[] = [];
  for (const owner of owners) {
    for (const directive of owner?.directives ?? []) {
      const mode = modeByDirective[directive.name.value];
      if (!mode) continue;
      const groups = mode === "AMAZON_COGNITO_USER_POOLS" ? stringList(argumentsOf(schema, directive).cognito_groups) : undefined;
      modes.push(groups ? { mode, cognitoGroups: groups } : { mode });
    }
  }
  return modes.length > 0 ? { modes } : null;
}

function subscribedMutations(schema: GraphQLSchema, directive: DirectiveNode): string[] {
  return stringList(argumentsOf(schema, directive).mutations) ?? [];
}

/**
 * The mutations named by `@aws_subscribe(mutations: [...])` on `Subscription.<fieldName>`, or `null` when
 * the field has no such directive (a subscription nothing publishes to).
 */
export function readSubscribedMutations(schema: GraphQLSchema, subscriptionFieldName: string): string[] | null {
  const subscriptionType = schema.getSubscriptionType();
  const field = subscriptionType?.getFields()[subscriptionFieldName];
  if (!field) throw new Error(`readSubscribedMutations: Subscription.${subscriptionFieldName} is not a field of this schema`);
  const directive = field.astNode?.directives?.find((d) => d.name.value === "aws_subscribe");
  return directive ? subscribedMutations(schema, directive) : null;
}
