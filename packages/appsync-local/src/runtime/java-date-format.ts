// Java `DateTimeFormatter.ofPattern` patterns ("yyyy-MM-dd HH:mm:ssZ", "yyyy-MM-dd'T'HH:mm:ss[XXXXX]"),
// which is what AppSync's `util.time` takes, for formatting and parsing, in English.
// Week-based fields (Y, w, W, e, c, F) and padding (p) are not implemented and say so.
import { notSupportedOffline } from "./errors.ts";
import { localToEpochMillis, offsetSecondsAt, pad, parseOffset, resolveZone, utcMillis, zoneName, type Zone } from "./time-zones.ts";

type Token =
  | { kind: "field"; letter: string; count: number }
  | { kind: "literal"; text: string }
  | { kind: "optional"; tokens: Token[] };

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
const UNSUPPORTED_LETTERS = new Set(["Y", "w", "W", "e", "c", "F", "p", "B", "g"]);

export function tokenizePattern(pattern: string): Token[] {
  const root: Token[] = [];
  const stack: Token[][] = [root];
  const current = () => stack[stack.length - 1]!;
  let index = 0;
  while (index < pattern.length) {
    const char = pattern[index]!;
    if (/[A-Za-z]/.test(char)) {
      let count = 1;
      while (pattern[index + count] === char) count += 1;
      if (UNSUPPORTED_LETTERS.has(char)) throw notSupportedOffline(`util.time pattern letter '${char}'`);
      current().push({ kind: "field", letter: char, count });
      index += count;
    } else if (char === "'") {
      const closing = findClosingQuote(pattern, index + 1);
      const quoted = pattern.slice(index + 1, closing);
      current().push({ kind: "literal", text: quoted === "" ? "'" : quoted.replaceAll("''", "'") });
      index = closing + 1;
    } else if (char === "[") {
      const optional: Token = { kind: "optional", tokens: [] };
      current().push(optional);
      stack.push(optional.tokens);
      index += 1;
    } else if (char === "]") {
      if (stack.length === 1) throw new RangeError(`Pattern "${pattern}" closes an optional section it never opened`);
      stack.pop();
      index += 1;
    } else if (char === "{" || char === "}" || char === "#") {
      throw new RangeError(`Pattern "${pattern}" uses the reserved character '${char}'`);
    } else {
      current().push({ kind: "literal", text: char });
      index += 1;
    }
  }
  return root;
}

function findClosingQuote(pattern: string, from: number): number {
  let index = from;
  while (index < pattern.length) {
    if (pattern[index] === "'") {
      if (pattern[index + 1] === "'" && index !== from) {
        index += 2;
        continue;
      }
      return index;
    }
    index += 1;
  }
  throw new RangeError(`Pattern "${pattern}" has an unclosed quote`);
}

// ---- formatting -------------------------------------------------------------------------------

type ZonedTime = {
  year: number;
  month: number;
  day: number;
  dayOfYear: number;
  /** 1 = Monday ... 7 = Sunday */
  dayOfWeek: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  offsetSeconds: number;
  zone: Zone;
  epochMillis: number;
};

function zonedTime(epochMillis: number, zone: Zone): ZonedTime {
  const offsetSeconds = offsetSecondsAt(zone, epochMillis);
  const local = new Date(epochMillis + offsetSeconds * 1000);
  const year = local.getUTCFullYear();
  return {
    year,
    month: local.getUTCMonth() + 1,
    day: local.getUTCDate(),
    dayOfYear: Math.round((utcMillis(year, local.getUTCMonth() + 1, local.getUTCDate()) - utcMillis(year, 1, 1)) / 86_400_000) + 1,
    dayOfWeek: ((local.getUTCDay() + 6) % 7) + 1,
    hour: local.getUTCHours(),
    minute: local.getUTCMinutes(),
    second: local.getUTCSeconds(),
    millisecond: local.getUTCMilliseconds(),
    offsetSeconds,
    zone,
    epochMillis,
  };
}

function number(value: number, count: number, maxCount: number, letter: string): string {
  if (count > maxCount) throw new RangeError(`Too many pattern letters: ${letter.repeat(count)}`);
  const digits = pad(Math.abs(value), count);
  return value < 0 ? `-${digits}` : digits;
}

function year(value: number, count: number): string {
  if (count === 2) return pad(((value % 100) + 100) % 100, 2);
  const digits = pad(Math.abs(value), count);
  // Java prints a sign once a padded year outgrows its width (yyyy for 10000 -> "+10000")
  if (value < 0) return `-${digits}`;
  return count >= 4 && digits.length > count ? `+${digits}` : digits;
}

function text(names: string[], index: number, count: number): string {
  const name = names[index]!;
  if (count <= 3) return name.slice(0, 3);
  if (count === 4) return name;
  if (count === 5) return name.slice(0, 1);
  throw new RangeError(`Too many pattern letters for a text field: ${count}`);
}

/** `+HHmm`, `+HHMM`, `+HH:MM`, `+HHMMss`, `+HH:MM:ss` for counts 1-5 (lower-case parts only when non-zero). */
function isoOffset(offsetSeconds: number, count: number, zeroText: string): string {
  if (count > 5) throw new RangeError(`Too many offset pattern letters: ${count}`);
  const total = Math.abs(offsetSeconds);
  const [hours, minutes, seconds] = [Math.floor(total / 3600), Math.floor((total % 3600) / 60), total % 60];
  if (total === 0) return zeroText;
  const sign = offsetSeconds < 0 ? "-" : "+";
  const separator = count === 3 || count === 5 ? ":" : "";
  let result = `${sign}${pad(hours, 2)}`;
  if (count === 1) return minutes === 0 ? result : `${result}${pad(minutes, 2)}`;
  result += `${separator}${pad(minutes, 2)}`;
  if (count >= 4 && seconds !== 0) result += `${separator}${pad(seconds, 2)}`;
  return result;
}

/** Java's localized offset: "GMT", "GMT+8", "GMT+05:30" (full form: count 4). */
function localizedOffset(offsetSeconds: number, full: boolean): string {
  if (offsetSeconds === 0) return "GMT";
  const total = Math.abs(offsetSeconds);
  const [hours, minutes, seconds] = [Math.floor(total / 3600), Math.floor((total % 3600) / 60), total % 60];
  const sign = offsetSeconds < 0 ? "-" : "+";
  let result = `GMT${sign}${full ? pad(hours, 2) : hours}`;
  if (full || minutes !== 0 || seconds !== 0) result += `:${pad(minutes, 2)}`;
  if (seconds !== 0) result += `:${pad(seconds, 2)}`;
  return result;
}

function formatField(letter: string, count: number, time: ZonedTime): string {
  const nanos = time.millisecond * 1_000_000;
  switch (letter) {
    case "G":
      return count === 4 ? (time.year > 0 ? "Anno Domini" : "Before Christ") : count === 5 ? (time.year > 0 ? "A" : "B") : time.year > 0 ? "AD" : "BC";
    case "u":
      return year(time.year, count);
    case "y":
      return year(time.year > 0 ? time.year : 1 - time.year, count);
    case "Q":
    case "q": {
      const quarter = Math.ceil(time.month / 3);
      if (count <= 2) return pad(quarter, count);
      return count === 3 ? `Q${quarter}` : `${["1st", "2nd", "3rd", "4th"][quarter - 1]} quarter`;
    }
    case "M":
    case "L":
      return count <= 2 ? pad(time.month, count) : text(MONTHS, time.month - 1, count);
    case "d":
      return number(time.day, count, 2, letter);
    case "D":
      return number(time.dayOfYear, count, 3, letter);
    case "E":
      return text(WEEKDAYS, time.dayOfWeek - 1, count);
    case "a":
      return time.hour < 12 ? "AM" : "PM";
    case "H":
      return number(time.hour, count, 2, letter);
    case "k":
      return number(time.hour === 0 ? 24 : time.hour, count, 2, letter);
    case "K":
      return number(time.hour % 12, count, 2, letter);
    case "h":
      return number(time.hour % 12 === 0 ? 12 : time.hour % 12, count, 2, letter);
    case "m":
      return number(time.minute, count, 2, letter);
    case "s":
      return number(time.second, count, 2, letter);
    case "S":
      return pad(nanos, 9).slice(0, count).padEnd(count, "0");
    case "n":
      return pad(nanos, count);
    case "A":
      return pad(((time.hour * 60 + time.minute) * 60 + time.second) * 1000 + time.millisecond, count);
    case "N":
      return pad((((time.hour * 60 + time.minute) * 60 + time.second) * 1000 + time.millisecond) * 1_000_000, count);
    case "V":
      if (count !== 2) throw new RangeError("Pattern letter count must be 2: V");
      return time.zone.id;
    case "z":
      return zoneName(time.zone, time.epochMillis, count === 4 ? "long" : "short");
    case "O":
      return localizedOffset(time.offsetSeconds, count === 4);
    case "X":
      return isoOffset(time.offsetSeconds, count, "Z");
    case "x":
      return isoOffset(time.offsetSeconds, count, ["+00", "+0000", "+00:00", "+0000", "+00:00"][count - 1] ?? "+00");
    case "Z":
      if (count <= 3) return isoOffset(time.offsetSeconds, 2, "+0000");
      return count === 4 ? localizedOffset(time.offsetSeconds, true) : isoOffset(time.offsetSeconds, 5, "Z");
    default:
      throw new RangeError(`Unknown pattern letter: ${letter}`);
  }
}

function formatTokens(tokens: Token[], time: ZonedTime): string {
  return tokens
    .map((token) =>
      token.kind === "literal" ? token.text : token.kind === "optional" ? formatTokens(token.tokens, time) : formatField(token.letter, token.count, time),
    )
    .join("");
}

export function formatEpochMillis(epochMillis: number, pattern: string, zoneId = "UTC"): string {
  return formatTokens(tokenizePattern(pattern), zonedTime(epochMillis, resolveZone(zoneId)));
}

// ---- parsing ----------------------------------------------------------------------------------

const OFFSET_TEXT = "Z|[+-]\\d{2}(?::?\\d{2}(?::?\\d{2})?)?";
const LOCALIZED_OFFSET_TEXT = "GMT(?:[+-]\\d{1,2}(?::\\d{2}(?::\\d{2})?)?)?";

function alternatives(names: string[], count: number): string {
  const forms = names.map((name) => (count === 4 ? name : name.slice(0, 3)));
  return `(${forms.join("|")})`;
}

function fieldRegex(letter: string, count: number): string {
  switch (letter) {
    case "u":
    case "y":
      if (count === 2) return "(\\d{2})";
      return count >= 4 ? `([+-]\\d{${count + 1},10}|\\d{${count}})` : `([+-]?\\d{${count},10})`;
    case "M":
    case "L":
      if (count >= 5) throw notSupportedOffline("Parsing narrow month names (MMMMM)");
      return count <= 2 ? (count === 1 ? "(\\d{1,2})" : "(\\d{2})") : alternatives(MONTHS, count);
    case "d":
    case "H":
    case "k":
    case "K":
    case "h":
    case "m":
    case "s":
      return count === 1 ? "(\\d{1,2})" : "(\\d{2})";
    case "D":
      return count === 1 ? "(\\d{1,3})" : count === 2 ? "(\\d{2,3})" : "(\\d{3})";
    case "S":
      return `(\\d{${count}})`;
    case "n":
    case "A":
    case "N":
      return "(\\d+)";
    case "E":
      return count >= 5 ? "([A-Z])" : alternatives(WEEKDAYS, count);
    case "a":
      return "(AM|PM|am|pm)";
    case "G":
      return "(AD|BC|Anno Domini|Before Christ|A|B)";
    case "X":
    case "x":
      return `(${OFFSET_TEXT}|[+-]\\d{2})`;
    case "Z":
      return count === 4 ? `(${LOCALIZED_OFFSET_TEXT})` : `(${OFFSET_TEXT})`;
    case "O":
      return `(${LOCALIZED_OFFSET_TEXT})`;
    case "V":
    case "z":
      return "([A-Za-z][A-Za-z0-9_+\\-/]*|[+-]\\d{2}(?::?\\d{2})?)";
    default:
      throw notSupportedOffline(`Parsing pattern letter '${letter}'`);
  }
}

function escapeRegex(literal: string): string {
  return literal.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function compile(tokens: Token[], captures: { letter: string; count: number }[]): string {
  return tokens
    .map((token) => {
      if (token.kind === "literal") return escapeRegex(token.text);
      if (token.kind === "optional") return `(?:${compile(token.tokens, captures)})?`;
      captures.push({ letter: token.letter, count: token.count });
      return fieldRegex(token.letter, token.count);
    })
    .join("");
}

function offsetFromText(text: string): number {
  if (text === "Z" || text === "GMT") return 0;
  const offset = parseOffset(text.startsWith("GMT") ? text.slice(3) : text);
  if (offset === undefined) throw new RangeError(`Invalid offset "${text}"`);
  return offset;
}

/** Parses `text` with a Java pattern to epoch millis; without an offset in the text, `zoneId` applies. */
export function parseToEpochMillis(text: string, pattern: string, zoneId = "UTC"): number {
  const captures: { letter: string; count: number }[] = [];
  const match = new RegExp(`^${compile(tokenizePattern(pattern), captures)}$`).exec(text);
  if (!match) throw new RangeError(`Text '${text}' could not be parsed with pattern '${pattern}'`);

  const fields = new Map<string, string>();
  let offsetSeconds: number | undefined;
  let zone: Zone = resolveZone(zoneId);
  captures.forEach(({ letter, count }, index) => {
    const value = match[index + 1];
    if (value === undefined) return;
    if ("XxZO".includes(letter)) offsetSeconds = offsetFromText(value);
    else if (letter === "V" || letter === "z") zone = resolveZone(value);
    else fields.set(count >= 3 && "ML".includes(letter) ? "MMM" : letter, value);
  });

  const numberOf = (letter: string) => (fields.has(letter) ? Number(fields.get(letter)) : undefined);
  let parsedYear = numberOf("u") ?? numberOf("y") ?? 1970;
  // "yy" / "uu" read 2000-2099, as Java's reduced two-digit year does
  if (captures.some(({ letter, count }) => (letter === "y" || letter === "u") && count === 2)) parsedYear += 2000;
  if (fields.has("y") && fields.get("G")?.startsWith("B")) parsedYear = 1 - parsedYear;

  const monthName = fields.get("MMM");
  let month = monthName ? MONTHS.findIndex((name) => name.startsWith(monthName)) + 1 : numberOf("M") ?? numberOf("L") ?? 1;
  let day = numberOf("d") ?? 1;
  const dayOfYear = numberOf("D");
  if (dayOfYear !== undefined && !fields.has("d")) {
    const date = new Date(utcMillis(parsedYear, 1, 1) + (dayOfYear - 1) * 86_400_000);
    [month, day] = [date.getUTCMonth() + 1, date.getUTCDate()];
  }

  const pm = fields.get("a")?.toUpperCase() === "PM";
  const hour =
    numberOf("H") ??
    (fields.has("k") ? numberOf("k")! % 24 : undefined) ??
    (fields.has("h") ? (numberOf("h")! % 12) + (pm ? 12 : 0) : undefined) ??
    (fields.has("K") ? numberOf("K")! + (pm ? 12 : 0) : undefined) ??
    0;
  const minute = numberOf("m") ?? 0;
  const second = numberOf("s") ?? 0;
  const fraction = fields.get("S");
  const millisecond = fraction ? Number(fraction.padEnd(3, "0").slice(0, 3)) : Math.floor((numberOf("n") ?? 0) / 1_000_000);

  const daysInMonth = new Date(utcMillis(parsedYear, month + 1, 1) - 86_400_000).getUTCDate();
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth || hour > 23 || minute > 59 || second > 59) {
    throw new RangeError(`Text '${text}' could not be parsed: a field is out of range`);
  }
  const local = utcMillis(parsedYear, month, day, hour, minute, second, millisecond);
  return offsetSeconds !== undefined ? local - offsetSeconds * 1000 : localToEpochMillis(zone, local);
}
