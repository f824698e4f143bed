// Process trees from /proc (Linux): who a command started, how much memory each holds, who is still alive.
import { existsSync, readdirSync, readFileSync } from "node:fs";

export type ProcessInfo = { pid: number; ppid: number; label: string; rssBytes: number };

/** `root` and all its descendants, with their resident memory (VmRSS). */
export function processTree(root: number): ProcessInfo[] {
  const all = listProcesses();
  const byParent = new Map<number, ProcessInfo[]>();
  for (const info of all) byParent.set(info.ppid, [...(byParent.get(info.ppid) ?? []), info]);
  const tree: ProcessInfo[] = [];
  const queue = all.filter((info) => info.pid === root);
  while (queue.length > 0) {
    const info = queue.shift()!;
    tree.push(info);
    queue.push(...(byParent.get(info.pid) ?? []));
  }
  return tree;
}

/** A zombie has exited (its parent has not reaped it yet), so it counts as gone. */
export function isAlive(pid: number): boolean {
  const stat = readStat(pid);
  return stat !== null && stat.state !== "Z";
}

function listProcesses(): ProcessInfo[] {
  const processes: ProcessInfo[] = [];
  for (const entry of readdirSync("/proc")) {
    const pid = Number(entry);
    if (!Number.isInteger(pid)) continue;
    const stat = readStat(pid);
    if (!stat) continue;
    processes.push({ pid, ppid: stat.ppid, label: labelOf(pid, stat.comm), rssBytes: residentBytes(pid) });
  }
  return processes;
}

/** `/proc/<pid>/stat` is "pid (comm) state ppid ...", and comm may itself hold spaces or parentheses. */
function readStat(pid: number): { comm: string; state: string; ppid: number } | null {
  const text = readOptional(`/proc/${pid}/stat`);
  if (!text) return null;
  const close = text.lastIndexOf(")");
  const [state, ppid] = text.slice(close + 2).split(" ");
  return { comm: text.slice(text.indexOf("(") + 1, close), state: state ?? "?", ppid: Number(ppid) };
}

function residentBytes(pid: number): number {
  const match = /^VmRSS:\s+(\d+) kB$/m.exec(readOptional(`/proc/${pid}/status`) ?? "");
  return match ? Number(match[1]) * 1024 : 0;
}

/** What a process is, in the stack's terms. */
function labelOf(pid: number, comm: string): string {
  const commandLine = (readOptional(`/proc/${pid}/cmdline`) ?? "").split("\0").join(" ");
  if (commandLine.includes("DynamoDBLocal")) return "java (DynamoDB Local)";
  if (commandLine.includes("cognito-local")) return "node (cognito-local)";
  if (comm === "sh" || comm === "bash") return comm;
  if (commandLine.includes("tsx/dist/cli") || commandLine.includes(".bin/tsx ")) return "node (tsx cli)";
  if (commandLine.includes("cli/start.ts")) return "node (start.ts: runtime, s3rver)";
  if (comm === "npm" || commandLine.includes("npm-cli")) return "npm";
  return comm;
}

function readOptional(file: string): string | null {
  try {
    return existsSync(file) ? readFileSync(file, "utf8") : null;
  } catch {
    return null; // the process exited between listing and reading
  }
}
