// Text normalisation for search: case- and accent-insensitive words. Written without regular
// expressions or classes because APPSYNC_JS resolvers run it too (they pass `util.str.normalize`):
// no regular expressions, `continue` or classes.

export type Decompose = (text: string) => string;

const decomposeWithJs: Decompose = (text) => text.normalize("NFKD");

const apostrophes = "'’`´";
const nonLetterSeparators = "–—“”«»¿¡…·";

function isCombiningMark(code: number): boolean {
  return (code >= 0x300 && code <= 0x36f) || (code >= 0x1ab0 && code <= 0x1aff) || (code >= 0x1dc0 && code <= 0x1dff) || (code >= 0x20d0 && code <= 0x20ff);
}

function isWordCharacter(char: string, code: number): boolean {
  if (code >= 97 && code <= 122) return true; // a-z
  if (code >= 48 && code <= 57) return true; // 0-9
  if (code < 128) return false;
  return nonLetterSeparators.indexOf(char) < 0;
}

/** "Amélie (Le Fabuleux...)" -> "amelie le fabuleux". */
export function normalizeText(text: string, decompose: Decompose = decomposeWithJs): string {
  const lower = decompose(text).toLowerCase();
  let out = "";
  let pendingSpace = false;
  for (const char of lower) {
    const code = char.charCodeAt(0);
    const dropped = isCombiningMark(code) || apostrophes.indexOf(char) >= 0;
    if (dropped) {
      // accents and apostrophes vanish: "d'Amélie" -> "damelie"
    } else if (isWordCharacter(char, code)) {
      if (pendingSpace && out.length > 0) out += " ";
      pendingSpace = false;
      out += char;
    } else {
      pendingSpace = true;
    }
  }
  return out;
}

/** The distinct words of a text, in order. */
export function searchWords(text: string, decompose: Decompose = decomposeWithJs): string[] {
  const words: string[] = [];
  for (const word of normalizeText(text, decompose).split(" ")) {
    if (word.length > 0 && words.indexOf(word) < 0) words.push(word);
  }
  return words;
}
