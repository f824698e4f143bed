// A reader for R's serialization format (what `serialize()`, `saveRDS()` and lazy-load databases
// write), binary XDR flavour "X\n", versions 2 and 3. It covers what data frames, factors and
// lazy-load indexes use; other node types fail with their SEXPTYPE named so a gap is obvious.
// Format reference: R's src/main/serialize.c (ReadItem, InStringVec, UnpackFlags).

/** R's attributes, in the order R stores them. */
export type RAttributes = ReadonlyMap<string, RValue>;

type WithAttributes = { attributes: RAttributes };

/** A decoded R object. Missing values: `NA_INTEGER` in integer/logical data, NaN (R's NA bit pattern) in doubles, `null` in strings. */
export type RValue =
  | { type: "null" }
  | ({ type: "logical"; data: Int32Array } & WithAttributes)
  | ({ type: "integer"; data: Int32Array } & WithAttributes)
  | ({ type: "double"; data: Float64Array } & WithAttributes)
  | ({ type: "complex"; data: Float64Array } & WithAttributes)
  | ({ type: "character"; data: Array<string | null> } & WithAttributes)
  | ({ type: "raw"; data: Uint8Array } & WithAttributes)
  | ({ type: "list"; data: RValue[] } & WithAttributes)
  | ({ type: "expression"; data: RValue[] } & WithAttributes)
  | { type: "symbol"; name: string }
  | ({ type: "pairlist" | "language"; items: RPairlistItem[] } & WithAttributes)
  | ({ type: "environment"; kind: REnvironmentKind; frame: RValue[]; enclosure: RValue | null } & WithAttributes)
  | { type: "persistent"; key: string[] }
  | ({ type: "s4" } & WithAttributes);

export type RPairlistItem = { tag: string | null; value: RValue };
export type REnvironmentKind = "global" | "base" | "empty" | "base-namespace" | "namespace" | "package" | "user";

/** R's NA for integers and logicals. */
export const NA_INTEGER = -2147483648;

export class RDeserializeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RDeserializeError";
  }
}

// SEXPTYPE codes (Rinternals.h) and the pseudo-types serialize.c writes in their place.
const NILSXP = 0;
const SYMSXP = 1;
const LISTSXP = 2;
const CLOSXP = 3;
const ENVSXP = 4;
const PROMSXP = 5;
const LANGSXP = 6;
const CHARSXP = 9;
const LGLSXP = 10;
const INTSXP = 13;
const REALSXP = 14;
const CPLXSXP = 15;
const STRSXP = 16;
const DOTSXP = 17;
const VECSXP = 19;
const EXPRSXP = 20;
const RAWSXP = 24;
const S4SXP = 25;
const ALTREP_SXP = 238;
const ATTRLISTSXP = 239;
const ATTRLANGSXP = 240;
const BASEENV_SXP = 241;
const EMPTYENV_SXP = 242;
const GLOBALENV_SXP = 253;
const NILVALUE_SXP = 254;
const REFSXP = 255;
const UNBOUNDVALUE_SXP = 252;
const MISSINGARG_SXP = 251;
const BASENAMESPACE_SXP = 250;
const NAMESPACESXP = 249;
const PACKAGESXP = 248;
const PERSISTSXP = 247;

const SEXPTYPE_NAMES: Record<number, string> = {
  3: "CLOSXP", 5: "PROMSXP", 7: "SPECIALSXP", 8: "BUILTINSXP", 17: "DOTSXP", 18: "ANYSXP", 21: "BCODESXP",
  22: "EXTPTRSXP", 23: "WEAKREFSXP", 243: "BCREPREF", 244: "BCREPDEF", 245: "GENERICREFSXP", 246: "CLASSREFSXP",
};

// Flag bits packed next to the type (serialize.c PackFlags).
const IS_OBJECT_BIT = 1 << 8;
const HAS_ATTR_BIT = 1 << 9;
const HAS_TAG_BIT = 1 << 10;
// CHARSXP encoding bits, stored in the "levels" part of the flags.
const BYTES_MASK = 1 << 1;
const LATIN1_MASK = 1 << 2;
const UTF8_MASK = 1 << 3;
const ASCII_MASK = 1 << 6;

const NO_ATTRIBUTES: RAttributes = new Map();
const R_NULL: RValue = { type: "null" };

/** Header fields of a serialization stream. */
export type RSerializationHeader = { version: 2 | 3; writerVersion: string; nativeEncoding: string | null };

/** Decodes one serialized R object (the whole buffer). */
export function unserialize(bytes: Uint8Array): RValue {
  return new XdrReader(bytes).readStream().value;
}

/** Decodes one serialized R object and also returns its header. */
export function unserializeWithHeader(bytes: Uint8Array): { header: RSerializationHeader; value: RValue } {
  return new XdrReader(bytes).readStream();
}

class XdrReader {
  private position = 0;
  private readonly view: DataView;
  private readonly buffer: Buffer;
  // Reference objects (symbols, environments, persistent names) in the order they were first read: REFSXP points here (1-based).
  private readonly references: RValue[] = [];
  private nativeEncoding: BufferEncoding = "utf8";

  constructor(bytes: Uint8Array) {
    this.buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  readStream(): { header: RSerializationHeader; value: RValue } {
    const format = this.buffer.toString("latin1", 0, Math.min(2, this.buffer.length));
    if (format !== "X\n") {
      const what = format === "A\n" ? "ASCII" : format === "B\n" ? "native binary" : "unknown";
      throw new RDeserializeError(`only XDR serialization ("X\\n") is supported; this stream is ${what} (starts ${JSON.stringify(format)})`);
    }
    this.position = 2;
    const version = this.readInt();
    if (version !== 2 && version !== 3) throw new RDeserializeError(`unsupported serialization version ${version} (expected 2 or 3)`);
    const writerVersion = formatRVersion(this.readInt());
    this.readInt(); // oldest R version that can read this
    let nativeEncoding: string | null = null;
    if (version === 3) {
      const length = this.readInt();
      nativeEncoding = this.readBytes(length).toString("latin1");
      this.nativeEncoding = /^(latin-?1|iso[-_]?8859-1)$/i.test(nativeEncoding) ? "latin1" : "utf8";
    }
    const value = this.readItem();
    return { header: { version, writerVersion, nativeEncoding }, value };
  }

  private readInt(): number {
    if (this.position + 4 > this.view.byteLength) this.truncated();
    const value = this.view.getInt32(this.position, false);
    this.position += 4;
    return value;
  }

  private readBytes(length: number): Buffer {
    if (this.position + length > this.buffer.length) this.truncated();
    const slice = this.buffer.subarray(this.position, this.position + length);
    this.position += length;
    return slice;
  }

  private truncated(): never {
    throw new RDeserializeError(`stream ends early at byte ${this.position} of ${this.buffer.length}`);
  }

  private readLength(): number {
    const length = this.readInt();
    if (length >= 0) return length;
    if (length !== -1) throw new RDeserializeError(`negative vector length ${length} at byte ${this.position - 4}`);
    // Long vectors: -1 then the upper and lower 32 bits.
    const upper = this.readInt();
    const lower = this.readInt() >>> 0;
    return upper * 2 ** 32 + lower;
  }

  private readItem(): RValue {
    const flags = this.readInt();
    const type = flags & 0xff;
    const levels = flags >>> 12;
    const hasAttributes = (flags & HAS_ATTR_BIT) !== 0;
    const hasTag = (flags & HAS_TAG_BIT) !== 0;

    switch (type) {
      case NILVALUE_SXP:
      case NILSXP:
        return R_NULL;
      case EMPTYENV_SXP:
        return environment("empty");
      case BASEENV_SXP:
        return environment("base");
      case GLOBALENV_SXP:
        return environment("global");
      case BASENAMESPACE_SXP:
        return environment("base-namespace");
      case UNBOUNDVALUE_SXP:
      case MISSINGARG_SXP:
        // Markers for unbound/missing arguments; only closures and environments contain them.
        return { type: "symbol", name: "" };
      case REFSXP: {
        const index = (flags >>> 8) || this.readInt();
        const value = this.references[index - 1];
        if (value === undefined) throw new RDeserializeError(`reference ${index} points past the ${this.references.length} objects read so far`);
        return value;
      }
      case PERSISTSXP: {
        const value: RValue = { type: "persistent", key: this.readStringVector() };
        this.references.push(value);
        return value;
      }
      case PACKAGESXP:
      case NAMESPACESXP: {
        const value = environment(type === PACKAGESXP ? "package" : "namespace", this.readStringVector());
        this.references.push(value);
        return value;
      }
      case SYMSXP: {
        const printName = this.readItem();
        const name = printName.type === "character" ? (printName.data[0] ?? "NA") : "";
        const value: RValue = { type: "symbol", name };
        this.references.push(value);
        return value;
      }
      case ENVSXP:
        return this.readEnvironment();
      case LISTSXP:
      case LANGSXP:
      case ATTRLISTSXP:
      case ATTRLANGSXP:
        return this.readPairlist(type, hasAttributes, hasTag);
      case CLOSXP:
      case PROMSXP:
      case DOTSXP:
        throw new RDeserializeError(`unsupported SEXP type ${type} (${SEXPTYPE_NAMES[type]}): functions and promises are not data`);
      case ALTREP_SXP:
        return this.readAltrep();
      case CHARSXP:
        return this.readCharsxpAsVector(levels, hasAttributes);
      case S4SXP:
        return { type: "s4", attributes: hasAttributes ? this.readAttributes() : NO_ATTRIBUTES };
      default:
        return this.readVector(type, levels, hasAttributes);
    }
  }

  private readVector(type: number, levels: number, hasAttributes: boolean): RValue {
    let value: VectorValue;
    switch (type) {
      case LGLSXP:
      case INTSXP: {
        const data = this.readInt32Array(this.readLength());
        value = { type: type === LGLSXP ? "logical" : "integer", data, attributes: NO_ATTRIBUTES };
        break;
      }
      case REALSXP:
        value = { type: "double", data: this.readFloat64Array(this.readLength()), attributes: NO_ATTRIBUTES };
        break;
      case CPLXSXP:
        value = { type: "complex", data: this.readFloat64Array(this.readLength() * 2), attributes: NO_ATTRIBUTES };
        break;
      case STRSXP: {
        const length = this.readLength();
        const data = new Array<string | null>(length);
        for (let i = 0; i < length; i++) data[i] = this.readCharsxp();
        value = { type: "character", data, attributes: NO_ATTRIBUTES };
        break;
      }
      case VECSXP:
      case EXPRSXP: {
        const length = this.readLength();
        const data = new Array<RValue>(length);
        for (let i = 0; i < length; i++) data[i] = this.readItem();
        value = { type: type === VECSXP ? "list" : "expression", data, attributes: NO_ATTRIBUTES };
        break;
      }
      case RAWSXP: {
        const length = this.readLength();
        value = { type: "raw", data: Uint8Array.from(this.readBytes(length)), attributes: NO_ATTRIBUTES };
        break;
      }
      default: {
        const name = SEXPTYPE_NAMES[type] ?? "unknown";
        throw new RDeserializeError(`unsupported SEXP type ${type} (${name}) at byte ${this.position - 4}, levels ${levels}`);
      }
    }
    return hasAttributes ? { ...value, attributes: this.readAttributes() } : value;
  }

  private readInt32Array(length: number): Int32Array {
    const byteLength = length * 4;
    if (this.position + byteLength > this.view.byteLength) this.truncated();
    const data = new Int32Array(length);
    const view = this.view;
    let offset = this.position;
    for (let i = 0; i < length; i++, offset += 4) data[i] = view.getInt32(offset, false);
    this.position = offset;
    return data;
  }

  private readFloat64Array(length: number): Float64Array {
    const byteLength = length * 8;
    if (this.position + byteLength > this.view.byteLength) this.truncated();
    const data = new Float64Array(length);
    const view = this.view;
    let offset = this.position;
    for (let i = 0; i < length; i++, offset += 8) data[i] = view.getFloat64(offset, false);
    this.position = offset;
    return data;
  }

  /** One element of a character vector: its own flags word, then a CHARSXP. */
  private readCharsxp(): string | null {
    const flags = this.readInt();
    const type = flags & 0xff;
    if (type !== CHARSXP) {
      // R writes only CHARSXPs here; anything else means we lost our place in the stream.
      throw new RDeserializeError(`expected a CHARSXP inside a character vector at byte ${this.position - 4}, found type ${type}`);
    }
    const text = this.readCharsxpBody(flags >>> 12);
    // Old writers could attach attributes to CHARSXPs; R reads and drops them.
    if (flags & HAS_ATTR_BIT) this.readItem();
    return text;
  }

  private readCharsxpAsVector(levels: number, hasAttributes: boolean): RValue {
    const text = this.readCharsxpBody(levels);
    if (hasAttributes) this.readItem();
    return { type: "character", data: [text], attributes: NO_ATTRIBUTES };
  }

  private readCharsxpBody(levels: number): string | null {
    const length = this.readInt();
    if (length === -1) return null; // NA_STRING
    const bytes = this.readBytes(length);
    // ASCII and latin1 decode byte for byte; "bytes" strings are kept byte for byte too.
    if (levels & (ASCII_MASK | LATIN1_MASK | BYTES_MASK)) return bytes.toString("latin1");
    if (levels & UTF8_MASK) return bytes.toString("utf8");
    return bytes.toString(this.nativeEncoding);
  }

  /** PERSISTSXP / PACKAGESXP / NAMESPACESXP payload: a 0, a count, then CHARSXP items. */
  private readStringVector(): string[] {
    if (this.readInt() !== 0) throw new RDeserializeError("names of a persistent/package object are malformed");
    const length = this.readInt();
    const strings: string[] = [];
    for (let i = 0; i < length; i++) strings.push(this.readCharsxp() ?? "NA");
    return strings;
  }

  private readPairlist(type: number, hasAttributes: boolean, hasTag: boolean): RValue {
    // Pairlists are written one cell at a time: [attributes] [tag] car cdr, with the cdr a further cell.
    // Walk the cdr chain iteratively so long lists cannot overflow the stack.
    const kind = type === LANGSXP || type === ATTRLANGSXP ? "language" : "pairlist";
    const items: RPairlistItem[] = [];
    let attributes: RAttributes = NO_ATTRIBUTES;
    let cellHasAttributes = hasAttributes;
    let cellHasTag = hasTag;
    for (let first = true; ; first = false) {
      const cellAttributes = cellHasAttributes ? this.readAttributes() : NO_ATTRIBUTES;
      if (first) attributes = cellAttributes;
      const tag = cellHasTag ? symbolName(this.readItem()) : null;
      items.push({ tag, value: this.readItem() });
      const flags = this.readInt();
      const nextType = flags & 0xff;
      if (nextType === NILVALUE_SXP || nextType === NILSXP) break;
      if (nextType !== LISTSXP && nextType !== LANGSXP && nextType !== ATTRLISTSXP && nextType !== ATTRLANGSXP) {
        // A dotted pair whose cdr is not a list: rare, keep the cdr as an untagged final item.
        this.position -= 4;
        items.push({ tag: null, value: this.readItem() });
        break;
      }
      cellHasAttributes = (flags & HAS_ATTR_BIT) !== 0;
      cellHasTag = (flags & HAS_TAG_BIT) !== 0;
    }
    return { type: kind, items, attributes };
  }

  private readAttributes(): RAttributes {
    const list = this.readItem();
    if (list.type === "null") return NO_ATTRIBUTES;
    if (list.type !== "pairlist") throw new RDeserializeError(`attributes must be a pairlist, found ${list.type}`);
    const attributes = new Map<string, RValue>();
    for (const item of list.items) attributes.set(item.tag ?? "", item.value);
    return attributes;
  }

  private readEnvironment(): RValue {
    const locked = this.readInt();
    void locked;
    // Registered before its contents: an environment may contain itself.
    const env: { type: "environment"; kind: REnvironmentKind; frame: RValue[]; enclosure: RValue | null; attributes: RAttributes } = {
      type: "environment",
      kind: "user",
      frame: [],
      enclosure: null,
      attributes: NO_ATTRIBUTES,
    };
    this.references.push(env);
    env.enclosure = this.readItem();
    const frame = this.readItem();
    const hashtab = this.readItem();
    env.frame = [frame, hashtab].filter((part) => part.type !== "null");
    const attributes = this.readItem();
    if (attributes.type === "pairlist") env.attributes = new Map(attributes.items.map((item) => [item.tag ?? "", item.value]));
    return env;
  }

  /** ALTREP objects are written as (class info, state, attributes); expand the classes base R writes. */
  private readAltrep(): RValue {
    const info = this.readItem();
    const state = this.readItem();
    const attributes = this.readItem();
    const className = info.type === "pairlist" ? symbolName(info.items[0]?.value ?? R_NULL) : null;
    const expanded = expandAltrep(className ?? "?", state);
    if (attributes.type === "pairlist") {
      const merged = new Map(expanded.attributes);
      for (const item of attributes.items) merged.set(item.tag ?? "", item.value);
      return { ...expanded, attributes: merged };
    }
    return expanded;
  }
}

type VectorValue = Extract<RValue, { data: unknown }>;

function expandAltrep(className: string, state: RValue): VectorValue {
  switch (className) {
    case "compact_intseq": {
      // state: double c(length, first, step)
      const [length, first, step] = numbersOf(state, className);
      const data = new Int32Array(length);
      for (let i = 0; i < length; i++) data[i] = first + i * step;
      return { type: "integer", data, attributes: NO_ATTRIBUTES };
    }
    case "compact_realseq": {
      const [length, first, step] = numbersOf(state, className);
      const data = new Float64Array(length);
      for (let i = 0; i < length; i++) data[i] = first + i * step;
      return { type: "double", data, attributes: NO_ATTRIBUTES };
    }
    case "wrap_integer":
    case "wrap_real":
    case "wrap_logical":
    case "wrap_string":
    case "wrap_complex":
    case "wrap_raw":
    case "wrap_list": {
      // state: list(wrapped vector, metadata)
      const wrapped = state.type === "list" ? state.data[0] : undefined;
      if (!wrapped || !("data" in wrapped)) throw new RDeserializeError(`ALTREP ${className} has no wrapped vector`);
      return wrapped;
    }
    case "deferred_string": {
      // state: pairlist(numbers to print as strings, scipen info)
      const source = state.type === "pairlist" ? state.items[0]?.value : undefined;
      if (source?.type === "integer") {
        return { type: "character", data: Array.from(source.data, (n) => (n === NA_INTEGER ? null : String(n))), attributes: NO_ATTRIBUTES };
      }
      if (source?.type === "double") {
        return { type: "character", data: Array.from(source.data, formatDoubleLikeR), attributes: NO_ATTRIBUTES };
      }
      throw new RDeserializeError("ALTREP deferred_string holds neither integers nor doubles");
    }
    default:
      throw new RDeserializeError(`unsupported ALTREP class "${className}" (only base R's compact_*seq, wrap_* and deferred_string are expanded)`);
  }
}

function numbersOf(state: RValue, className: string): [number, number, number] {
  if ((state.type === "double" || state.type === "integer") && state.data.length === 3) {
    return [state.data[0], state.data[1], state.data[2]];
  }
  throw new RDeserializeError(`ALTREP ${className} state should be three numbers`);
}

function formatDoubleLikeR(value: number): string | null {
  if (Number.isNaN(value)) return isRNA(value) ? null : "NaN";
  if (!Number.isFinite(value)) return value > 0 ? "Inf" : "-Inf";
  return String(Number(value.toPrecision(15)));
}

function symbolName(value: RValue): string {
  if (value.type === "symbol") return value.name;
  if (value.type === "character") return value.data[0] ?? "NA";
  throw new RDeserializeError(`expected a symbol, found ${value.type}`);
}

function environment(kind: REnvironmentKind, name?: string[]): RValue {
  const attributes: RAttributes = name ? new Map([["name", { type: "character", data: name, attributes: NO_ATTRIBUTES } as RValue]]) : NO_ATTRIBUTES;
  return { type: "environment", kind, frame: [], enclosure: null, attributes };
}

function formatRVersion(packed: number): string {
  return `${Math.floor(packed / 65536)}.${Math.floor((packed % 65536) / 256)}.${packed % 256}`;
}

/** True for R's NA_real_ (a NaN whose low word is 1954), as opposed to a plain NaN. */
export function isRNA(value: number): boolean {
  if (!Number.isNaN(value)) return false;
  const scratch = new DataView(new ArrayBuffer(8));
  scratch.setFloat64(0, value);
  return scratch.getUint32(4) === 1954;
}

// ---- Helpers for reading decoded values ----------------------------------------------------

export function attributeOf(value: RValue, name: string): RValue | undefined {
  return "attributes" in value ? value.attributes.get(name) : undefined;
}

/** The `class` attribute as a list of strings ([] when absent). */
export function classOf(value: RValue): string[] {
  const cls = attributeOf(value, "class");
  return cls?.type === "character" ? cls.data.filter((c): c is string => c !== null) : [];
}

/** Element names from the `names` attribute, or from a pairlist's tags. */
export function namesOf(value: RValue): Array<string | null> {
  if (value.type === "pairlist" || value.type === "language") return value.items.map((item) => item.tag);
  const names = attributeOf(value, "names");
  return names?.type === "character" ? names.data : [];
}

/** The element called `name` of a named list (or pairlist). */
export function listElement(value: RValue, name: string): RValue | undefined {
  if (value.type === "pairlist") return value.items.find((item) => item.tag === name)?.value;
  if (value.type !== "list") return undefined;
  const index = namesOf(value).indexOf(name);
  return index >= 0 ? value.data[index] : undefined;
}

/** A factor's labels per element (null for NA), read through its `levels` attribute. */
export function factorLabels(value: RValue): Array<string | null> {
  if (value.type !== "integer" || !classOf(value).includes("factor")) throw new RDeserializeError(`not a factor: ${value.type} of class ${classOf(value).join("/") || "none"}`);
  const levels = attributeOf(value, "levels");
  if (levels?.type !== "character") throw new RDeserializeError("factor without character levels");
  return Array.from(value.data, (code) => (code === NA_INTEGER ? null : (levels.data[code - 1] ?? null)));
}

/** A data frame's columns by name, with its row count. */
export function dataFrameColumns(value: RValue): { columns: Map<string, RValue>; rowCount: number } {
  if (value.type !== "list" || !classOf(value).includes("data.frame")) {
    throw new RDeserializeError(`not a data.frame: ${value.type} of class ${classOf(value).join("/") || "none"}`);
  }
  const names = namesOf(value);
  const columns = new Map<string, RValue>();
  value.data.forEach((column, i) => columns.set(names[i] ?? `V${i + 1}`, column));
  return { columns, rowCount: dataFrameRowCount(value) };
}

function dataFrameRowCount(frame: RValue): number {
  const rowNames = attributeOf(frame, "row.names");
  // Compact row names c(NA, -n) (or c(NA, n)) stand for 1..n.
  if (rowNames?.type === "integer" && rowNames.data.length === 2 && rowNames.data[0] === NA_INTEGER) return Math.abs(rowNames.data[1]);
  if (rowNames && "data" in rowNames) return rowNames.data.length;
  const first = frame.type === "list" ? frame.data[0] : undefined;
  return first && "data" in first ? first.data.length : 0;
}
