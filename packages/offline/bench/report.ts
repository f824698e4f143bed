// Measures, their targets, the printed table and .marquee/bench.json.
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";

/** One line of bench.json. `ratio` is value / baseline. */
export type Measure = { name: string; value: number; unit: string; baseline?: number; ratio?: number };

/** A goal for one measure: `met` decides PASS or MISS; a miss is reported, not fatal. */
export type Target = { text: string; met: (measure: Measure) => boolean };

export type Row = { measure: Measure; target?: Target };

export function measure(name: string, value: number, unit: string, baseline?: number): Measure {
  return baseline === undefined ? { name, value, unit } : { name, value, unit, baseline, ratio: value / baseline };
}

export const targets = {
  ratioAtLeast: (minimum: number): Target => ({ text: `ratio >= ${minimum}`, met: (m) => (m.ratio ?? Number.NaN) >= minimum }),
  ratioAtMost: (maximum: number): Target => ({ text: `ratio <= ${maximum}`, met: (m) => (m.ratio ?? Number.NaN) <= maximum }),
  /** value - baseline, in the measure's unit. */
  differenceAtMost: (maximum: number, unit: string): Target => ({
    text: `+${maximum} ${unit} at most`,
    met: (m) => m.value - (m.baseline ?? Number.NaN) <= maximum,
  }),
  below: (maximum: number, unit: string): Target => ({ text: `< ${maximum} ${unit}`, met: (m) => m.value < maximum }),
  atMost: (maximum: number, unit: string): Target => ({ text: `<= ${maximum} ${unit}`, met: (m) => m.value <= maximum }),
  exactly: (expected: number): Target => ({ text: `= ${expected}`, met: (m) => m.value === expected }),
};

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export function printTable(rows: Row[], write: (line: string) => void = console.log): void {
  const header = ["measure", "value", "baseline", "ratio", "target", "result"];
  const cells = rows.map(({ measure: m, target }) => [
    m.name,
    `${format(m.value)} ${m.unit}`,
    m.baseline === undefined ? "" : `${format(m.baseline)} ${m.unit}`,
    m.ratio === undefined ? "" : m.ratio.toFixed(2),
    target?.text ?? "",
    target ? (target.met(m) ? "PASS" : "MISS") : "",
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...cells.map((row) => row[column]!.length)));
  const line = (row: string[]) => row.map((cell, column) => (column === 0 || column === 4 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join("  ");
  write(line(header));
  write(widths.map((width) => "-".repeat(width)).join("  "));
  for (const row of cells) write(line(row));
  const withTargets = rows.filter((row) => row.target);
  const missed = withTargets.filter((row) => !row.target!.met(row.measure));
  write(`\n${withTargets.length - missed.length} of ${withTargets.length} targets met${missed.length ? `; missed: ${missed.map((row) => row.measure.name).join("; ")}` : ""}`);
}

export function writeBenchJson(file: string, rows: Row[]): void {
  mkdirSync(dirname(file), { recursive: true });
  const measures = rows.map(({ measure: m }) => ({
    name: m.name,
    value: round(m.value),
    unit: m.unit,
    ...(m.baseline === undefined ? {} : { baseline: round(m.baseline) }),
    ...(m.ratio === undefined ? {} : { ratio: round(m.ratio) }),
  }));
  writeFileSync(file, `${JSON.stringify(measures, null, 2)}\n`);
}

/** Three significant digits, at most three decimals: what a benchmark's noise allows. */
function round(value: number): number {
  if (!Number.isFinite(value) || value === 0) return value;
  const digits = Math.min(3, Math.max(0, 2 - Math.floor(Math.log10(Math.abs(value)))));
  return Number(value.toFixed(digits));
}

function format(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  return round(value).toLocaleString("en-US", { maximumFractionDigits: 3 });
}
