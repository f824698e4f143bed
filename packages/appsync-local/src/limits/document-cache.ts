// Parsed and validated documents by their text, bounded by the memory they hold rather than by their
// number: one client sending distinct half-megabyte documents must not grow the process until it dies.

/**
 * What one entry is taken to hold: its text twice (the key, and the parsed tree's source; at most two
 * bytes a character) plus the parsed tree, `bytesPerToken` a token (its node, token and location objects:
 * about 270 bytes a token on Node 24, measured with parse() over documents of short aliased fields).
 */
export const bytesPerToken = 300;

export function entryBytes(text: string, tokens: number): number {
  return 4 * text.length + bytesPerToken * tokens;
}

export type DocumentCache<T> = {
  get(text: string): T | undefined;
  /** Entries larger than the whole bound are not kept. */
  set(text: string, value: T, bytes: number): void;
  /** The cache's own accounting, for tests and diagnostics. */
  stats(): { entries: number; bytes: number; maxBytes: number };
};

/** Least recently used entries go first. */
export function createDocumentCache<T>(maxBytes: number): DocumentCache<T> {
  const entries = new Map<string, { value: T; bytes: number }>();
  let total = 0;
  return {
    get(text) {
      const entry = entries.get(text);
      if (!entry) return undefined;
      entries.delete(text);
      entries.set(text, entry);
      return entry.value;
    },
    set(text, value, bytes) {
      const previous = entries.get(text);
      if (previous) {
        entries.delete(text);
        total -= previous.bytes;
      }
      if (bytes > maxBytes) return;
      for (const [oldest, entry] of entries) {
        if (total + bytes <= maxBytes) break;
        entries.delete(oldest);
        total -= entry.bytes;
      }
      entries.set(text, { value, bytes });
      total += bytes;
    },
    stats: () => ({ entries: entries.size, bytes: total, maxBytes }),
  };
}
