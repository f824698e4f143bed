// filterValues as GetRecommendations passes them: parameter name (without "$", case-sensitive) -> one string
// holding comma-separated values, each in double quotes: { MATURITY: "\"ALL\",\"SEVEN_PLUS\"" }.
import { invalidInput } from "../errors.ts";

/** The runtime API's limits on the filterValues map. */
export const filterValuesLimits = { entries: 25, keyLength: 50, valueLength: 1000 } as const;

export function validateFilterValuesMap(filterValues: Readonly<Record<string, string>>): void {
  const keys = Object.keys(filterValues);
  if (keys.length > filterValuesLimits.entries) throw invalidInput(`filterValues has ${keys.length} entries; at most ${filterValuesLimits.entries} are allowed.`);
  for (const key of keys) {
    if (!/^[A-Za-z0-9_]+$/.test(key) || key.length > filterValuesLimits.keyLength) {
      throw invalidInput(`filterValues key "${key}" must be a parameter name of at most ${filterValuesLimits.keyLength} letters, digits or underscores, without "$".`);
    }
    if (filterValues[key]!.length > filterValuesLimits.valueLength) throw invalidInput(`filterValues.${key} is longer than ${filterValuesLimits.valueLength} characters.`);
  }
}

/**
 * The values of one parameter. Each is a double-quoted string ("\"" inside escaped as \"); a bare number is
 * accepted too, for numeric comparisons.
 */
export function parseFilterValue(name: string, text: string): string[] {
  const fail = (detail: string) =>
    invalidInput(`filterValues.${name} is malformed: ${detail}. Expected comma-separated double-quoted values, e.g. "\\"ALL\\",\\"SEVEN_PLUS\\"".`);
  const values: string[] = [];
  let index = 0;
  const skipSpace = () => {
    while (index < text.length && /\s/.test(text[index]!)) index++;
  };
  for (;;) {
    skipSpace();
    if (index >= text.length) throw fail(values.length === 0 ? "it has no value" : "it ends with a comma");
    if (text[index] === '"') {
      let value = "";
      index++;
      for (;;) {
        if (index >= text.length) throw fail("a quote is never closed");
        const char = text[index]!;
        if (char === "\\" && index + 1 < text.length) {
          value += text[index + 1];
          index += 2;
          continue;
        }
        index++;
        if (char === '"') break;
        value += char;
      }
      values.push(value);
    } else {
      const number = /^-?\d+(\.\d+)?/.exec(text.slice(index));
      if (!number) throw fail(`unquoted text at character ${index + 1}`);
      values.push(number[0]);
      index += number[0].length;
    }
    skipSpace();
    if (index >= text.length) return values;
    if (text[index] !== ",") throw fail(`expected a comma at character ${index + 1}`);
    index++;
  }
}
