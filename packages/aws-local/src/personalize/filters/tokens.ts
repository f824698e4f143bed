// Tokens of Personalize's filter expression language, e.g.
//   EXCLUDE ItemID WHERE Interactions.EVENT_TYPE IN ("finished") | INCLUDE ItemID WHERE Items.MATURITY IN ($MATURITY)
import { invalidInput } from "../errors.ts";

export type Token =
  | { kind: "word"; text: string; column: number }
  | { kind: "string"; value: string; column: number }
  | { kind: "number"; value: number; text: string; column: number }
  | { kind: "parameter"; name: string; column: number }
  | { kind: "symbol"; text: "(" | ")" | "," | "." | "|" | "=" | "<" | "<=" | ">" | ">="; column: number }
  | { kind: "end"; column: number };

export function describeToken(token: Token): string {
  switch (token.kind) {
    case "word":
      return `"${token.text}"`;
    case "string":
      return `the string "${token.value}"`;
    case "number":
      return `the number ${token.text}`;
    case "parameter":
      return `the parameter $${token.name}`;
    case "symbol":
      return `"${token.text}"`;
    case "end":
      return "the end of the expression";
  }
}

const isWordStart = (char: string) => /[A-Za-z_]/.test(char);
const isWordPart = (char: string) => /[A-Za-z0-9_]/.test(char);
const isDigit = (char: string) => char >= "0" && char <= "9";

/** Columns are 1-based, for error messages. */
export function tokenize(expression: string): Token[] {
  const tokens: Token[] = [];
  const fail = (column: number, message: string) => invalidInput(`Invalid filter expression at column ${column}: ${message}`);
  let index = 0;
  while (index < expression.length) {
    const char = expression[index]!;
    const column = index + 1;
    if (/\s/.test(char)) {
      index++;
      continue;
    }
    if (isWordStart(char)) {
      let end = index + 1;
      while (end < expression.length && isWordPart(expression[end]!)) end++;
      tokens.push({ kind: "word", text: expression.slice(index, end), column });
      index = end;
      continue;
    }
    if (char === "$") {
      let end = index + 1;
      while (end < expression.length && isWordPart(expression[end]!)) end++;
      if (end === index + 1) throw fail(column, 'a "$" must start a parameter name such as $GENRE.');
      tokens.push({ kind: "parameter", name: expression.slice(index + 1, end), column });
      index = end;
      continue;
    }
    if (char === '"') {
      let value = "";
      let end = index + 1;
      for (;;) {
        if (end >= expression.length) throw fail(column, "a string is never closed with a double quote.");
        const next = expression[end]!;
        if (next === "\\" && end + 1 < expression.length) {
          value += expression[end + 1];
          end += 2;
          continue;
        }
        if (next === '"') break;
        value += next;
        end++;
      }
      tokens.push({ kind: "string", value, column });
      index = end + 1;
      continue;
    }
    if (isDigit(char) || (char === "-" && isDigit(expression[index + 1] ?? ""))) {
      const match = /^-?\d+(\.\d+)?/.exec(expression.slice(index))!;
      tokens.push({ kind: "number", value: Number(match[0]), text: match[0], column });
      index += match[0].length;
      continue;
    }
    const two = expression.slice(index, index + 2);
    if (two === "<=" || two === ">=") {
      tokens.push({ kind: "symbol", text: two, column });
      index += 2;
      continue;
    }
    if (char === "(" || char === ")" || char === "," || char === "." || char === "|" || char === "=" || char === "<" || char === ">") {
      tokens.push({ kind: "symbol", text: char, column });
      index++;
      continue;
    }
    if (char === "'") throw fail(column, "strings take double quotes, not single quotes.");
    throw fail(column, `unexpected character "${char}".`);
  }
  tokens.push({ kind: "end", column: expression.length + 1 });
  return tokens;
}
