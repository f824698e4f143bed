// What a Lambda function writes, as a terminal should show it: one line per log record, named after the
// function. A JSON record (what structured loggers write, and what CloudWatch indexes) reads as its message
// and fields; a record repeated within a window (a dependency still starting, say, failing every request)
// is shown once, and the count of repeats rides on the next one shown.
export type FunctionLogOptions = {
  write: (line: string) => void;
  /** Identical records of one function within this many ms are shown once. */
  repeatWindowMs?: number;
  now?: () => number;
};

export type FunctionLog = {
  /** Text a function wrote to stdout or stderr: complete lines are shown, a partial one waits for its end. */
  append(functionName: string, text: string): void;
  /** Shows what is left of a partial line (the function stopped). */
  flush(functionName: string): void;
};

export function createFunctionLog(options: FunctionLogOptions): FunctionLog {
  const window = options.repeatWindowMs ?? 30_000;
  const now = options.now ?? Date.now;
  const partial = new Map<string, string>();
  const lastShown = new Map<string, { at: number; suppressed: number }>();

  function show(functionName: string, line: string): void {
    if (line.trim() === "") return;
    const { text, key } = readable(line);
    const repeatKey = `${functionName}\u0000${key}`;
    const last = lastShown.get(repeatKey);
    if (last && now() - last.at < window) {
      last.suppressed += 1;
      return;
    }
    const repeats = last?.suppressed ? ` (and ${last.suppressed} more like it)` : "";
    lastShown.set(repeatKey, { at: now(), suppressed: 0 });
    options.write(`[lambda ${functionName}] ${text}${repeats}`);
  }

  return {
    append(functionName, text) {
      const lines = ((partial.get(functionName) ?? "") + text).split("\n");
      partial.set(functionName, lines.pop() ?? "");
      for (const line of lines) show(functionName, line);
    },
    flush(functionName) {
      const rest = partial.get(functionName);
      partial.delete(functionName);
      if (rest) show(functionName, rest);
    },
  };
}

/** A JSON record's message and fields as text; `key` is what makes two records "the same" (message and error). */
function readable(line: string): { text: string; key: string } {
  const trimmed = line.trim();
  if (!trimmed.startsWith("{")) return { text: trimmed, key: trimmed };
  let record: Record<string, unknown>;
  try {
    record = JSON.parse(trimmed) as Record<string, unknown>;
  } catch {
    return { text: trimmed, key: trimmed };
  }
  const message = typeof record.message === "string" ? record.message : undefined;
  if (message === undefined) return { text: trimmed, key: trimmed };
  const fields = Object.entries(record)
    .filter(([name]) => name !== "message")
    .map(([name, value]) => `${name}=${typeof value === "string" ? value : JSON.stringify(value)}`);
  return { text: fields.length > 0 ? `${message} (${fields.join(", ")})` : message, key: `${message}\u0000${String(record.error ?? "")}` };
}
