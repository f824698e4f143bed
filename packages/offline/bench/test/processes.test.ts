import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { isAlive, processTree } from "../processes.ts";

describe("process tree", () => {
  it("finds a command's descendants with their memory, and sees them go", async () => {
    const shell = spawn("sh", ["-c", "sleep 30 & sleep 30 & wait"], { stdio: "ignore" });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const tree = processTree(shell.pid!);
    expect(tree[0]).toMatchObject({ pid: shell.pid, label: "sh" });
    const sleepers = tree.filter((info) => info.label === "sleep");
    expect(sleepers).toHaveLength(2);
    expect(tree.every((info) => info.rssBytes > 0)).toBe(true);

    for (const info of tree) process.kill(info.pid, "SIGKILL");
    await new Promise((resolve) => shell.once("exit", resolve));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(tree.map((info) => isAlive(info.pid))).toEqual([false, false, false]);
  });
});
