// Time zones as Java's `ZoneId.of` reads them ("Z", "+08:00", "-07:00:30", "UTC", "GMT+8",
// "Australia/Perth"), with region offsets taken from the ICU data Node's Intl carries.

export type Zone =
  | { kind: "offset"; id: string; offsetSeconds: number }
  | { kind: "region"; id: string };

export const UTC: Zone = { kind: "region", id: "UTC" };

const MAX_OFFSET_SECONDS = 18 * 3600;
const OFFSET_PATTERN = /^([+-])(\d{1,2})(?::?(\d{2}))?(?::?(\d{2}))?$/;
const FIXED_PREFIXES = ["UTC", "GMT", "UT"];

/** "+hh:mm" / "+hh:mm:ss" / "Z", the way Java's ZoneOffset names itself. */
export function offsetId(offsetSeconds: number): string {
  if (offsetSeconds === 0) return "Z";
  const sign = offsetSeconds < 0 ? "-" : "+";
  const total = Math.abs(offsetSeconds);
  const [hours, minutes, seconds] = [Math.floor(total / 3600), Math.floor((total % 3600) / 60), total % 60];
  const base = `${sign}${pad(hours, 2)}:${pad(minutes, 2)}`;
  return seconds === 0 ? base : `${base}:${pad(seconds, 2)}`;
}

export function pad(value: number, width: number): string {
  return String(value).padStart(width, "0");
}

/** Offset text such as "+8", "+0800", "-07:00:30" in seconds, or undefined when it is not one. */
export function parseOffset(text: string): number | undefined {
  const match = OFFSET_PATTERN.exec(text);
  if (!match) return undefined;
  const [, sign, hours, minutes = "0", seconds = "0"] = match;
  const total = Number(hours) * 3600 + Number(minutes) * 60 + Number(seconds);
  if (Number(minutes) > 59 || Number(seconds) > 59 || total > MAX_OFFSET_SECONDS) return undefined;
  return sign === "-" ? -total : total;
}

const knownRegions = new Map<string, boolean>();

function isRegion(id: string): boolean {
  let known = knownRegions.get(id);
  if (known === undefined) {
    try {
      new Intl.DateTimeFormat("en-US", { timeZone: id });
      known = true;
    } catch {
      known = false;
    }
    knownRegions.set(id, known);
  }
  return known;
}

export function resolveZone(id: string): Zone {
  if (id === "Z") return { kind: "offset", id: "Z", offsetSeconds: 0 };
  const offset = parseOffset(id);
  if (offset !== undefined) return { kind: "offset", id: offsetId(offset), offsetSeconds: offset };
  for (const prefix of FIXED_PREFIXES) {
    if (id === prefix) return { kind: "region", id };
    const prefixedOffset = id.startsWith(prefix) ? parseOffset(id.slice(prefix.length)) : undefined;
    if (prefixedOffset !== undefined) {
      return { kind: "offset", id: `${prefix}${offsetId(prefixedOffset).replace("Z", "")}`, offsetSeconds: prefixedOffset };
    }
  }
  if (/^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(id) && isRegion(id)) return { kind: "region", id };
  throw new RangeError(`Unknown time zone "${id}" (use an offset such as "+08:00" or a region such as "Australia/Perth")`);
}

const partsFormatters = new Map<string, Intl.DateTimeFormat>();

function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = partsFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      era: "short",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    partsFormatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Milliseconds for a UTC wall-clock time; unlike Date.UTC, years 0-99 are taken literally. */
export function utcMillis(year: number, month: number, day: number, hour = 0, minute = 0, second = 0, millisecond = 0): number {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, millisecond);
  return date.getTime();
}

export function offsetSecondsAt(zone: Zone, epochMillis: number): number {
  if (zone.kind === "offset") return zone.offsetSeconds;
  if (zone.id === "UTC" || zone.id === "GMT" || zone.id === "UT") return 0;
  const wholeSecond = Math.floor(epochMillis / 1000) * 1000;
  const parts = Object.fromEntries(
    partsFormatter(zone.id)
      .formatToParts(new Date(wholeSecond))
      .map((part) => [part.type, part.value]),
  );
  const year = parts.era === "BC" ? 1 - Number(parts.year) : Number(parts.year);
  const wallClock = utcMillis(year, Number(parts.month), Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
  return Math.round((wallClock - wholeSecond) / 1000);
}

/** The instant at which `zone`'s clocks read `localMillis` (a wall-clock time written as UTC millis). */
export function localToEpochMillis(zone: Zone, localMillis: number): number {
  const firstGuess = localMillis - offsetSecondsAt(zone, localMillis) * 1000;
  return localMillis - offsetSecondsAt(zone, firstGuess) * 1000;
}

/** Java's `z` / `zzzz`: offset zones print their id, regions their (English) name. */
export function zoneName(zone: Zone, epochMillis: number, style: "short" | "long"): string {
  if (zone.kind === "offset") return zone.id;
  if (zone.id === "UTC" || zone.id === "GMT" || zone.id === "UT") return style === "short" ? zone.id : "Coordinated Universal Time";
  const parts = new Intl.DateTimeFormat("en-US", { timeZone: zone.id, timeZoneName: style }).formatToParts(new Date(epochMillis));
  return parts.find((part) => part.type === "timeZoneName")?.value ?? zone.id;
}
