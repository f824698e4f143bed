// AppSync runs graphql-java, so a client sees graphql-java's wording for documents that fail to parse or
// validate and for variables that fail to coerce, not graphql-js's. This module rewrites the errors
// graphql-js produced into that wording (graphql-java before its 2022 i18n rewrite, the generation
// AppSync answers with):
//   "Validation error of type <Type>: <description>[ @ '<field/path>']"
//   "Invalid Syntax : offending token '<token>' at line <l> column <c>"
//   "Variable '<name>' has an invalid value. <reason>"
// The field path, argument names and graphql-java's renderings of literal values come from the
// document itself, re-parsed from each error's source.
import {
  getLocation,
  GraphQLError,
  Kind,
  Lexer,
  parse,
  TokenKind,
  visit,
  type ArgumentNode,
  type ASTNode,
  type DocumentNode,
  type OperationDefinitionNode,
  type Source,
  type ValueNode,
  type VariableDefinitionNode,
} from "graphql";
import type { AppSyncLocation } from "../errors.ts";
import { readAwsScalarError } from "./scalars.ts";

/** An error as AppSync words a document or variables it refuses: no path, no errorType. */
export type AppSyncError = {
  path: null;
  locations: AppSyncLocation[] | null;
  message: string;
  errorType?: string;
};

// ---------- the document behind an error ----------

type DocumentIndex = {
  source: Source;
  document: DocumentNode;
  /** Re-parsed node and its ancestors (outermost first), looked up by kind and span. */
  lookup(node: ASTNode): { node: ASTNode; ancestors: ASTNode[] } | undefined;
};

const indexes = new WeakMap<Source, DocumentIndex | null>();

function indexOf(source: Source | undefined): DocumentIndex | undefined {
  if (!source) return undefined;
  const cached = indexes.get(source);
  if (cached !== undefined) return cached ?? undefined;
  let index: DocumentIndex | null = null;
  try {
    const document = parse(source);
    const bySpan = new Map<string, { node: ASTNode; ancestors: ASTNode[] }>();
    visit(document, {
      // graphql-js passes the parent separately from the other ancestors.
      enter(node, _key, parent, _path, ancestors) {
        const chain = [...ancestors, parent].filter(
          (a): a is ASTNode => a !== undefined && !Array.isArray(a) && typeof (a as ASTNode).kind === "string",
        );
        bySpan.set(spanKey(node), { node, ancestors: chain });
      },
    });
    index = { source, document, lookup: (node) => bySpan.get(spanKey(node)) };
  } catch {
    index = null; // not a parseable document (a syntax error): nothing to index
  }
  indexes.set(source, index);
  return index ?? undefined;
}

function spanKey(node: ASTNode): string {
  return `${node.kind}:${node.loc?.start ?? -1}:${node.loc?.end ?? -1}`;
}

type Located = { index: DocumentIndex; node: ASTNode; ancestors: ASTNode[] };

function locate(error: GraphQLError, which: "first" | "last" = "first"): Located | undefined {
  const nodes = error.nodes ?? [];
  const wanted = which === "first" ? nodes[0] : nodes[nodes.length - 1];
  const index = indexOf(error.source);
  if (!wanted || !index) return undefined;
  const found = index.lookup(wanted);
  return found ? { index, ...found } : undefined;
}

function nearest<K extends ASTNode["kind"]>(located: Located, kind: K): Extract<ASTNode, { kind: K }> | undefined {
  if (located.node.kind === kind) return located.node as Extract<ASTNode, { kind: K }>;
  for (let i = located.ancestors.length - 1; i >= 0; i--) {
    const ancestor = located.ancestors[i]!;
    if (ancestor.kind === kind) return ancestor as Extract<ASTNode, { kind: K }>;
  }
  return undefined;
}

/** graphql-java's query path: the names of the enclosing fields (not aliases) and fragment definitions. */
function namesOnPath(nodes: readonly ASTNode[]): string[] | null {
  const names: string[] = [];
  for (const node of nodes) {
    if (node.kind === Kind.FIELD || node.kind === Kind.FRAGMENT_DEFINITION) names.push(node.name.value);
  }
  return names.length > 0 ? names : null;
}

/** The query path down to and including the located node. */
function queryPath(located: Located | undefined): string[] | null {
  return located ? namesOnPath([...located.ancestors, located.node]) : null;
}

function locationOf(index: DocumentIndex, node: ASTNode | undefined): AppSyncLocation[] | null {
  if (!node?.loc) return null;
  const { line, column } = getLocation(index.source, node.loc.start);
  return [{ line, column, sourceName: null }];
}

function errorLocations(error: GraphQLError): AppSyncLocation[] | null {
  return error.locations ? error.locations.map((l) => ({ line: l.line, column: l.column, sourceName: null })) : null;
}

function validationMessage(type: string, description: string, path: string[] | null): string {
  return `Validation error of type ${type}: ${description}${path ? ` @ '${path.join("/")}'` : ""}`;
}

function body(message: string, locations: AppSyncLocation[] | null): AppSyncError {
  return { path: null, locations, message };
}

// ---------- graphql-java's toString() of literal values ----------

/** java.math.BigDecimal#toString for the digits of a GraphQL float literal. */
function javaBigDecimal(text: string): string {
  const match = /^(-?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/.exec(text);
  if (!match) return text;
  const [, sign, whole, fraction = "", exponent = "0"] = match;
  const digits = (whole! + fraction).replace(/^0+(?=\d)/, "");
  const scale = fraction.length - Number(exponent);
  const negative = sign === "-" && /[1-9]/.test(digits);
  const adjusted = -scale + (digits.length - 1);
  let out: string;
  if (scale === 0) out = digits;
  else if (scale > 0 && adjusted >= -6) {
    out = digits.length > scale ? `${digits.slice(0, digits.length - scale)}.${digits.slice(digits.length - scale)}` : `0.${"0".repeat(scale - digits.length)}${digits}`;
  } else {
    out = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    if (adjusted !== 0) out += `E${adjusted > 0 ? "+" : ""}${adjusted}`;
  }
  return negative ? `-${out}` : out;
}

export function javaValueString(node: ValueNode): string {
  switch (node.kind) {
    case Kind.INT:
      return `IntValue{value=${BigInt(node.value).toString()}}`;
    case Kind.FLOAT:
      return `FloatValue{value=${javaBigDecimal(node.value)}}`;
    case Kind.STRING:
      return `StringValue{value='${node.value}'}`;
    case Kind.BOOLEAN:
      return `BooleanValue{value=${node.value}}`;
    case Kind.NULL:
      return "NullValue{}";
    case Kind.ENUM:
      return `EnumValue{name='${node.value}'}`;
    case Kind.LIST:
      return `ArrayValue{values=[${node.values.map(javaValueString).join(", ")}]}`;
    case Kind.OBJECT:
      return `ObjectValue{objectFields=[${node.fields
        .map((field) => `ObjectField{name='${field.name.value}', value=${javaValueString(field.value)}}`)
        .join(", ")}]}`;
    case Kind.VARIABLE:
      return `VariableReference{name='${node.name.value}'}`;
  }
}

/** graphql-java printed `type.getName()`, which is null for list and non-null wrappers. */
function javaTypeName(typeText: string): string {
  return /^[_A-Za-z][_0-9A-Za-z]*$/.test(typeText) ? typeText : "null";
}

function namedTypeOf(typeText: string): string {
  return typeText.replace(/[[\]!]/g, "");
}

// ---------- WrongType: literal values that do not fit their argument ----------

type ValueProblem =
  | { kind: "null" }
  | { kind: "invalid"; typeName: string }
  | { kind: "notObject" }
  | { kind: "missing"; field: string }
  | { kind: "unknownField"; typeName: string };

/** What one graphql-js ValuesOfCorrectType (or scalar) error says about the value node it points at. */
function valueProblem(error: GraphQLError, node: ASTNode): ValueProblem | undefined {
  const message = error.message;
  const aws = readAwsScalarError(error);
  if (aws && aws.phase === "parse") return { kind: "invalid", typeName: aws.scalar };
  let match = /^Expected value of type "([^"]+)", found [\s\S]*?(;|\.)(?: |$)/.exec(message);
  if (match) {
    if (match[2] === ";") return { kind: "invalid", typeName: namedTypeOf(match[1]!) };
    return node.kind === Kind.NULL ? { kind: "null" } : { kind: "notObject" };
  }
  if ((match = /^(Int|Float|String|Boolean|ID) cannot represent /.exec(message))) return { kind: "invalid", typeName: match[1]! };
  if ((match = /^Enum "([^"]+)" cannot represent non-enum value/.exec(message))) return { kind: "invalid", typeName: match[1]! };
  if ((match = /^Value "[\s\S]*" does not exist in "([^"]+)" enum\./.exec(message))) return { kind: "invalid", typeName: match[1]! };
  if ((match = /^Field "[^".]+\.([^"]+)" of required type "[^"]+" was not provided\.$/.exec(message))) {
    return { kind: "missing", field: match[1]! };
  }
  if ((match = /^Field "[^"]+" is not defined by type "([^"]+)"\./.exec(message))) return { kind: "unknownField", typeName: match[1]! };
  return undefined;
}

function isValueError(error: GraphQLError): boolean {
  const located = locate(error);
  if (!located) return false;
  const inValue = located.node.kind === Kind.OBJECT_FIELD || isValueKind(located.node.kind);
  return inValue && valueProblem(error, located.node) !== undefined;
}

function isValueKind(kind: string): boolean {
  return [Kind.INT, Kind.FLOAT, Kind.STRING, Kind.BOOLEAN, Kind.NULL, Kind.ENUM, Kind.LIST, Kind.OBJECT].includes(kind as Kind);
}

type Failure = { names: string[]; value?: ValueNode; reason: string };

/** graphql-java's ValidationUtil.isValidLiteralValue, replayed over the problems graphql-js found. */
function firstFailure(value: ValueNode, problems: Map<ASTNode, ValueProblem[]>): Failure | null {
  const own = problems.get(value) ?? [];
  for (const problem of own) {
    if (problem.kind === "null") return { names: [], value, reason: "must not be null" };
    if (problem.kind === "invalid") return { names: [], value, reason: `is not a valid '${problem.typeName}'` };
    if (problem.kind === "notObject") return { names: [], reason: "must be an object type" };
  }
  if (value.kind === Kind.OBJECT) {
    const missing = own.flatMap((p) => (p.kind === "missing" ? [p.field] : []));
    if (missing.length > 0) return { names: [], reason: `is missing required fields '[${missing.join(", ")}]'` };
    for (const field of value.fields) {
      const unknown = problems.get(field)?.find((p) => p.kind === "unknownField");
      if (unknown?.kind === "unknownField") {
        return { names: [], reason: `contains a field not in '${unknown.typeName}': '${field.name.value}'` };
      }
      const inner = firstFailure(field.value, problems);
      if (inner) return { ...inner, names: [field.name.value, ...inner.names] };
    }
  }
  if (value.kind === Kind.LIST) {
    for (const [i, item] of value.values.entries()) {
      const inner = firstFailure(item, problems);
      if (inner) return { ...inner, names: [`[${i}]`, ...inner.names] };
    }
  }
  return null;
}

/** One WrongType (or BadValueForDefaultArg) error for every argument / default value graphql-js complained about. */
function valueErrors(group: GraphQLError[], holder: ArgumentNode | VariableDefinitionNode, located: Located): AppSyncError {
  const problems = new Map<ASTNode, ValueProblem[]>();
  for (const error of group) {
    const at = locate(error);
    const problem = at && valueProblem(error, at.node);
    if (!at || !problem) continue;
    problems.set(at.node, [...(problems.get(at.node) ?? []), problem]);
  }
  if (holder.kind === Kind.VARIABLE_DEFINITION) {
    const typeText = located.index.source.body.slice(holder.type.loc!.start, holder.type.loc!.end);
    const description = `Bad default value ${javaValueString(holder.defaultValue!)} for type ${javaTypeName(typeText)}`;
    return body(validationMessage("BadValueForDefaultArg", description, null), locationOf(located.index, holder));
  }
  const failure = firstFailure(holder.value, problems);
  const path = namesOnPath(ancestorsUpTo(located, holder));
  if (!failure) return body(validationMessage("WrongType", group[0]!.message, path), locationOf(located.index, holder));
  let argument = holder.name.value;
  for (const name of failure.names) argument += name.startsWith("[") ? name : `.${name}`;
  const description = `argument '${argument}' with value '${javaValueString(failure.value ?? holder.value)}' ${failure.reason}`;
  return body(validationMessage("WrongType", description, path), locationOf(located.index, holder));
}

function ancestorsUpTo(located: Located, node: ASTNode): ASTNode[] {
  const at = located.ancestors.indexOf(node);
  return at === -1 ? located.ancestors : located.ancestors.slice(0, at + 1);
}

function valueHolder(located: Located): ArgumentNode | VariableDefinitionNode | undefined {
  return nearest(located, Kind.ARGUMENT) ?? nearest(located, Kind.VARIABLE_DEFINITION);
}

// ---------- syntax errors ----------

const lexicalProblem = /^(Unexpected character|Invalid character|Unexpected single quote|Unterminated string|Invalid number|Invalid Unicode escape)/;

function tokenTextAt(source: Source, position: number): string {
  const lexer = new Lexer(source);
  try {
    let token = lexer.advance();
    while (token.kind !== TokenKind.EOF && token.end <= position) token = lexer.advance();
    return token.kind === TokenKind.EOF ? "<EOF>" : source.body.slice(token.start, token.end);
  } catch {
    return source.body.charAt(position);
  }
}

/** graphql-js's `maxTokens` refusal (its wording has "more that"). */
const tokenBudgetExceeded = /^Document contains more tha[nt] (\d+) tokens\. Parsing aborted\.$/;

function syntaxError(error: GraphQLError): AppSyncError {
  const detail = error.message.replace(/^Syntax Error: /, "");
  const position = error.positions?.[0];
  const location = error.locations?.[0];
  if (!error.source || position === undefined || !location) return body(`Invalid Syntax : ${detail}`, errorLocations(error));
  const at = ` at line ${location.line} column ${location.column}`;
  const locations = [{ line: location.line, column: location.column, sourceName: null }];
  const budget = tokenBudgetExceeded.exec(detail);
  if (budget) {
    // graphql-java's parse budget (ParseCancelledException), whose wording this follows.
    return body(
      `Invalid Syntax : More than ${budget[1]} parse tokens have been presented. To prevent Denial Of Service attacks, parsing has been cancelled. offending token '${tokenTextAt(error.source, position)}'${at}`,
      locations,
    );
  }
  if (lexicalProblem.test(detail)) {
    const character = String.fromCodePoint(error.source.body.codePointAt(position) ?? 0x20);
    // ANTLR's lexer error, as graphql-java's lexer listener reports it.
    return body(`Invalid Syntax : Invalid syntax: token recognition error at: '${character}'${at}`, locations);
  }
  return body(`Invalid Syntax : offending token '${tokenTextAt(error.source, position)}'${at}`, locations);
}

// ---------- variables that fail to coerce (from execute / getVariableValues) ----------

/** Java class graphql-java would name for a JSON value, read from graphql-js's inspect() text. */
function javaClassOfInspected(text: string): string {
  if (text.startsWith('"')) return "String";
  if (text === "true" || text === "false") return "Boolean";
  if (text.startsWith("[")) return "ArrayList";
  if (text.startsWith("{")) return "LinkedHashMap";
  if (/^-?\d+$/.test(text)) return Math.abs(Number(text)) <= 2147483647 ? "Integer" : "Long";
  if (/^-?[\d.eE+-]+$/.test(text)) return "Double";
  return "Object";
}

function coercedNull(name: string, typeText: string, error: GraphQLError): AppSyncError {
  return body(`Variable '${name}' has coerced Null value for NonNull type '${typeText}'`, errorLocations(error));
}

function variableError(error: GraphQLError): AppSyncError | undefined {
  let match = /^Variable "\$([^"]+)" of required type "([^"]+)" was not provided\.$/.exec(error.message);
  match ??= /^Variable "\$([^"]+)" of non-null type "([^"]+)" must not be null\.$/.exec(error.message);
  if (match) return coercedNull(match[1]!, match[2]!, error);

  match = /^Variable "\$([^"]+)" got invalid value ([\s\S]*?)(?: at "([^"]+)")?; ([\s\S]*)$/.exec(error.message);
  if (!match) return undefined;
  const [, variable, inspected, at, reason] = match as unknown as [string, string, string, string | undefined, string];
  // graphql-java names the input field that failed, not the variable holding it.
  const leaf = at ? (at.match(/[^.[\]]+(?=(?:\[\d+\])*$)/)?.[0] ?? variable) : variable;
  const inner = error.originalError instanceof Error ? error.originalError.message : reason;
  const aws = readAwsScalarError(error);
  const invalid = (text: string) => body(`Variable '${leaf}' has an invalid value. ${text}`, errorLocations(error));

  if (aws) return invalid(inner);
  let innerMatch = /^Expected non-nullable type "([^"]+)" not to be null\.$/.exec(inner);
  innerMatch ??= /^Field "[^"]+" of required type "([^"]+)" was not provided\.$/.exec(inner);
  if (innerMatch) return coercedNull(variable, innerMatch[1]!, error);
  if ((innerMatch = /^Field "[^"]+" is not defined by type "([^"]+)"\./.exec(inner))) {
    // graphql-java's InputMapDefinesTooManyFieldsException: trailing space and no location, as AppSync sends it.
    return body(`The variables input contains a field that is not defined for input object type '${innerMatch[1]}' `, null);
  }
  if (/^Expected type "[^"]+" to be an object\.$/.test(inner)) {
    return invalid(
      `Expected type 'Map' but was '${javaClassOfInspected(inspected)}'. Variables for input objects must be an instance of type 'Map'.`,
    );
  }
  if ((innerMatch = /^(Int|Float|String|Boolean|ID) cannot represent /.exec(inner))) {
    return invalid(`Expected type '${innerMatch[1]}' but was '${javaClassOfInspected(inspected)}'.`);
  }
  innerMatch = /^Value "([\s\S]*)" does not exist in "([^"]+)" enum\./.exec(inner);
  if (innerMatch) return invalid(`Invalid input for Enum '${innerMatch[2]}'. No value found for name '${innerMatch[1]}'`);
  if ((innerMatch = /^Enum "([^"]+)" cannot represent non-string value: ([\s\S]*?)\./.exec(inner))) {
    return invalid(`Invalid input for Enum '${innerMatch[1]}'. No value found for name '${innerMatch[2]}'`);
  }
  return invalid(inner);
}

const variableCoercion = /^Variable "\$([^"]+)" (?:of required type|of non-null type|got invalid value)/;

function isVariableCoercionError(error: GraphQLError): boolean {
  return variableCoercion.test(error.message);
}

/**
 * graphql-java stops at the first variable that fails to coerce, and inside an input object it looks for
 * unknown fields before it checks the known ones; graphql-js reports every problem, known fields first.
 */
function graphqlJavaVariableError(errors: readonly GraphQLError[]): GraphQLError {
  const coercion = errors.filter(isVariableCoercionError);
  const first = variableCoercion.exec(coercion[0]!.message)![1];
  const sameVariable = coercion.filter((e) => variableCoercion.exec(e.message)![1] === first);
  return sameVariable.find((e) => /; Field "[^"]+" is not defined by type /.test(e.message)) ?? sameVariable[0]!;
}

// ---------- validation rules, graphql-js message -> graphql-java wording ----------

type RuleMapping = {
  pattern: RegExp;
  map(match: RegExpExecArray, error: GraphQLError): AppSyncError;
};

/** Location and path of the node graphql-js pointed at, or of its nearest ancestor of `kind`. */
function at(error: GraphQLError, options: { kind?: ASTNode["kind"]; which?: "first" | "last"; path?: "node" | "none" } = {}) {
  const located = locate(error, options.which ?? "first");
  if (!located) return { located, locations: errorLocations(error), path: null as string[] | null };
  const node = options.kind ? nearest(located, options.kind) : located.node;
  const anchored = node ? { ...located, node, ancestors: ancestorsUpTo(located, node).filter((a) => a !== node) } : located;
  return {
    located: anchored,
    locations: locationOf(located.index, node ?? located.node),
    path: options.path === "none" ? null : queryPath(anchored),
  };
}

function rule(type: string, description: string, where: ReturnType<typeof at>): AppSyncError {
  return body(validationMessage(type, description, where.path), where.locations);
}

const ruleMappings: RuleMapping[] = [
  {
    pattern: /^Cannot query field "([^"]+)" on type "([^"]+)"\./,
    map: (m, e) => rule("FieldUndefined", `Field '${m[1]}' in type '${m[2]}' is undefined`, at(e)),
  },
  {
    pattern: /^Field "([^"]+)" of type "([^"]+)" must have a selection of subfields\./,
    map: (m, e) => rule("SubSelectionRequired", `Sub selection required for type ${javaTypeName(m[2]!)} of field ${m[1]}`, at(e)),
  },
  {
    pattern: /^Field "([^"]+)" must not have a selection since type "([^"]+)" has no subfields\.$/,
    map: (m, e) =>
      rule("SubSelectionNotAllowed", `Sub selection not allowed on leaf type ${javaTypeName(m[2]!)} of field ${m[1]}`, at(e, { kind: Kind.FIELD })),
  },
  {
    pattern: /^Field "[^"]+" argument "([^"]+)" of type "[^"]+" is required, but it was not provided\.$/,
    map: (m, e) => rule("MissingFieldArgument", `Missing field argument ${m[1]}`, at(e)),
  },
  {
    pattern: /^Directive "@[^"]+" argument "([^"]+)" of type "[^"]+" is required, but it was not provided\.$/,
    map: (m, e) => rule("MissingDirectiveArgument", `Missing directive argument ${m[1]}`, at(e)),
  },
  {
    pattern: /^Unknown argument "([^"]+)" on field "[^"]+"\./,
    map: (m, e) => rule("UnknownArgument", `Unknown field argument ${m[1]}`, at(e, { kind: Kind.ARGUMENT })),
  },
  {
    pattern: /^Unknown argument "([^"]+)" on directive "@[^"]+"\./,
    map: (m, e) => rule("UnknownDirective", `Unknown directive argument ${m[1]}`, at(e, { kind: Kind.ARGUMENT })),
  },
  {
    pattern: /^Unknown directive "@([^"]+)"\.$/,
    map: (m, e) => rule("UnknownDirective", `Unknown directive ${m[1]}`, at(e)),
  },
  {
    pattern: /^Directive "@([^"]+)" may not be used on [A-Z_]+\.$/,
    map: (m, e) => rule("MisplacedDirective", `Directive ${m[1]} not allowed here`, at(e)),
  },
  {
    pattern: /^The directive "@([^"]+)" can only be used once at this location\.$/,
    map: (m, e) => {
      const where = at(e, { which: "last" });
      const owner = where.located?.ancestors[where.located.ancestors.length - 1];
      const description = `Directives must be uniquely named within a location. The directive '${m[1]}' used on a '${owner?.kind ?? "Node"}' is not unique.`;
      return rule("DuplicateDirectiveName", description, where);
    },
  },
  {
    pattern: /^Unknown type "([^"]+)"\./,
    map: (m, e) => rule("UnknownType", `Unknown type ${m[1]}`, at(e)),
  },
  {
    pattern: /^Variable "\$([^"]+)" is not defined(?: by operation "[^"]*")?\.$/,
    map: (m, e) => rule("UndefinedVariable", `Undefined variable ${m[1]}`, at(e, { which: "first" })),
  },
  {
    pattern: /^Variable "\$([^"]+)" is never used(?: in operation "[^"]*")?\.$/,
    map: (m, e) => rule("UnusedVariable", `Unused variable ${m[1]}`, at(e, { path: "none" })),
  },
  {
    pattern: /^Variable "\$([^"]+)" of type "([^"]+)" used in position expecting type "([^"]+)"\.$/,
    map: (m, e) => {
      // graphql-java names the variable's effective type: a nullable variable with a default counts as non-null.
      const definition = locate(e, "first")?.node;
      const hasDefault = definition?.kind === Kind.VARIABLE_DEFINITION && definition.defaultValue && definition.defaultValue.kind !== Kind.NULL;
      const effective = hasDefault && !m[2]!.endsWith("!") ? `${m[2]}!` : m[2];
      return rule("VariableTypeMismatch", `Variable type '${effective}' doesn't match expected type '${m[3]}'`, at(e, { which: "last" }));
    },
  },
  {
    pattern: /^Variable "\$[^"]+" cannot be non-input type "[^"]+"\.$/,
    map: (_m, e) => rule("NonInputTypeOnVariable", "Wrong type for a variable", at(e, { kind: Kind.VARIABLE_DEFINITION })),
  },
  {
    pattern: /^There can be only one variable named "\$([^"]+)"\.$/,
    map: (m, e) => rule("DuplicateVariableName", `There can be only one variable named '${m[1]}'`, at(e, { which: "last", kind: Kind.VARIABLE_DEFINITION })),
  },
  {
    pattern: /^There can be only one operation named "([^"]+)"\.$/,
    map: (m, e) =>
      rule("DuplicateOperationName", `There can be only one operation named '${m[1]}'`, at(e, { which: "last", kind: Kind.OPERATION_DEFINITION })),
  },
  {
    pattern: /^There can be only one fragment named "([^"]+)"\.$/,
    map: (m, e) =>
      rule("DuplicateFragmentName", `There can be only one fragment named '${m[1]}'`, at(e, { which: "last", kind: Kind.FRAGMENT_DEFINITION })),
  },
  {
    pattern: /^There can be only one argument named "([^"]+)"\.$/,
    map: (m, e) => {
      const where = at(e, { which: "last" });
      const owner = where.located?.ancestors[where.located.ancestors.length - 1];
      const anchored = owner ? at(e, { which: "last", kind: owner.kind }) : where;
      return rule("DuplicateArgumentNames", `There can be only one argument named '${m[1]}'`, anchored);
    },
  },
  {
    pattern: /^There can be only one input field named "([^"]+)"\.$/,
    map: (m, e) => rule("DuplicateObjectFieldName", `There can be only one field named '${m[1]}'`, at(e, { which: "last", kind: Kind.OBJECT_FIELD })),
  },
  {
    pattern: /^Unknown fragment "([^"]+)"\.$/,
    map: (m, e) => rule("UndefinedFragment", `Undefined fragment ${m[1]}`, at(e, { kind: Kind.FRAGMENT_SPREAD })),
  },
  {
    pattern: /^Fragment "([^"]+)" is never used\.$/,
    map: (m, e) => rule("UnusedFragment", `Unused fragment ${m[1]}`, at(e, { path: "none" })),
  },
  {
    pattern: /^Cannot spread fragment "[^"]+" within itself/,
    map: (_m, e) => {
      const where = at(e, { kind: Kind.FRAGMENT_DEFINITION });
      return rule("FragmentCycle", "Fragment cycles not allowed", { ...where, path: where.located ? queryPath(where.located) : null });
    },
  },
  {
    pattern: /^Fragment "([^"]+)" cannot be spread here as objects of type "([^"]+)" can never be of type "([^"]+)"\.$/,
    map: (m, e) =>
      rule("InvalidFragmentType", `Fragment ${m[1]} cannot be spread here as objects of type ${m[2]} can never be of type ${m[3]}`, at(e)),
  },
  {
    pattern: /^Fragment cannot be spread here as objects of type "([^"]+)" can never be of type "([^"]+)"\.$/,
    map: (m, e) => rule("InvalidFragmentType", `Fragment cannot be spread here as objects of type ${m[1]} can never be of type ${m[2]}`, at(e)),
  },
  {
    pattern: /^Fragment "[^"]+" cannot condition on non composite type "[^"]+"\.$/,
    map: (_m, e) =>
      rule("FragmentTypeConditionInvalid", "Fragment type condition is invalid, must be on Object/Interface/Union", at(e, { kind: Kind.FRAGMENT_DEFINITION })),
  },
  {
    pattern: /^Fragment cannot condition on non composite type "[^"]+"\.$/,
    map: (_m, e) =>
      rule(
        "InlineFragmentTypeConditionInvalid",
        "Inline fragment type condition is invalid, must be on Object/Interface/Union",
        at(e, { kind: Kind.INLINE_FRAGMENT }),
      ),
  },
  {
    pattern: /^The (?:"([^"]+)"|schema) definition is not executable\.$/,
    map: (m, e) => {
      const where = at(e, { path: "none" });
      const kind = where.located?.node.kind;
      const description =
        m[1] === undefined
          ? "Schema definition is not executable."
          : kind === Kind.DIRECTIVE_DEFINITION
            ? `Directive '${m[1]}' definition is not executable.`
            : `Type '${m[1]}' definition is not executable.`;
      return rule("NonExecutableDefinition", description, where);
    },
  },
  {
    pattern: /^Fields "([^"]+)" conflict because ([\s\S]*)\. Use different aliases on the fields to fetch both if this was intentional\.$/,
    map: (m, e) => {
      const where = at(e);
      // graphql-java checks conflicts per selection set: the path is the enclosing field's.
      const path = namesOnPath(where.located?.ancestors ?? []);
      return body(validationMessage("FieldsConflict", conflictDescription(m[1]!, m[2]!), path), errorLocations(e));
    },
  },
  {
    pattern: /^(?:Subscription "([^"]+)"|Anonymous Subscription) must select only one top level field\.$/,
    map: (m, e) => rule("SubscriptionMultipleRootFields", `Subscription operation ${m[1] ?? "null"} must have exactly one root field.`, at(e, { path: "none" })),
  },
  {
    pattern: /^(?:Subscription "([^"]+)"|Anonymous Subscription) must not select an introspection top level field\.$/,
    map: (m, e) => {
      const field = locate(e)?.node;
      const name = field?.kind === Kind.FIELD ? field.name.value : "null";
      return rule(
        "SubscriptionIntrospectionRootField",
        `Subscription operation ${m[1] ?? "null"} root field ${name} cannot be an introspection field.`,
        at(e, { path: "none" }),
      );
    },
  },
];

/** graphql-java's OverlappingFieldsCanBeMerged reasons; nested conflicts join response names with "/". */
function conflictDescription(responseName: string, reason: string): string {
  let match = /^"([^"]+)" and "([^"]+)" are different fields$/.exec(reason);
  if (match) return `${responseName}: ${match[1]} and ${match[2]} are different fields`;
  if (reason === "they have differing arguments") return `${responseName}: they have differing arguments`;
  if ((match = /^they return conflicting types "([^"]+)" and "([^"]+)"$/.exec(reason))) {
    return `${responseName}: they return differing types ${match[1]} and ${match[2]}`;
  }
  if ((match = /^subfields "([^"]+)" conflict because ([\s\S]*?)(?: and subfields "[\s\S]*)?$/.exec(reason))) {
    return conflictDescription(`${responseName}/${match[1]}`, match[2]!);
  }
  return `${responseName}: ${reason}`;
}

/** graphql-java's LoneAnonymousOperation, which words and places its errors differently from graphql-js. */
function loneAnonymousErrors(index: DocumentIndex): AppSyncError[] {
  const errors: AppSyncError[] = [];
  let hasAnonymous = false;
  let count = 0;
  for (const definition of index.document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
    const operation: OperationDefinitionNode = definition;
    let description: string | undefined;
    if (!operation.name) {
      hasAnonymous = true;
      if (count > 0) description = "Anonymous operation with other operations.";
    } else if (hasAnonymous) {
      description = `Operation ${operation.name.value} is following anonymous operation.`;
    }
    count++;
    if (description) {
      errors.push(body(validationMessage("LoneAnonymousOperationViolation", description, null), locationOf(index, operation)));
    }
  }
  return errors;
}

// ---------- entry points ----------

/**
 * Rewrites graphql-js errors from `parse`, `validate` or variable coercion (the errors `execute` returns
 * before running anything) into the error objects AppSync returns for them (`data: null` goes beside
 * them). Pass all of one request's errors at once: graphql-java reports one WrongType per argument and a
 * single error for all variables, where graphql-js may report several, so the output can be shorter than
 * the input. Unrecognised errors keep their graphql-js message.
 */
export function toAppSyncValidationErrors(errors: readonly GraphQLError[]): AppSyncError[] {
  const out: AppSyncError[] = [];
  const doneHolders = new Set<ASTNode>();
  const doneDocuments = new Set<DocumentIndex>();
  let variableReported = false;
  for (const error of errors) {
    if (error.message === "Validation aborted.") {
      // graphql-js gave up on a document whose fields or fragments overlap too often to compare.
      out.push(body(validationMessage("ValidationAborted", "The document repeats fields or fragments too often to be validated; select each field once", null), null));
      continue;
    }
    if (error.message === "Too many validation errors, error limit reached. Validation aborted.") {
      out.push(body(validationMessage("TooManyErrors", `More than ${errors.length - 1} validation errors; the rest were not looked for`, null), null));
      continue;
    }
    if (error.message.startsWith("Syntax Error: ")) {
      out.push(syntaxError(error));
      continue;
    }
    if (isVariableCoercionError(error)) {
      if (!variableReported) out.push(variableError(graphqlJavaVariableError(errors)) ?? body(error.message, errorLocations(error)));
      variableReported = true;
      continue;
    }
    if (error.message === "This anonymous operation must be the only defined operation.") {
      const index = indexOf(error.source);
      if (!index) out.push(body(error.message, errorLocations(error)));
      else if (!doneDocuments.has(index)) {
        doneDocuments.add(index);
        out.push(...loneAnonymousErrors(index));
      }
      continue;
    }
    if (isValueError(error)) {
      const located = locate(error)!;
      const holder = valueHolder(located);
      if (holder) {
        if (doneHolders.has(holder)) continue;
        doneHolders.add(holder);
        const group = errors.filter((other) => {
          const where = locate(other);
          return where !== undefined && isValueError(other) && valueHolder(where) === holder;
        });
        out.push(valueErrors(group, holder, located));
        continue;
      }
    }
    const mapping = ruleMappings.find((m) => m.pattern.test(error.message));
    if (mapping) {
      out.push(mapping.map(mapping.pattern.exec(error.message)!, error));
      continue;
    }
    out.push(body(error.message, errorLocations(error)));
  }
  return out;
}

/** Whether a field error comes from an AWS scalar refusing a resolver's result. */
export function isScalarSerializationError(error: GraphQLError): boolean {
  return readAwsScalarError(error)?.phase === "serialize";
}

/**
 * graphql-java's SerializationError for a field whose value an AWS scalar refused, e.g.
 * "Can't serialize value (/syncOrders/items[32]/orderDate) : Unable to serialize `x` as a valid DateTime Object."
 * with `locations: null`; the field itself becomes null.
 */
export function toAppSyncSerializationError(error: GraphQLError): {
  path: ReadonlyArray<string | number> | null;
  data: null;
  errorInfo: null;
  locations: null;
  message: string;
} {
  const path = error.path ?? null;
  const javaPath = (path ?? []).map((segment) => (typeof segment === "number" ? `[${segment}]` : `/${segment}`)).join("");
  const reason = error.originalError?.message ?? error.message;
  return { path, data: null, errorInfo: null, locations: null, message: `Can't serialize value (${javaPath}) : ${reason}` };
}
