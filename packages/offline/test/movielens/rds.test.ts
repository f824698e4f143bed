import { describe, expect, it } from "vitest";
import {
  NA_INTEGER,
  RDeserializeError,
  attributeOf,
  classOf,
  dataFrameColumns,
  factorLabels,
  isRNA,
  listElement,
  namesOf,
  unserialize,
  unserializeWithHeader,
  type RValue,
} from "../../src/movielens/rds.ts";
import { SEXP, XdrWriter, flags, NA_INT } from "./xdr-builder.ts";

function expectType<T extends RValue["type"]>(value: RValue, type: T): RValue & { type: T } {
  expect(value.type).toBe(type);
  return value as RValue & { type: T };
}

describe("R XDR unserialize: header", () => {
  it("reads a version 3 header with its native encoding", () => {
    const bytes = new XdrWriter().header(3, "UTF-8").int(flags(SEXP.INT)).int(1).int(42).bytes();
    const { header, value } = unserializeWithHeader(bytes);
    expect(header).toEqual({ version: 3, writerVersion: "4.1.1", nativeEncoding: "UTF-8" });
    expect(Array.from(expectType(value, "integer").data)).toEqual([42]);
  });

  it("reads a version 2 stream (no encoding field)", () => {
    const bytes = new XdrWriter().header(2).int(flags(SEXP.INT)).int(2).int(7).int(8).bytes();
    const { header, value } = unserializeWithHeader(bytes);
    expect(header.version).toBe(2);
    expect(header.nativeEncoding).toBeNull();
    expect(Array.from(expectType(value, "integer").data)).toEqual([7, 8]);
  });

  it("rejects ASCII streams, unknown versions and truncated data with a clear error", () => {
    expect(() => unserialize(Buffer.from("A\n3\n"))).toThrow(/only XDR.*ASCII/);
    expect(() => unserialize(new XdrWriter().raw("X\n").int(4).int(0).int(0).bytes())).toThrow(/version 4/);
    const truncated = new XdrWriter().header().int(flags(SEXP.INT)).int(3).int(1).bytes();
    expect(() => unserialize(truncated)).toThrow(RDeserializeError);
    expect(() => unserialize(truncated)).toThrow(/ends early/);
  });

  it("names the SEXP type it cannot read", () => {
    const closure = new XdrWriter().header().int(flags(SEXP.CLOS)).bytes();
    expect(() => unserialize(closure)).toThrow(/CLOSXP/);
  });
});

describe("R XDR unserialize: atomic vectors", () => {
  it("decodes strings in each encoding, and NA_STRING as null", () => {
    const bytes = new XdrWriter()
      .header()
      .int(flags(SEXP.STR))
      .int(5)
      .charsxp("Toy Story", "ascii")
      .charsxp("Amélie 日本", "utf8")
      .charsxp(null)
      .charsxp("Léon", "latin1") // one byte per accented letter
      .charsxp("8½", "native") // no encoding flag: the header's UTF-8
      .bytes();
    const value = expectType(unserialize(bytes), "character");
    expect(value.data).toEqual(["Toy Story", "Amélie 日本", null, "Léon", "8½"]);
  });

  it("decodes unflagged strings in a latin1 writer's native encoding", () => {
    const bytes = new XdrWriter()
      .header(3, "ISO-8859-1")
      .int(flags(SEXP.STR))
      .int(1)
      .int(flags(SEXP.CHAR))
      .int(4)
      .raw(Uint8Array.from([0x4c, 0xe9, 0x6f, 0x6e]))
      .bytes();
    expect(expectType(unserialize(bytes), "character").data).toEqual(["Léon"]);
  });

  it("decodes integers and logicals with NA", () => {
    const ints = new XdrWriter().header().int(flags(SEXP.INT)).int(4).int(1).int(NA_INT).int(-7).int(2147483647).bytes();
    expect(Array.from(expectType(unserialize(ints), "integer").data)).toEqual([1, NA_INTEGER, -7, 2147483647]);
    const logicals = new XdrWriter().header().int(flags(SEXP.LGL)).int(3).int(1).int(0).int(NA_INT).bytes();
    expect(Array.from(expectType(unserialize(logicals), "logical").data)).toEqual([1, 0, NA_INTEGER]);
  });

  it("decodes doubles, telling R's NA from NaN", () => {
    const bytes = new XdrWriter().header().int(flags(SEXP.REAL)).int(5).double(2.5).naReal().double(-Infinity).double(NaN).double(1260759144).bytes();
    const data = expectType(unserialize(bytes), "double").data;
    expect(data[0]).toBe(2.5);
    expect(isRNA(data[1])).toBe(true);
    expect(data[2]).toBe(-Infinity);
    expect(Number.isNaN(data[3]) && !isRNA(data[3])).toBe(true);
    expect(data[4]).toBe(1260759144);
  });

  it("reads a long-vector length (-1, upper, lower)", () => {
    const bytes = new XdrWriter().header().int(flags(SEXP.INT)).int(-1).int(0).int(2).int(5).int(6).bytes();
    expect(Array.from(expectType(unserialize(bytes), "integer").data)).toEqual([5, 6]);
  });
});

/** Writes a factor: codes 1-based into `levels`, with attributes levels then class (as R orders them). */
function writeFactor(w: XdrWriter, codes: number[], levels: string[], symbolsSeen: { levels?: number; class?: number } = {}): XdrWriter {
  w.int(flags(SEXP.INT, { object: true, attr: true })).int(codes.length);
  codes.forEach((code) => w.int(code));
  w.int(flags(SEXP.LIST, { tag: true }));
  symbolsSeen.levels ? w.ref(symbolsSeen.levels) : w.symbol("levels");
  w.int(flags(SEXP.STR)).int(levels.length);
  levels.forEach((level) => w.charsxp(level, "ascii"));
  w.int(flags(SEXP.LIST, { tag: true }));
  symbolsSeen.class ? w.ref(symbolsSeen.class) : w.symbol("class");
  w.int(flags(SEXP.STR)).int(1).charsxp("factor", "ascii");
  return w.nil();
}

describe("R XDR unserialize: attributes, factors, data frames, references", () => {
  it("decodes a factor and maps its codes through the levels", () => {
    const value = unserialize(writeFactor(new XdrWriter().header(), [2, 1, NA_INT, 2], ["Comedy", "Drama"]).bytes());
    expect(classOf(value)).toEqual(["factor"]);
    expect(factorLabels(value)).toEqual(["Drama", "Comedy", null, "Drama"]);
  });

  it("decodes a data.frame whose attribute symbols are back-references (REFSXP)", () => {
    const w = new XdrWriter().header().int(flags(SEXP.VEC, { object: true, attr: true })).int(3);
    w.int(flags(SEXP.INT)).int(3).int(1).int(2).int(1); // movieId
    w.int(flags(SEXP.STR)).int(3).charsxp("Toy Story", "ascii").charsxp("Jumanji", "ascii").charsxp(null); // title
    writeFactor(w, [1, 2, 1], ["Adventure|Animation", "Fantasy"]); // genres: symbols levels = ref 1, class = ref 2
    // data.frame attributes: names (ref 3), row.names (ref 4), then class as a packed back-reference to ref 2.
    w.int(flags(SEXP.LIST, { tag: true })).symbol("names").int(flags(SEXP.STR)).int(3).charsxp("movieId", "ascii").charsxp("title", "ascii").charsxp("genres", "ascii");
    w.int(flags(SEXP.LIST, { tag: true })).symbol("row.names").int(flags(SEXP.INT)).int(2).int(NA_INT).int(-3);
    w.int(flags(SEXP.LIST, { tag: true })).ref(2).int(flags(SEXP.STR)).int(1).charsxp("data.frame", "ascii");
    w.nil();

    const frame = unserialize(w.bytes());
    expect(classOf(frame)).toEqual(["data.frame"]);
    expect(namesOf(frame)).toEqual(["movieId", "title", "genres"]);
    const { columns, rowCount } = dataFrameColumns(frame);
    expect(rowCount).toBe(3);
    expect(Array.from(expectType(columns.get("movieId")!, "integer").data)).toEqual([1, 2, 1]);
    expect(expectType(columns.get("title")!, "character").data).toEqual(["Toy Story", "Jumanji", null]);
    expect(factorLabels(columns.get("genres")!)).toEqual(["Adventure|Animation", "Fantasy", "Adventure|Animation"]);
  });

  it("resolves an unpacked REFSXP (index in the following word) and rejects a dangling one", () => {
    // list(c(a = 1L), c(b = 2L)): the second element's "names" tag is a back-reference to the first's symbol.
    const w = new XdrWriter().header().int(flags(SEXP.VEC)).int(2);
    w.int(flags(SEXP.INT, { attr: true })).int(1).int(1);
    w.int(flags(SEXP.LIST, { tag: true })).symbol("names").int(flags(SEXP.STR)).int(1).charsxp("a", "ascii").nil();
    w.int(flags(SEXP.INT, { attr: true })).int(1).int(2);
    w.int(flags(SEXP.LIST, { tag: true })).ref(1, false).int(flags(SEXP.STR)).int(1).charsxp("b", "ascii").nil();
    const value = expectType(unserialize(w.bytes()), "list");
    expect(value.data.map((element) => namesOf(element))).toEqual([["a"], ["b"]]);

    const dangling = new XdrWriter().header().int(flags(SEXP.LIST, { tag: true })).ref(5).int(flags(SEXP.INT)).int(0).nil().bytes();
    expect(() => unserialize(dangling)).toThrow(/reference 5/);
  });

  it("reads a tagged pairlist as items with tags", () => {
    const w = new XdrWriter().header();
    w.int(flags(SEXP.LIST, { tag: true })).symbol("variables").int(flags(SEXP.INT)).int(1).int(9);
    w.int(flags(SEXP.LIST, { tag: true })).symbol("compressed").int(flags(SEXP.LGL)).int(1).int(1);
    w.nil();
    const value = expectType(unserialize(w.bytes()), "pairlist");
    expect(value.items.map((item) => item.tag)).toEqual(["variables", "compressed"]);
    expect(expectType(listElement(value, "compressed")!, "logical").data[0]).toBe(1);
  });

  it("ignores attributes on CHARSXPs, as R does", () => {
    const w = new XdrWriter().header().int(flags(SEXP.STR)).int(2);
    w.int(flags(SEXP.CHAR, { attr: true, levels: 1 << 6 })).int(2).raw("ok");
    w.int(flags(SEXP.LIST, { tag: true })).symbol("junk").int(flags(SEXP.INT)).int(0).nil();
    w.charsxp("next", "ascii");
    expect(expectType(unserialize(w.bytes()), "character").data).toEqual(["ok", "next"]);
  });
});

/** ALTREP header: (class symbol, package symbol, base type) as a pairlist. */
function writeAltrepInfo(w: XdrWriter, className: string, baseType: number): XdrWriter {
  w.int(SEXP.ALTREP);
  w.int(flags(SEXP.LIST)).symbol(className);
  w.int(flags(SEXP.LIST)).symbol("base");
  w.int(flags(SEXP.LIST)).int(flags(SEXP.INT)).int(1).int(baseType);
  return w.nil();
}

describe("R XDR unserialize: ALTREP", () => {
  it("expands compact_intseq (1:n written as length, start, step)", () => {
    const w = writeAltrepInfo(new XdrWriter().header(), "compact_intseq", SEXP.INT);
    w.int(flags(SEXP.REAL)).int(3).double(4).double(10).double(1);
    w.nil();
    expect(Array.from(expectType(unserialize(w.bytes()), "integer").data)).toEqual([10, 11, 12, 13]);
  });

  it("unwraps wrap_real and applies the ALTREP attributes", () => {
    const w = writeAltrepInfo(new XdrWriter().header(), "wrap_real", SEXP.REAL);
    w.int(flags(SEXP.VEC)).int(2);
    w.int(flags(SEXP.REAL)).int(2).double(1.5).double(2.5);
    w.int(flags(SEXP.INT)).int(2).int(0).int(0);
    w.int(flags(SEXP.LIST, { tag: true })).symbol("names").int(flags(SEXP.STR)).int(2).charsxp("a", "ascii").charsxp("b", "ascii").nil();
    const value = expectType(unserialize(w.bytes()), "double");
    expect(Array.from(value.data)).toEqual([1.5, 2.5]);
    expect(namesOf(value)).toEqual(["a", "b"]);
  });

  it("expands deferred_string from its integers", () => {
    const w = writeAltrepInfo(new XdrWriter().header(), "deferred_string", SEXP.STR);
    w.int(flags(SEXP.LIST)).int(flags(SEXP.INT)).int(3).int(7).int(NA_INT).int(-1);
    w.int(flags(SEXP.LIST)).int(flags(SEXP.INT)).int(1).int(0).nil();
    w.nil();
    expect(expectType(unserialize(w.bytes()), "character").data).toEqual(["7", null, "-1"]);
  });

  it("fails clearly on ALTREP classes from other packages", () => {
    const w = writeAltrepInfo(new XdrWriter().header(), "vroom_chr", SEXP.STR);
    w.nil().nil();
    expect(() => unserialize(w.bytes())).toThrow(/unsupported ALTREP class "vroom_chr"/);
  });
});
