// The sample clip: one generation at a time, never a half-written clip served or reused, and an npm
// ffmpeg whose install script did not run still works. A 3-second clip keeps each generation short.
import { execFile } from "node:child_process";
import { accessSync, chmodSync, constants, mkdtempSync, readdirSync, rmSync, statSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { ensureSampleClip, isCompleteMp4, makeExecutable, sampleClipPath, type SampleClipSettings } from "../scripts/sample-clip.ts";

const run = promisify(execFile);
const scriptsDirectory = resolve(dirname(fileURLToPath(import.meta.url)), "../scripts");
const shortClip: SampleClipSettings = { seconds: 3, width: 64, height: 36, fps: 5 };

const folders: string[] = [];
/** A web root of its own: public/ for the clip, .generated/ beside it for its settings. */
function webRoot(): { root: string; publicDirectory: string } {
  const root = mkdtempSync(join(tmpdir(), "marquee-clip-"));
  folders.push(root);
  return { root, publicDirectory: join(root, "public") };
}
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

describe("sample clip", () => {
  it("is generated once for callers asking at the same time, as the dev server and Vite's buildStart do", async () => {
    const { publicDirectory } = webRoot();
    const lines: string[] = [];
    const log = (line: string) => lines.push(line);
    const [first, second] = await Promise.all([ensureSampleClip(publicDirectory, log, shortClip), ensureSampleClip(publicDirectory, log, shortClip)]);
    expect(first).toBe(sampleClipPath(publicDirectory));
    expect(second).toBe(first);
    expect(lines.filter((line) => line.startsWith("generated the sample clip"))).toHaveLength(1);
    expect(isCompleteMp4(first!)).toBe(true);
    expect(readdirSync(dirname(first!))).toEqual(["sample-clip.mp4"]);
  });

  it("is reused when whole, and generated again when cut short", async () => {
    const { publicDirectory } = webRoot();
    const file = (await ensureSampleClip(publicDirectory, () => {}, shortClip))!;
    const lines: string[] = [];
    expect(await ensureSampleClip(publicDirectory, (line) => lines.push(line), shortClip)).toBe(file);
    expect(lines).toEqual([]);

    truncateSync(file, Math.floor(statSync(file).size / 2));
    expect(isCompleteMp4(file)).toBe(false);
    await ensureSampleClip(publicDirectory, (line) => lines.push(line), shortClip);
    expect(lines[0]).toMatch(/damaged/);
    expect(isCompleteMp4(file)).toBe(true);
  });

  it("ends whole when two processes generate it at once", async () => {
    const { root, publicDirectory } = webRoot();
    const script = join(root, "generate.mts");
    writeFileSync(
      script,
      `import { ensureSampleClip } from ${JSON.stringify(join(scriptsDirectory, "sample-clip.ts"))};\n` +
        `await ensureSampleClip(${JSON.stringify(publicDirectory)}, console.log, ${JSON.stringify(shortClip)});\n`,
    );
    const generate = () => run(process.execPath, ["--import", "tsx", script], { cwd: scriptsDirectory });
    await Promise.all([generate(), generate()]);
    const file = sampleClipPath(publicDirectory);
    expect(isCompleteMp4(file)).toBe(true);
    expect(readdirSync(dirname(file))).toEqual(["sample-clip.mp4"]);
  });

  it("is not taken for whole when it is not an MP4 at all", () => {
    const { root } = webRoot();
    const file = join(root, "clip.mp4");
    writeFileSync(file, "not a video");
    expect(isCompleteMp4(file)).toBe(false);
    expect(isCompleteMp4(join(root, "missing.mp4"))).toBe(false);
  });

  it("makes npm's ffmpeg executable when its install script was skipped", () => {
    const { root } = webRoot();
    const binary = join(root, "ffmpeg");
    writeFileSync(binary, "#!/bin/sh\n");
    chmodSync(binary, 0o644);
    expect(makeExecutable(binary)).toBe(true);
    expect(() => accessSync(binary, constants.X_OK)).not.toThrow();
  });
});
