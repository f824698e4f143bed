// Builds R XDR serialization streams byte by byte, following R's serialize.c, so the reader is
// tested against the format itself rather than against its own output.

export const SEXP = {
  NIL: 0, SYM: 1, LIST: 2, CLOS: 3, CHAR: 9, LGL: 10, INT: 13, REAL: 14, STR: 16, VEC: 19, ALTREP: 238, NILVALUE: 254, REF: 255,
} as const;
export const IS_OBJECT = 1 << 8;
export const HAS_ATTR = 1 << 9;
export const HAS_TAG = 1 << 10;
export const ENC_UTF8 = 1 << 3;
export const ENC_LATIN1 = 1 << 2;
export const ENC_ASCII = 1 << 6;
export const NA_INT = -2147483648;

/** Flags word: type in the low byte, object/attr/tag bits, "levels" (encoding) from bit 12. */
export function flags(type: number, options: { object?: boolean; attr?: boolean; tag?: boolean; levels?: number } = {}): number {
  return type | (options.object ? IS_OBJECT : 0) | (options.attr ? HAS_ATTR : 0) | (options.tag ? HAS_TAG : 0) | ((options.levels ?? 0) << 12);
}

export class XdrWriter {
  private chunks: Buffer[] = [];

  int(value: number): this {
    const b = Buffer.alloc(4);
    b.writeInt32BE(value);
    this.chunks.push(b);
    return this;
  }

  double(value: number): this {
    const b = Buffer.alloc(8);
    b.writeDoubleBE(value);
    this.chunks.push(b);
    return this;
  }

  /** R's NA_real_: a NaN with 1954 in its low word. */
  naReal(): this {
    const b = Buffer.alloc(8);
    b.writeUInt32BE(0x7ff00000, 0);
    b.writeUInt32BE(1954, 4);
    this.chunks.push(b);
    return this;
  }

  raw(bytes: Uint8Array | string): this {
    this.chunks.push(typeof bytes === "string" ? Buffer.from(bytes, "latin1") : Buffer.from(bytes));
    return this;
  }

  /** "X\n", version, writer R version, min reader version (+ native encoding for version 3). */
  header(version: 2 | 3 = 3, nativeEncoding = "UTF-8"): this {
    this.raw("X\n").int(version).int(0x040101).int(version === 3 ? 0x030500 : 0x020300);
    if (version === 3) this.int(nativeEncoding.length).raw(nativeEncoding);
    return this;
  }

  /** A CHARSXP; `null` writes NA_STRING. `encoding` picks the levels bits. */
  charsxp(text: string | null, encoding: "ascii" | "utf8" | "latin1" | "native" = "utf8"): this {
    if (text === null) return this.int(flags(SEXP.CHAR)).int(-1);
    const bytes = Buffer.from(text, encoding === "latin1" ? "latin1" : "utf8");
    const levels = encoding === "ascii" ? ENC_ASCII : encoding === "utf8" ? ENC_UTF8 : encoding === "latin1" ? ENC_LATIN1 : 0;
    return this.int(flags(SEXP.CHAR, { levels })).int(bytes.length).raw(bytes);
  }

  /** A symbol written in full (it becomes the next reference-table entry). */
  symbol(name: string): this {
    return this.int(flags(SEXP.SYM)).charsxp(name, "ascii");
  }

  /** A back-reference; small indexes are packed into the flags word, like R does. */
  ref(index: number, packed = true): this {
    return packed ? this.int((index << 8) | SEXP.REF) : this.int(SEXP.REF).int(index);
  }

  nil(): this {
    return this.int(SEXP.NILVALUE);
  }

  bytes(): Buffer {
    return Buffer.concat(this.chunks);
  }
}
