// String encodings of `util`, each matching the Java routine AppSync documents it after.

/**
 * Like Apache Commons' `escapeEcmaScript`: quotes, backslash and slash get a backslash, the
 * usual control characters their short escapes, anything else outside printable ASCII `\uXXXX`.
 */
export function escapeJavaScript(value: string): string {
  const short: Record<string, string> = { "'": "\\'", '"': '\\"', "\\": "\\\\", "/": "\\/", "\b": "\\b", "\n": "\\n", "\t": "\\t", "\f": "\\f", "\r": "\\r" };
  let escaped = "";
  for (let index = 0; index < value.length; index += 1) {
    const char = value[index]!;
    const code = value.charCodeAt(index);
    if (short[char] !== undefined) escaped += short[char];
    else if (code < 32 || code > 0x7f) escaped += `\\u${code.toString(16).toUpperCase().padStart(4, "0")}`;
    else escaped += char;
  }
  return escaped;
}

/** Java's `URLEncoder.encode(value, UTF-8)`: letters, digits and `.-*_` kept, space as `+`. */
export function urlEncode(value: string): string {
  return encodeURIComponent(value)
    .replace(/[!'()~]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%20/g, "+");
}

/** Java's `URLDecoder.decode(value, UTF-8)`. */
export function urlDecode(value: string): string {
  return decodeURIComponent(value.replace(/\+/g, " "));
}

export function base64Encode(value: string): string {
  return Buffer.from(value, "utf8").toString("base64");
}

export function base64Decode(value: string): string {
  return Buffer.from(value, "base64").toString("utf8");
}

/** Java's `Pattern.matches`: the whole value must match. */
export function matches(pattern: string, value: string): boolean {
  return new RegExp(`^(?:${pattern})$`).test(value);
}
