// Text normalisation for search: case- and accent-insensitive words. Written without regular
// expressions or classes because APPSYNC_JS resolvers run it too (they pass `util.str.normalize`):
// no regular expressions, `continue` or classes.

export type Decompose = (text: string) => string;

const decomposeWithJs: Decompose = (text) => text.normalize("NFKD");

// Removed before decomposition: NFKD turns the acute accent ´ into a space and a combining mark.
const apostrophes = "'’‘`´ʼ";

// Letters NFKD keeps whole (they are not a base letter plus a mark), folded as people type them.
const foldedLetters = "ßæœøłđðþıħŧ";
const foldedInto = ["ss", "ae", "oe", "o", "l", "d", "d", "th", "i", "h", "t"];

function isCombiningMark(code: number): boolean {
  return (code >= 0x300 && code <= 0x36f) || (code >= 0x1ab0 && code <= 0x1aff) || (code >= 0x1dc0 && code <= 0x1dff) || (code >= 0x20d0 && code <= 0x20ff);
}

/**
 * Punctuation and symbols outside ASCII separate words like ASCII punctuation does: Latin-1's
 * (¡ « · » ¿ ×), general punctuation (‐ – — “ ” • … ⁄), arrows, maths, shapes, dingbats, CJK
 * punctuation and small forms. What NFKD maps to letters or digits (ª ² ½ ① ™) never gets here.
 */
function isSymbolOrPunctuation(code: number): boolean {
  return (
    (code >= 0xa0 && code <= 0xbf) ||
    code === 0xd7 ||
    code === 0xf7 ||
    (code >= 0x2000 && code <= 0x2bff) ||
    (code >= 0x3000 && code <= 0x303f) ||
    (code >= 0xfe10 && code <= 0xfe6f)
  );
}

function isWordCharacter(code: number): boolean {
  if (code >= 97 && code <= 122) return true; // a-z
  if (code >= 48 && code <= 57) return true; // 0-9
  if (code < 128) return false;
  return !isSymbolOrPunctuation(code);
}

function withoutApostrophes(text: string): string {
  let out = "";
  for (const char of text) if (apostrophes.indexOf(char) < 0) out += char;
  return out;
}

/** "Amélie (Le Fabuleux...)" -> "amelie le fabuleux"; "d'Amélie" -> "damelie"; "Straße" -> "strasse". */
export function normalizeText(text: string, decompose: Decompose = decomposeWithJs): string {
  const lower = decompose(withoutApostrophes(text)).toLowerCase();
  let out = "";
  let pendingSpace = false;
  for (const char of lower) {
    const code = char.charCodeAt(0);
    if (isCombiningMark(code)) {
      // accents vanish: "é" was decomposed into "e" and a combining mark
    } else if (isWordCharacter(code)) {
      if (pendingSpace && out.length > 0) out += " ";
      pendingSpace = false;
      const folded = foldedLetters.indexOf(char);
      out += folded >= 0 ? foldedInto[folded] : char;
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
