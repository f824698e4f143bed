// Reads objects out of an R lazy-load database (a package's data/Rdata.rdx + Rdata.rdb) without R.
// The .rdx is a saveRDS() file (gzip, or plain) holding list(variables, references, compressed);
// each variable maps to c(offset, length) of one compressed serialized block in the .rdb.
import { closeSync, openSync, readFileSync, readSync } from "node:fs";
import { open, readFile } from "node:fs/promises";
import { gunzipSync, inflate, inflateSync } from "node:zlib";
import { promisify } from "node:util";
import { RDeserializeError, listElement, namesOf, unserialize, type RValue } from "./rds.ts";

const inflateAsync = promisify(inflate);

/** Where each object lives in the .rdb, and how its blocks are compressed (R's `compressed` field). */
export type LazyLoadIndex = {
  variables: Map<string, { offset: number; length: number }>;
  compression: BlockCompression;
};

/** 0: none, 1: zlib, 2 and 3: a type byte ('Z' zlib, '2' bzip2, 'X' xz, '0' none) after the length. */
export type BlockCompression = 0 | 1 | 2 | 3;

/** Decodes the .rdx bytes: gzip (what saveRDS writes), a zlib block, or an uncompressed stream. */
export function parseLazyLoadIndex(rdxBytes: Uint8Array): LazyLoadIndex {
  const index = unserialize(decompressIndex(rdxBytes));
  const variables = listElement(index, "variables");
  if (!variables || variables.type !== "list") throw new RDeserializeError("lazy-load index has no `variables` list");
  const names = namesOf(variables);
  const map = new Map<string, { offset: number; length: number }>();
  variables.data.forEach((entry, i) => {
    const name = names[i];
    if (name == null) return;
    if ((entry.type !== "integer" && entry.type !== "double") || entry.data.length !== 2) {
      throw new RDeserializeError(`lazy-load index entry "${name}" is not c(offset, length)`);
    }
    map.set(name, { offset: entry.data[0], length: entry.data[1] });
  });
  return { variables: map, compression: compressionOf(listElement(index, "compressed")) };
}

function decompressIndex(bytes: Uint8Array): Uint8Array {
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) return gunzipSync(bytes);
  if (bytes[0] === 0x58 && bytes[1] === 0x0a) return bytes; // "X\n": saved uncompressed
  return decompressBlock(bytes, 1);
}

function compressionOf(value: RValue | undefined): BlockCompression {
  // `compressed` is TRUE/FALSE for the original zlib scheme, or 2/3 for the typed schemes.
  if (!value || !("data" in value) || value.data.length !== 1) return 1;
  const level = Number(value.data[0]);
  if (level === 0 || level === 1 || level === 2 || level === 3) return level;
  throw new RDeserializeError(`unknown lazy-load compression ${level}`);
}

/**
 * Undoes one .rdb block's compression: a 4-byte big-endian uncompressed length, then (for schemes 2/3)
 * a type byte, then the payload. Only zlib is implemented; bzip2 and xz blocks fail with a clear message.
 */
export function decompressBlock(block: Uint8Array, compression: BlockCompression): Uint8Array {
  const { payload, expectedLength } = splitBlock(block, compression);
  if (expectedLength === null) return payload;
  const output = inflateSync(payload);
  return checkLength(output, expectedLength);
}

async function decompressBlockAsync(block: Uint8Array, compression: BlockCompression): Promise<Uint8Array> {
  const { payload, expectedLength } = splitBlock(block, compression);
  if (expectedLength === null) return payload;
  return checkLength(await inflateAsync(payload), expectedLength);
}

/** `expectedLength: null` means the payload is stored uncompressed. */
function splitBlock(block: Uint8Array, compression: BlockCompression): { payload: Uint8Array; expectedLength: number | null } {
  if (compression === 0) return { payload: block, expectedLength: null };
  if (block.length < 4) throw new RDeserializeError(`compressed block of ${block.length} bytes is too short for its length header`);
  const view = new DataView(block.buffer, block.byteOffset, block.byteLength);
  const expectedLength = view.getUint32(0, false);
  if (compression === 1) return { payload: block.subarray(4), expectedLength };
  const typeByte = String.fromCharCode(block[4] ?? 0);
  const payload = block.subarray(5);
  switch (typeByte) {
    case "Z":
      return { payload, expectedLength };
    case "0":
      return { payload, expectedLength: null };
    case "2":
      throw new RDeserializeError("this lazy-load block is bzip2-compressed; only zlib blocks are supported (rebuild the database with compress = TRUE)");
    case "X":
      throw new RDeserializeError("this lazy-load block is xz-compressed; only zlib blocks are supported (rebuild the database with compress = TRUE)");
    default:
      throw new RDeserializeError(`unknown lazy-load block type ${JSON.stringify(typeByte)} (expected 'Z', '2', 'X' or '0')`);
  }
}

function checkLength(output: Uint8Array, expectedLength: number): Uint8Array {
  if (output.length !== expectedLength) {
    throw new RDeserializeError(`block inflated to ${output.length} bytes but its header says ${expectedLength}`);
  }
  return output;
}

function lookUp(index: LazyLoadIndex, name: string, rdxPath: string): { offset: number; length: number } {
  const entry = index.variables.get(name);
  if (!entry) {
    const known = [...index.variables.keys()].slice(0, 40).join(", ");
    throw new RDeserializeError(`no object "${name}" in ${rdxPath} (it has: ${known})`);
  }
  return entry;
}

/** Reads one object from a lazy-load database; only that object's block is read from the .rdb. */
export function readLazyLoadObject(rdxPath: string, rdbPath: string, name: string): RValue {
  const index = parseLazyLoadIndex(readFileSync(rdxPath));
  const { offset, length } = lookUp(index, name, rdxPath);
  const block = Buffer.allocUnsafe(length);
  const fd = openSync(rdbPath, "r");
  try {
    const read = readSync(fd, block, 0, length, offset);
    if (read !== length) throw new RDeserializeError(`${rdbPath} ends before block "${name}" (offset ${offset}, length ${length})`);
  } finally {
    closeSync(fd);
  }
  return unserialize(decompressBlock(block, index.compression));
}

/** The same as readLazyLoadObject, with file reads and inflation off the main thread. */
export async function readLazyLoadObjectAsync(rdxPath: string, rdbPath: string, name: string): Promise<RValue> {
  const index = parseLazyLoadIndex(await readFile(rdxPath));
  const { offset, length } = lookUp(index, name, rdxPath);
  const block = Buffer.allocUnsafe(length);
  const file = await open(rdbPath, "r");
  try {
    const { bytesRead } = await file.read(block, 0, length, offset);
    if (bytesRead !== length) throw new RDeserializeError(`${rdbPath} ends before block "${name}" (offset ${offset}, length ${length})`);
  } finally {
    await file.close();
  }
  return unserialize(await decompressBlockAsync(block, index.compression));
}
