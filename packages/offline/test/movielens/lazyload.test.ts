import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { deflateSync, gzipSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { decompressBlock, parseLazyLoadIndex, readLazyLoadObject, readLazyLoadObjectAsync } from "../../src/movielens/lazyload.ts";
import type { RValue } from "../../src/movielens/rds.ts";
import { SEXP, XdrWriter, flags } from "./xdr-builder.ts";

/** A block as R's lazy-load writer lays it out: 4-byte big-endian uncompressed length, [type byte], payload. */
function block(payload: Uint8Array, typeByte?: string, body: Uint8Array = deflateSync(payload)): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(payload.length);
  return Buffer.concat([length, typeByte === undefined ? Buffer.alloc(0) : Buffer.from(typeByte, "latin1"), body]);
}

const payload = Buffer.from("X\nsome serialized bytes, repeated repeated repeated");

describe("lazy-load block decompression", () => {
  it("inflates a compressed = TRUE block (length + zlib)", () => {
    expect(Buffer.from(decompressBlock(block(payload), 1)).toString()).toBe(payload.toString());
  });

  it("reads typed blocks: 'Z' is zlib, '0' is stored", () => {
    expect(Buffer.from(decompressBlock(block(payload, "Z"), 2)).toString()).toBe(payload.toString());
    expect(Buffer.from(decompressBlock(block(payload, "0", payload), 3)).toString()).toBe(payload.toString());
  });

  it("fails clearly on bzip2, xz and unknown block types", () => {
    expect(() => decompressBlock(block(payload, "2", Buffer.from("BZh9")), 2)).toThrow(/bzip2-compressed; only zlib/);
    expect(() => decompressBlock(block(payload, "X", Buffer.from([0xfd, 0x37])), 3)).toThrow(/xz-compressed; only zlib/);
    expect(() => decompressBlock(block(payload, "Q"), 3)).toThrow(/unknown lazy-load block type "Q"/);
  });

  it("rejects a block whose inflated size disagrees with its header", () => {
    const lying = block(payload);
    lying.writeUInt32BE(payload.length + 1, 0);
    expect(() => decompressBlock(lying, 1)).toThrow(/header says/);
  });
});

/** A named list, as R serializes list(name = value, ...). */
function writeNamedList(w: XdrWriter, entries: Array<[string, (w: XdrWriter) => void]>): void {
  w.int(flags(SEXP.VEC, { attr: true })).int(entries.length);
  entries.forEach(([, writeValue]) => writeValue(w));
  w.int(flags(SEXP.LIST, { tag: true })).symbol("names").int(flags(SEXP.STR)).int(entries.length);
  entries.forEach(([name]) => w.charsxp(name, "ascii"));
  w.nil();
}

const intVector = (values: number[]) => (w: XdrWriter) => {
  w.int(flags(SEXP.INT)).int(values.length);
  values.forEach((v) => w.int(v));
};

describe("lazy-load database (.rdx + .rdb) built by hand", () => {
  const dir = mkdtempSync(join(tmpdir(), "lazyload-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const numbers = block(new XdrWriter().header().int(flags(SEXP.INT)).int(3).int(1).int(2).int(3).bytes());
  const greeting = block(new XdrWriter().header().int(flags(SEXP.STR)).int(1).charsxp("héllo", "utf8").bytes());
  const junk = Buffer.from("unrelated bytes before the first block");
  writeFileSync(join(dir, "Rdata.rdb"), Buffer.concat([junk, numbers, greeting]));

  const index = new XdrWriter().header();
  writeNamedList(index, [
    ["variables", (w) => writeNamedList(w, [["numbers", intVector([junk.length, numbers.length])], ["greeting", intVector([junk.length + numbers.length, greeting.length])]])],
    ["references", (w) => w.int(flags(SEXP.VEC)).int(0)],
    ["compressed", (w) => w.int(flags(SEXP.LGL)).int(1).int(1)],
  ]);
  // saveRDS() gzips the index file.
  writeFileSync(join(dir, "Rdata.rdx"), gzipSync(index.bytes()));
  const rdx = join(dir, "Rdata.rdx");
  const rdb = join(dir, "Rdata.rdb");

  it("parses the index: each variable's offset and length, and the compression", () => {
    const parsed = parseLazyLoadIndex(gzipSync(index.bytes()));
    expect(parsed.compression).toBe(1);
    expect(parsed.variables.get("greeting")).toEqual({ offset: junk.length + numbers.length, length: greeting.length });
    // An index saved without gzip (or as a zlib block) reads the same.
    expect(parseLazyLoadIndex(index.bytes()).variables).toEqual(parsed.variables);
    expect(parseLazyLoadIndex(block(index.bytes())).variables).toEqual(parsed.variables);
  });

  it("reads each object from its own block, sync and async", async () => {
    const ints = readLazyLoadObject(rdx, rdb, "numbers");
    expect(ints.type === "integer" && Array.from(ints.data)).toEqual([1, 2, 3]);
    const text: RValue = await readLazyLoadObjectAsync(rdx, rdb, "greeting");
    expect(text.type === "character" && text.data).toEqual(["héllo"]);
  });

  it("names the known objects when asked for a missing one", () => {
    expect(() => readLazyLoadObject(rdx, rdb, "movielens")).toThrow(/no object "movielens".*numbers, greeting/);
  });
});
