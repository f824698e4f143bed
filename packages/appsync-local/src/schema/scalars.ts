// AppSync's AWS scalars for graphql-js. Each one checks its input (variables and literals) and its output
// (what a resolver returned); a bad output throws a GraphQLError so the field becomes null with an error.
// Messages follow what AppSync (graphql-java underneath) was seen to say:
//   input:  "Unable to parse `1110004444` as a valid phone number."
//   output: "Unable to serialize `2020-05-23T06:4:37.000Z` as a valid DateTime Object."
// Only those two nouns were observed; the others are chosen to read the same way.
import { GraphQLError, GraphQLScalarType, Kind, print, type ValueNode } from "graphql";
import type { AwsScalarName } from "@marquee/appsync-contract/prelude";

/** Carried in `extensions.awsScalar` of every error these scalars throw. */
export type AwsScalarErrorInfo = {
  scalar: AwsScalarName;
  phase: "parse" | "serialize";
  /** The offending value as the message shows it. */
  text: string;
};

const nouns: Record<AwsScalarName, string> = {
  AWSDate: "Date Object",
  AWSTime: "Time Object",
  AWSDateTime: "DateTime Object",
  AWSTimestamp: "Timestamp",
  AWSEmail: "email address",
  AWSJSON: "JSON",
  AWSURL: "URL",
  AWSPhone: "phone number",
  AWSIPAddress: "IP address",
};

function scalarError(scalar: AwsScalarName, phase: AwsScalarErrorInfo["phase"], text: string, node?: ValueNode) {
  const verb = phase === "parse" ? "parse" : "serialize";
  const info: AwsScalarErrorInfo = { scalar, phase, text };
  return new GraphQLError(`Unable to ${verb} \`${text}\` as a valid ${nouns[scalar]}.`, {
    nodes: node,
    extensions: { awsScalar: info },
  });
}

/** The AWS scalar error behind a graphql-js error (itself or its original error), if any. */
export function readAwsScalarError(error: GraphQLError): AwsScalarErrorInfo | undefined {
  let current: Error | undefined = error;
  while (current) {
    const info = (current as { extensions?: Record<string, unknown> }).extensions?.awsScalar;
    if (info) return info as AwsScalarErrorInfo;
    current = (current as { originalError?: Error | null }).originalError ?? undefined;
  }
  return undefined;
}

function display(value: unknown): string {
  if (typeof value === "string") return value;
  if (typeof value === "bigint" || typeof value === "number" || typeof value === "boolean") return String(value);
  if (value === undefined) return "undefined";
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

function literalText(node: ValueNode): string {
  return node.kind === Kind.STRING ? node.value : print(node);
}

// ---------- text formats ----------

const offset = String.raw`(Z|[+-]\d{2}:\d{2}(?::\d{2})?)`;
// java.time's fraction parser takes a bare "." after the seconds (the AppSync docs' own example mutation
// sends time: "12:00:34."), so zero to nine fraction digits are accepted after the dot.
const dateTimePattern = new RegExp(String.raw`^(-?\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{0,9})?)?${offset}$`);
const datePattern = new RegExp(String.raw`^(-?\d{4})-(\d{2})-(\d{2})${offset}?$`);
const timePattern = new RegExp(String.raw`^(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{0,9})?)?${offset}?$`);

function isLeapYear(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

function isValidDate(year: string, month: string, day: string): boolean {
  const y = Number(year);
  const m = Number(month);
  const d = Number(day);
  if (m < 1 || m > 12 || d < 1) return false;
  const days = [31, isLeapYear(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!;
  return d <= days;
}

function isValidTime(hours: string, minutes: string, seconds: string | undefined): boolean {
  return Number(hours) <= 23 && Number(minutes) <= 59 && (seconds === undefined || Number(seconds) <= 59);
}

/** Z, or +hh:mm[:ss] no further than 18 hours from UTC (java.time's ZoneOffset range). */
function isValidOffset(text: string | undefined): boolean {
  if (text === undefined || text === "Z") return true;
  const [h, m, s = "0"] = text.slice(1).split(":");
  const hours = Number(h);
  const minutes = Number(m);
  const seconds = Number(s);
  if (minutes > 59 || seconds > 59) return false;
  return hours * 3600 + minutes * 60 + seconds <= 18 * 3600;
}

export function isAwsDateTime(text: string): boolean {
  const match = dateTimePattern.exec(text);
  if (!match) return false;
  const [, year, month, day, hours, minutes, seconds, zone] = match;
  return isValidDate(year!, month!, day!) && isValidTime(hours!, minutes!, seconds) && isValidOffset(zone);
}

export function isAwsDate(text: string): boolean {
  const match = datePattern.exec(text);
  if (!match) return false;
  const [, year, month, day, zone] = match;
  return isValidDate(year!, month!, day!) && isValidOffset(zone);
}

export function isAwsTime(text: string): boolean {
  const match = timePattern.exec(text);
  if (!match) return false;
  const [, hours, minutes, seconds, zone] = match;
  return isValidTime(hours!, minutes!, seconds) && isValidOffset(zone);
}

// RFC 822 addr-spec: a dot-atom or quoted local part, then a dot-atom domain or a [domain literal].
const atom = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+";
const dotAtom = `${atom}(?:\\.${atom})*`;
const emailPattern = new RegExp(`^(?:${dotAtom}|"(?:[^"\\\\\\r\\n]|\\\\.)*")@(?:${dotAtom}|\\[[^\\[\\]\\\\\\r\\n]*\\])$`);

export function isAwsEmail(text: string): boolean {
  return emailPattern.test(text);
}

/** A scheme is compulsory; any scheme is accepted; the path may not contain "//". */
export function isAwsUrl(text: string): boolean {
  if (/[\s\u0000-\u001f\u007f]/.test(text)) return false;
  const match = /^[A-Za-z][A-Za-z0-9+.-]*:(.+)$/.exec(text);
  if (!match) return false;
  const rest = match[1]!;
  if (!rest.startsWith("//")) return true; // opaque forms: mailto:, urn:, tel:
  const afterSlashes = rest.slice(2);
  const authorityEnd = afterSlashes.search(/[/?#]/);
  const authority = authorityEnd === -1 ? afterSlashes : afterSlashes.slice(0, authorityEnd);
  if (authority.length === 0) return false;
  const pathAndMore = authorityEnd === -1 ? "" : afterSlashes.slice(authorityEnd);
  const path = pathAndMore.split(/[?#]/, 1)[0]!;
  return !path.includes("//");
}

function isIPv4(text: string): boolean {
  const parts = text.split(".");
  return parts.length === 4 && parts.every((part) => /^(?:0|[1-9]\d{0,2})$/.test(part) && Number(part) <= 255);
}

function isIPv6(text: string): boolean {
  let address = text;
  let groupsForTail = 0;
  // An embedded IPv4 tail (::ffff:10.0.0.1) stands for two groups.
  const lastColon = address.lastIndexOf(":");
  if (address.slice(lastColon + 1).includes(".")) {
    if (!isIPv4(address.slice(lastColon + 1))) return false;
    address = address.slice(0, lastColon + 1) + "0";
    groupsForTail = 1;
  }
  const halves = address.split("::");
  if (halves.length > 2) return false;
  const group = /^[0-9A-Fa-f]{1,4}$/;
  const groupsOf = (half: string) => (half === "" ? [] : half.split(":"));
  const head = groupsOf(halves[0]!);
  const tail = halves.length === 2 ? groupsOf(halves[1]!) : [];
  if (![...head, ...tail].every((g) => group.test(g))) return false;
  const count = head.length + tail.length + groupsForTail;
  return halves.length === 2 ? count <= 7 : count === 8;
}

/** IPv4 dotted quad or IPv6 (no brackets, no zone), each with an optional /prefix. */
export function isAwsIpAddress(text: string): boolean {
  const [address, prefix, extra] = text.split("/");
  if (extra !== undefined || address === undefined) return false;
  const v4 = isIPv4(address);
  if (!v4 && !isIPv6(address)) return false;
  if (prefix === undefined) return true;
  return /^(?:0|[1-9]\d{0,2})$/.test(prefix) && Number(prefix) <= (v4 ? 32 : 128);
}

/**
 * E.164-ish with separators (spaces, hyphens, dots, parentheses). Without "+", the number is read as
 * North American: ten digits whose area code starts with 2-9, optionally after the trunk prefix 1
 * (AppSync rejected "1110004444"). With "+1" the same NANP rule applies; other country codes take
 * 7 to 15 digits in all.
 */
export function isAwsPhone(text: string): boolean {
  if (!/^\+?[0-9][0-9 ().-]*$/.test(text)) return false;
  const digits = text.replace(/\D/g, "");
  const isNanp = (national: string) => /^[2-9]\d{9}$/.test(national);
  if (text.startsWith("+")) {
    if (digits.startsWith("1")) return isNanp(digits.slice(1));
    return digits.length >= 7 && digits.length <= 15 && !digits.startsWith("0");
  }
  if (digits.length === 11 && digits.startsWith("1")) return isNanp(digits.slice(1));
  return isNanp(digits);
}

// ---------- scalar implementations ----------

function textScalar(name: AwsScalarName, isValid: (text: string) => boolean): GraphQLScalarType<string, string> {
  return new GraphQLScalarType<string, string>({
    name,
    serialize(output) {
      if (typeof output === "string" && isValid(output)) return output;
      throw scalarError(name, "serialize", display(output));
    },
    parseValue(input) {
      if (typeof input === "string" && isValid(input)) return input;
      throw scalarError(name, "parse", display(input));
    },
    parseLiteral(node) {
      if (node.kind === Kind.STRING && isValid(node.value)) return node.value;
      throw scalarError(name, "parse", literalText(node), node);
    },
  });
}

/** Documented AWSTimestamp range, in seconds. */
export const awsTimestampRange = { min: -31557014167219200n, max: 31556889864403199n } as const;

function timestampFromBigInt(value: bigint): number | undefined {
  return value >= awsTimestampRange.min && value <= awsTimestampRange.max ? Number(value) : undefined;
}

// A JS number near the bounds cannot say which side it is on (the maximum itself reads back as
// 31556889864403200), so numbers are compared as numbers; bigints and digit strings compare exactly.
function timestampFromNumber(value: number): number | undefined {
  if (!Number.isInteger(value)) return undefined;
  return value >= Number(awsTimestampRange.min) && value <= Number(awsTimestampRange.max) ? value : undefined;
}

/**
 * Input: an integer (a JSON number, or a bigint when the HTTP layer kept the digits; past 2^53 a JSON
 * number has already lost them). Output: like graphql-java's Long, also an integral numeric string.
 */
const AWSTimestamp = new GraphQLScalarType<number, number>({
  name: "AWSTimestamp",
  serialize(output) {
    let seconds: number | undefined;
    if (typeof output === "number") seconds = timestampFromNumber(output);
    else if (typeof output === "bigint") seconds = timestampFromBigInt(output);
    else if (typeof output === "string" && /^-?\d+(?:\.0*)?$/.test(output.trim())) {
      seconds = timestampFromBigInt(BigInt(output.trim().split(".")[0]!));
    }
    if (seconds === undefined) throw scalarError("AWSTimestamp", "serialize", display(output));
    return seconds;
  },
  parseValue(input) {
    let seconds: number | undefined;
    if (typeof input === "number") seconds = timestampFromNumber(input);
    else if (typeof input === "bigint") seconds = timestampFromBigInt(input);
    if (seconds === undefined) throw scalarError("AWSTimestamp", "parse", display(input));
    return seconds;
  },
  parseLiteral(node) {
    const seconds = node.kind === Kind.INT ? timestampFromBigInt(BigInt(node.value)) : undefined;
    if (seconds === undefined) throw scalarError("AWSTimestamp", "parse", literalText(node), node);
    return seconds;
  },
});

function parseJsonText(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

/**
 * Arrives as a string holding JSON, reaches the resolver parsed, leaves as a JSON string again. A
 * resolver may return a value (serialised here) or a string that already holds JSON (sent as is); any
 * other string is a JSON string value, so echoing a parsed "\"text\"" argument round-trips. Values JSON
 * cannot hold (undefined, functions, bigints, cycles) are refused.
 */
const AWSJSON = new GraphQLScalarType<unknown, string>({
  name: "AWSJSON",
  serialize(output) {
    if (typeof output === "string" && parseJsonText(output).ok) return output;
    let text: string | undefined;
    try {
      text = JSON.stringify(output);
    } catch {
      text = undefined;
    }
    if (text === undefined) throw scalarError("AWSJSON", "serialize", display(output));
    return text;
  },
  parseValue(input) {
    const parsed = typeof input === "string" ? parseJsonText(input) : { ok: false as const };
    if (!parsed.ok) throw scalarError("AWSJSON", "parse", display(input));
    return parsed.value;
  },
  parseLiteral(node) {
    const parsed = node.kind === Kind.STRING ? parseJsonText(node.value) : { ok: false as const };
    if (!parsed.ok) throw scalarError("AWSJSON", "parse", literalText(node), node);
    return parsed.value;
  },
});

/** The implementations, by scalar name. `buildAppSyncSchema` attaches them to the prelude's scalars. */
export const awsScalars: Record<AwsScalarName, GraphQLScalarType> = {
  AWSDate: textScalar("AWSDate", isAwsDate),
  AWSTime: textScalar("AWSTime", isAwsTime),
  AWSDateTime: textScalar("AWSDateTime", isAwsDateTime),
  AWSTimestamp: AWSTimestamp as GraphQLScalarType,
  AWSEmail: textScalar("AWSEmail", isAwsEmail),
  AWSJSON: AWSJSON as GraphQLScalarType,
  AWSURL: textScalar("AWSURL", isAwsUrl),
  AWSPhone: textScalar("AWSPhone", isAwsPhone),
  AWSIPAddress: textScalar("AWSIPAddress", isAwsIpAddress),
};
