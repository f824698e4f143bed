// Bulk data in Personalize's dataset schemas, as CSV files a dataset import job reads:
//   interactions: USER_ID, ITEM_ID, TIMESTAMP (Unix seconds), EVENT_TYPE, EVENT_VALUE
//   items:        ITEM_ID plus metadata fields; a multi-valued categorical field joins its values with "|".
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { formatCsvRow, parseCsv } from "./csv.ts";

export type Interaction = { userId: string; itemId: string; timestamp: number; eventType?: string; eventValue?: number };

/** A metadata value: a string or number, or several categorical values. */
export type MetadataValue = string | number | readonly string[];
export type ItemRecord = { itemId: string; fields: Record<string, MetadataValue> };

export class DatasetImportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DatasetImportError";
  }
}

export const interactionFields = ["USER_ID", "ITEM_ID", "TIMESTAMP", "EVENT_TYPE", "EVENT_VALUE"] as const;
const maxIdLength = 256;
/** Seconds since the epoch stay below this until the year 5138; milliseconds are far above it. */
const maxTimestampSeconds = 1e11;

/** Writes interactions as a dataset import job reads them. Returns the number of rows. */
export async function exportInteractionsCsv(path: string, interactions: Iterable<Interaction>): Promise<number> {
  const lines = [interactionFields.join(",")];
  for (const interaction of interactions) {
    lines.push(
      formatCsvRow([interaction.userId, interaction.itemId, Math.trunc(interaction.timestamp), interaction.eventType ?? "", interaction.eventValue ?? ""]),
    );
  }
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, `${lines.join("\n")}\n`);
  return lines.length - 1;
}

export async function importInteractionsCsv(path: string): Promise<Interaction[]> {
  return parseInteractionsCsv(await readFile(path, "utf8"), path);
}

/** Validates every row the way an import job would: a bad row fails the whole import, naming its line. */
export function parseInteractionsCsv(text: string, source: string): Interaction[] {
  const [header, ...rows] = parseCsv(text, source);
  if (!header) throw new DatasetImportError(`${source}: empty file, expected a header row (${interactionFields.join(",")}).`);
  const column = columnsOf(header.fields, source);
  for (const required of ["USER_ID", "ITEM_ID", "TIMESTAMP"]) {
    if (!column.has(required)) throw new DatasetImportError(`${source}: the header has no ${required} column (found ${header.fields.join(",")}).`);
  }
  const at = (fields: string[], name: string) => {
    const index = column.get(name);
    return index === undefined ? "" : (fields[index] ?? "").trim();
  };
  return rows.map(({ line, fields }) => {
    const fail = (message: string) => new DatasetImportError(`${source}, line ${line}: ${message}`);
    if (fields.length !== header.fields.length) throw fail(`${fields.length} fields, the header has ${header.fields.length}.`);
    const userId = at(fields, "USER_ID");
    const itemId = at(fields, "ITEM_ID");
    for (const [name, value] of [["USER_ID", userId], ["ITEM_ID", itemId]] as const) {
      if (value === "") throw fail(`${name} is empty.`);
      if (value.length > maxIdLength) throw fail(`${name} is longer than ${maxIdLength} characters.`);
    }
    const timestampText = at(fields, "TIMESTAMP");
    const timestamp = Number(timestampText);
    if (!/^\d+$/.test(timestampText) || !Number.isSafeInteger(timestamp)) throw fail(`TIMESTAMP "${timestampText}" is not Unix time in whole seconds.`);
    if (timestamp > maxTimestampSeconds) throw fail(`TIMESTAMP ${timestampText} looks like milliseconds; Personalize takes seconds.`);
    const interaction: Interaction = { userId, itemId, timestamp };
    const eventType = at(fields, "EVENT_TYPE");
    if (eventType !== "") interaction.eventType = eventType;
    const valueText = at(fields, "EVENT_VALUE");
    if (valueText !== "") {
      const eventValue = Number(valueText);
      if (!Number.isFinite(eventValue)) throw fail(`EVENT_VALUE "${valueText}" is not a number.`);
      interaction.eventValue = eventValue;
    }
    return interaction;
  });
}

/** Writes the items dataset: ITEM_ID then every field any item has, in first-seen order. */
export async function exportItemsCsv(path: string, items: Iterable<ItemRecord>): Promise<number> {
  const records = [...items];
  const fieldNames = [...new Set(records.flatMap((record) => Object.keys(record.fields).map((name) => name.toUpperCase())))];
  const lines = [formatCsvRow(["ITEM_ID", ...fieldNames])];
  for (const record of records) {
    const byName = new Map(Object.entries(record.fields).map(([name, value]) => [name.toUpperCase(), value]));
    lines.push(formatCsvRow([record.itemId, ...fieldNames.map((name) => formatMetadata(byName.get(name)))]));
  }
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, `${lines.join("\n")}\n`);
  return records.length;
}

export async function importItemsCsv(path: string): Promise<ItemRecord[]> {
  return parseItemsCsv(await readFile(path, "utf8"), path);
}

/** Items with their fields as text, multi-valued fields split on "|" (empty fields left out). */
export function parseItemsCsv(text: string, source: string): ItemRecord[] {
  const [header, ...rows] = parseCsv(text, source);
  if (!header) throw new DatasetImportError(`${source}: empty file, expected a header row starting with ITEM_ID.`);
  const column = columnsOf(header.fields, source);
  const itemColumn = column.get("ITEM_ID");
  if (itemColumn === undefined) throw new DatasetImportError(`${source}: the header has no ITEM_ID column (found ${header.fields.join(",")}).`);
  const names = header.fields.map((name) => name.trim().toUpperCase());
  return rows.map(({ line, fields }) => {
    if (fields.length !== names.length) throw new DatasetImportError(`${source}, line ${line}: ${fields.length} fields, the header has ${names.length}.`);
    const itemId = fields[itemColumn]!.trim();
    if (itemId === "") throw new DatasetImportError(`${source}, line ${line}: ITEM_ID is empty.`);
    const record: ItemRecord = { itemId, fields: {} };
    names.forEach((name, index) => {
      const value = fields[index]!.trim();
      if (index === itemColumn || value === "") return;
      record.fields[name] = value.includes("|") ? value.split("|") : value;
    });
    return record;
  });
}

function columnsOf(header: string[], source: string): Map<string, number> {
  const columns = new Map<string, number>();
  header.forEach((name, index) => {
    const key = name.trim().toUpperCase();
    if (columns.has(key)) throw new DatasetImportError(`${source}: the header names ${key} twice.`);
    columns.set(key, index);
  });
  return columns;
}

function formatMetadata(value: MetadataValue | undefined): string {
  if (value === undefined) return "";
  return typeof value === "object" ? value.join("|") : String(value);
}
