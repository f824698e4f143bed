// Checks on a request's document before graphql-js parses or validates it, where what it does is
// recursive or quadratic: nesting, the token budget's count, root fields, repeated fields, and the
// depth the query depth limit is compared with.
import {
  GraphQLError,
  Kind,
  Lexer,
  Source,
  TokenKind,
  type DocumentNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from "graphql";
import type { AppSyncError } from "../schema/validation-errors.ts";
import type { RequestLimits } from "./options.ts";

const opening = new Set<TokenKind>([TokenKind.BRACE_L, TokenKind.BRACKET_L]);
const closing = new Set<TokenKind>([TokenKind.BRACE_R, TokenKind.BRACKET_R]);

/**
 * One pass of graphql-js's lexer (iterative, unlike its parser): the tokens counted up to just past the
 * budget (parse refuses the document then), and an error when selection sets, lists and input objects
 * nest deeper than `maxNesting`, which would overflow the parser's or the validator's stack.
 */
export function scanDocument(text: string, limits: Pick<RequestLimits, "maxTokens" | "maxNesting">): { tokens: number; error?: AppSyncError } {
  const lexer = new Lexer(new Source(text));
  let tokens = 0;
  let nesting = 0;
  try {
    for (let token = lexer.advance(); token.kind !== TokenKind.EOF && tokens <= limits.maxTokens; token = lexer.advance()) {
      tokens += 1;
      if (closing.has(token.kind)) nesting -= 1;
      if (!opening.has(token.kind)) continue;
      nesting += 1;
      if (nesting > limits.maxNesting) {
        const message =
          `Invalid Syntax : More than ${limits.maxNesting} levels of nested selection sets, lists and input objects have been presented. ` +
          `To prevent Denial Of Service attacks, parsing has been cancelled. offending token '${token.value ?? token.kind}' at line ${token.line} column ${token.column}`;
        return { tokens, error: { path: null, locations: [{ line: token.line, column: token.column, sourceName: null }], message } };
      }
    }
  } catch (error) {
    // A lexical error: parse reports it in AppSync's words.
    if (!(error instanceof GraphQLError)) throw error;
  }
  return { tokens };
}

/** Root fields and repeated fields over the limits, each as a validation error. */
export function checkSelections(document: DocumentNode, limits: Pick<RequestLimits, "maxRootFields" | "maxFieldRepeats">): AppSyncError[] {
  const fragments = fragmentsOf(document);
  const errors: AppSyncError[] = [];
  for (const definition of document.definitions) {
    if (definition.kind === Kind.OPERATION_DEFINITION && limits.maxRootFields > 0) {
      const count = rootFieldCount(definition.selectionSet, fragments, new Set());
      if (count > limits.maxRootFields) errors.push(rootFieldError(definition, count, limits.maxRootFields));
    }
    if (definition.kind === Kind.OPERATION_DEFINITION || definition.kind === Kind.FRAGMENT_DEFINITION) {
      const path = definition.kind === Kind.FRAGMENT_DEFINITION ? [definition.name.value] : [];
      repeatedFields(definition.selectionSet, path, limits.maxFieldRepeats, errors);
    }
  }
  return errors;
}

/**
 * The deepest field of any operation, root fields being depth 1, fragments expanded (each measured
 * once). Introspection fields are not counted: the depth limit is for the API's own data.
 */
export function documentDepth(document: DocumentNode): number {
  const fragments = fragmentsOf(document);
  const fragmentDepths = new Map<string, number>();
  const depthOf = (selectionSet: SelectionSetNode, entered: Set<string>): number => {
    let deepest = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        if (selection.name.value.startsWith("__")) continue;
        deepest = Math.max(deepest, 1 + (selection.selectionSet ? depthOf(selection.selectionSet, entered) : 0));
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        deepest = Math.max(deepest, depthOf(selection.selectionSet, entered));
      } else {
        const name = selection.name.value;
        const fragment = fragments.get(name);
        // A cycle is a validation error; it adds nothing here.
        if (!fragment || entered.has(name)) continue;
        let depth = fragmentDepths.get(name);
        if (depth === undefined) {
          depth = depthOf(fragment.selectionSet, new Set([...entered, name]));
          fragmentDepths.set(name, depth);
        }
        deepest = Math.max(deepest, depth);
      }
    }
    return deepest;
  };
  let deepest = 0;
  for (const definition of document.definitions) {
    if (definition.kind === Kind.OPERATION_DEFINITION) deepest = Math.max(deepest, depthOf(definition.selectionSet, new Set()));
  }
  return deepest;
}

function fragmentsOf(document: DocumentNode): Map<string, FragmentDefinitionNode> {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  return fragments;
}

/** Root fields, through the fragments spread at the root (a fragment spread twice counts twice). */
function rootFieldCount(selectionSet: SelectionSetNode, fragments: ReadonlyMap<string, FragmentDefinitionNode>, entered: Set<string>): number {
  let count = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) count += selection.name.value.startsWith("__") ? 0 : 1;
    else if (selection.kind === Kind.INLINE_FRAGMENT) count += rootFieldCount(selection.selectionSet, fragments, entered);
    else {
      const fragment = fragments.get(selection.name.value);
      if (fragment && !entered.has(fragment.name.value)) count += rootFieldCount(fragment.selectionSet, fragments, new Set([...entered, fragment.name.value]));
    }
  }
  return count;
}

function rootFieldError(operation: OperationDefinitionNode, count: number, maximum: number): AppSyncError {
  const name = operation.name ? ` ${operation.name.value}` : "";
  const start = operation.loc?.startToken;
  return {
    path: null,
    locations: start ? [{ line: start.line, column: start.column, sourceName: null }] : null,
    message: `Validation error of type RootFieldLimitExceeded: Operation${name} selects ${count} root fields (aliases included); at most ${maximum} are allowed`,
  };
}

/** graphql-java's query path: the enclosing fields' names (not aliases). */
function repeatedFields(selectionSet: SelectionSetNode, path: string[], maximum: number, errors: AppSyncError[]): void {
  const counts = new Map<string, number>();
  for (const selection of selectionSet.selections) {
    if (selection.kind !== Kind.FIELD) {
      if (selection.kind === Kind.INLINE_FRAGMENT) repeatedFields(selection.selectionSet, path, maximum, errors);
      continue;
    }
    const responseName = (selection.alias ?? selection.name).value;
    const count = (counts.get(responseName) ?? 0) + 1;
    counts.set(responseName, count);
    if (count === maximum + 1) {
      const start = selection.loc?.startToken;
      const total = selectionSet.selections.filter((other) => other.kind === Kind.FIELD && (other.alias ?? other.name).value === responseName).length;
      errors.push({
        path: null,
        locations: start ? [{ line: start.line, column: start.column, sourceName: null }] : null,
        message:
          `Validation error of type FieldRepeatLimitExceeded: '${responseName}' is selected ${total} times in one selection set; at most ${maximum} are allowed` +
          (path.length > 0 ? ` @ '${path.join("/")}'` : ""),
      });
    }
    if (selection.selectionSet) repeatedFields(selection.selectionSet, [...path, selection.name.value], maximum, errors);
  }
}
