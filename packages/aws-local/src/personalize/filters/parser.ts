// A recursive-descent parser for Personalize's item filter expressions:
//
//   filter     := expression ( "|" expression )*
//   expression := ( INCLUDE | EXCLUDE ) ItemID WHERE condition ( IF userCond ( AND userCond )* )?
//   condition  := predicate ( ( AND | OR ) predicate )*          AND binds tighter than OR
//   predicate  := dataset "." FIELD ( IN list | NOT IN list | ( = | < | <= | > | >= ) scalar )
//   list       := "(" value ( "," value )* ")" | CurrentItem "." FIELD
//   scalar     := NUMBER | STRING | $PARAM | CurrentItem "." FIELD
//   value      := STRING | NUMBER | $PARAM
//
// with Personalize's rules: the conditions of one expression read one dataset (Items or Interactions; chain
// expressions with "|" to use both), Interactions filters only on EVENT_TYPE, "*" only matches event types,
// CurrentUser appears only after IF. Keywords and dataset names are case-insensitive, field names are upper case.
import { invalidInput } from "../errors.ts";
import { describeToken, tokenize, type Token } from "./tokens.ts";

export type FilterAction = "INCLUDE" | "EXCLUDE";
export type Operator = "IN" | "NOT IN" | "=" | "<" | "<=" | ">" | ">=";
export type Dataset = "Items" | "Interactions" | "CurrentUser";
export type Value = { kind: "literal"; text: string } | { kind: "parameter"; name: string };
export type Operand = { kind: "values"; values: Value[] } | { kind: "currentItem"; field: string };
export type Predicate = { dataset: Dataset; field: string; operator: Operator; operand: Operand };

export type FilterExpression = {
  action: FilterAction;
  /** The dataset every WHERE condition reads. */
  dataset: "Items" | "Interactions";
  /** OR of AND-groups (the precedence of AND over OR leaves the condition in this form). */
  where: Predicate[][];
  /** CurrentUser conditions after IF, all of which must hold for the expression to apply. */
  when: Predicate[];
  /** Parameter names this expression uses. */
  parameters: string[];
};

export type ParsedFilter = { expressions: FilterExpression[]; parameters: ReadonlySet<string> };

const datasetNames: Record<string, Dataset> = { items: "Items", interactions: "Interactions", currentuser: "CurrentUser" };
const comparisons = new Set(["=", "<", "<=", ">", ">="]);

export function parseFilterExpression(text: string): ParsedFilter {
  if (text.trim() === "") throw invalidInput("Invalid filter expression: it is empty.");
  const parser = new Parser(tokenize(text));
  const expressions = [parser.expression()];
  while (parser.acceptSymbol("|")) expressions.push(parser.expression());
  parser.expectEnd();
  return { expressions, parameters: new Set(expressions.flatMap((expression) => expression.parameters)) };
}

class Parser {
  private position = 0;
  private parameters: string[] = [];

  constructor(private readonly tokens: Token[]) {}

  expression(): FilterExpression {
    this.parameters = [];
    const actionToken = this.peek();
    const action = this.acceptWord("INCLUDE") ? "INCLUDE" : this.acceptWord("EXCLUDE") ? "EXCLUDE" : null;
    if (!action) throw this.error(actionToken, 'expected INCLUDE or EXCLUDE to start an expression');
    const subject = this.peek();
    if (!this.acceptWord("ItemID")) {
      if (subject.kind === "word" && /^(ActionID|UserID)$/i.test(subject.text)) {
        throw this.error(subject, `${subject.text} filters are for action recommendations and user segments; item recommendations filter ItemID`);
      }
      throw this.error(subject, `expected ItemID after ${action}`);
    }
    this.expectWord("WHERE");

    const where: Predicate[][] = [[this.predicate("where")]];
    for (;;) {
      if (this.acceptWord("AND")) where[where.length - 1]!.push(this.predicate("where"));
      else if (this.acceptWord("OR")) where.push([this.predicate("where")]);
      else break;
    }
    const when: Predicate[] = [];
    if (this.acceptWord("IF")) {
      when.push(this.predicate("if"));
      while (this.acceptWord("AND")) when.push(this.predicate("if"));
    }

    const dataset = where[0]![0]!.dataset as "Items" | "Interactions";
    const other = where.flat().find((predicate) => predicate.dataset !== dataset);
    if (other) {
      throw invalidInput(
        `Invalid filter expression: conditions joined with AND/OR must read one dataset, but ${dataset} is followed by ${other.dataset}. Chain a second expression with "|" instead.`,
      );
    }
    return { action, dataset, where, when, parameters: [...new Set(this.parameters)] };
  }

  private predicate(place: "where" | "if"): Predicate {
    const datasetToken = this.peek();
    const dataset = datasetToken.kind === "word" ? datasetNames[datasetToken.text.toLowerCase()] : undefined;
    if (!dataset) throw this.error(datasetToken, place === "if" ? "expected CurrentUser.<FIELD> after IF" : "expected Items.<FIELD> or Interactions.<FIELD>");
    if (place === "where" && dataset === "CurrentUser") throw this.error(datasetToken, "CurrentUser conditions go after IF, at the end of the expression");
    if (place === "if" && dataset !== "CurrentUser") throw this.error(datasetToken, "only CurrentUser conditions may follow IF");
    this.next();
    this.expectSymbol(".");
    const field = this.fieldName();

    const operatorToken = this.peek();
    let operator: Operator;
    if (this.acceptWord("IN")) operator = "IN";
    else if (this.acceptWord("NOT")) {
      this.expectWord("IN");
      operator = "NOT IN";
    } else if (operatorToken.kind === "symbol" && comparisons.has(operatorToken.text)) {
      this.next();
      operator = operatorToken.text as Operator;
    } else throw this.error(operatorToken, `expected IN, NOT IN, =, <, <=, > or >= after ${dataset}.${field}`);

    const operand = operator === "IN" || operator === "NOT IN" ? this.list() : this.scalar(operator);
    const predicate: Predicate = { dataset, field, operator, operand };
    this.check(predicate, datasetToken);
    return predicate;
  }

  private list(): Operand {
    if (this.acceptCurrentItem()) return { kind: "currentItem", field: this.fieldName() };
    this.expectSymbol("(");
    const values = [this.value()];
    while (this.acceptSymbol(",")) values.push(this.value());
    this.expectSymbol(")");
    return { kind: "values", values };
  }

  private scalar(operator: Operator): Operand {
    if (this.acceptCurrentItem()) return { kind: "currentItem", field: this.fieldName() };
    const token = this.peek();
    if (token.kind === "string" && operator !== "=") throw this.error(token, `${operator} compares numbers; use IN for strings`);
    return { kind: "values", values: [this.value()] };
  }

  private value(): Value {
    const token = this.next();
    if (token.kind === "string") return { kind: "literal", text: token.value };
    if (token.kind === "number") return { kind: "literal", text: token.text };
    if (token.kind === "parameter") {
      this.parameters.push(token.name);
      return { kind: "parameter", name: token.name };
    }
    throw this.error(token, 'expected a value: a "string", a number or a $PARAMETER');
  }

  private check(predicate: Predicate, at: Token): void {
    const literals = predicate.operand.kind === "values" ? predicate.operand.values.filter((value) => value.kind === "literal") : [];
    if (predicate.dataset === "Interactions") {
      if (predicate.field !== "EVENT_TYPE") throw this.error(at, `interactions can only be filtered on EVENT_TYPE, not ${predicate.field}`);
      if (predicate.operator !== "IN" && predicate.operator !== "NOT IN") throw this.error(at, "Interactions.EVENT_TYPE takes IN or NOT IN");
      if (predicate.operand.kind === "currentItem") throw this.error(at, "Interactions.EVENT_TYPE cannot be compared with CurrentItem");
      return;
    }
    if (literals.some((value) => value.kind === "literal" && value.text === "*")) throw this.error(at, '"*" only matches Interactions.EVENT_TYPE');
    if (predicate.dataset === "CurrentUser" && predicate.operand.kind === "currentItem") throw this.error(at, "CurrentUser conditions compare with values, not CurrentItem");
  }

  private fieldName(): string {
    const token = this.next();
    if (token.kind !== "word") throw this.error(token, "expected a field name such as GENRES");
    if (token.text !== token.text.toUpperCase()) throw this.error(token, `field names are upper case as in the dataset schema (${token.text.toUpperCase()})`);
    return token.text;
  }

  private acceptCurrentItem(): boolean {
    const token = this.peek();
    if (token.kind !== "word" || token.text.toLowerCase() !== "currentitem") return false;
    this.next();
    this.expectSymbol(".");
    return true;
  }

  private peek(): Token {
    return this.tokens[this.position]!;
  }
  private next(): Token {
    const token = this.tokens[this.position]!;
    if (token.kind !== "end") this.position++;
    return token;
  }
  private acceptWord(word: string): boolean {
    const token = this.peek();
    if (token.kind === "word" && token.text.toUpperCase() === word.toUpperCase()) {
      this.position++;
      return true;
    }
    return false;
  }
  private expectWord(word: string): void {
    const token = this.peek();
    if (!this.acceptWord(word)) throw this.error(token, `expected ${word}`);
  }
  acceptSymbol(symbol: string): boolean {
    const token = this.peek();
    if (token.kind === "symbol" && token.text === symbol) {
      this.position++;
      return true;
    }
    return false;
  }
  private expectSymbol(symbol: string): void {
    const token = this.peek();
    if (!this.acceptSymbol(symbol)) throw this.error(token, `expected "${symbol}"`);
  }
  expectEnd(): void {
    const token = this.peek();
    if (token.kind !== "end") throw this.error(token, 'expected "|" or the end of the expression');
  }
  private error(token: Token, message: string) {
    return invalidInput(`Invalid filter expression at column ${token.column}: ${message}, found ${describeToken(token)}.`);
  }
}
