// `util.time`: epoch conversions and Java-pattern formatting, UTC unless a zone is given.
import type { Util } from "@aws-appsync/utils";
import { formatEpochMillis, parseToEpochMillis } from "./java-date-format.ts";
import { localToEpochMillis, parseOffset, resolveZone, UTC, utcMillis } from "./time-zones.ts";

// date, optional time (seconds and fraction optional), optional offset, optional [Region/Zone]
const ISO_8601 =
  /^([+-]?\d{4,9})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?(Z|[+-]\d{2}(?::?\d{2}(?::?\d{2})?)?)?(?:\[([^\]]+)\])?$/;

export function parseISO8601(timestamp: string): number {
  const match = ISO_8601.exec(String(timestamp));
  if (!match) throw new RangeError(`Text '${timestamp}' could not be parsed as an ISO 8601 timestamp`);
  const [, year, month, day, hour = "0", minute = "0", second = "0", fraction = "0", offset, region] = match;
  const local = utcMillis(Number(year), Number(month), Number(day), Number(hour), Number(minute), Number(second), Number(fraction.padEnd(3, "0").slice(0, 3)));
  if (offset !== undefined) return local - (offset === "Z" ? 0 : parseOffset(offset)!) * 1000;
  // no offset: the bracketed zone if any, else UTC
  return localToEpochMillis(region ? resolveZone(region) : UTC, local);
}

export const time: Util["time"] = {
  nowISO8601: () => new Date().toISOString(),
  nowEpochSeconds: () => Math.floor(Date.now() / 1000),
  nowEpochMilliSeconds: () => Date.now(),
  nowFormatted: (format: string, timezone?: string) => formatEpochMillis(Date.now(), format, timezone),
  parseFormattedToEpochMilliSeconds: (timestamp: string, format: string, timezone?: string) => parseToEpochMillis(timestamp, format, timezone),
  parseISO8601ToEpochMilliSeconds: (timestamp) => parseISO8601(timestamp),
  // Java's long division truncates toward zero
  epochMilliSecondsToSeconds: (milliseconds) => Math.trunc(milliseconds / 1000),
  epochMilliSecondsToISO8601: (milliseconds) => new Date(milliseconds).toISOString(),
  epochMilliSecondsToFormatted: (milliseconds: number, format: string, timezone?: string) => formatEpochMillis(milliseconds, format, timezone),
};
