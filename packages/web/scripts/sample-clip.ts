// The sample clip every title plays until titles have videos: a test pattern with a tone, generated
// with ffmpeg (npm @ffmpeg-installer/ffmpeg, or one on the PATH) into public/media/ on the first build
// or start, and reused after. Longer than 5 minutes, so the API's resume rules apply to it.
//
// Several callers may want it at once: the dev server and Vite's buildStart hook in one process, a test
// run beside `npm start` in another. In a process they share one generation; across processes each
// ffmpeg writes a file of its own, renamed into place (atomic), so no one serves or renames a half-written
// clip. A clip is reused only if it is a whole MP4 made with the current settings.
import { execFile } from "node:child_process";
import { accessSync, chmodSync, closeSync, constants, existsSync, fstatSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { createRequire } from "node:module";
import { basename, dirname, join } from "node:path";
import { promisify } from "node:util";

export type SampleClipSettings = { seconds: number; width: number; height: number; fps: number };

export const sampleClip: SampleClipSettings = {
  seconds: 360,
  width: 320,
  height: 180,
  fps: 5,
};

const run = promisify(execFile);

export function sampleClipPath(publicDirectory: string): string {
  return join(publicDirectory, "media", "sample-clip.mp4");
}

/** The ffmpeg to use: npm's static build for this platform, else one on the PATH. */
export function findFfmpeg(): string | null {
  const npmBuild = npmFfmpeg();
  if (npmBuild && makeExecutable(npmBuild)) return npmBuild;
  return process.env.PATH?.split(":").some((folder) => isExecutable(join(folder, "ffmpeg"))) ? "ffmpeg" : null;
}

function npmFfmpeg(): string | null {
  try {
    const require = createRequire(import.meta.url);
    const installer = require("@ffmpeg-installer/ffmpeg") as { path?: string };
    return installer.path && existsSync(installer.path) ? installer.path : null;
  } catch {
    return null; // Not installed for this platform.
  }
}

/**
 * The npm build is made executable by its package's postinstall script, which npm 11 skips unless the
 * project allows it ("install scripts not yet covered by allowScripts"): do what the script does.
 */
export function makeExecutable(file: string): boolean {
  if (isExecutable(file)) return true;
  try {
    chmodSync(file, statSync(file).mode | 0o111);
  } catch {
    return false; // Not ours to change (a read-only install): the PATH's ffmpeg, if any, will do.
  }
  return isExecutable(file);
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

/**
 * Whether `file` is a whole MP4: its top-level boxes (ftyp, moov, mdat...) fill the file exactly. A clip
 * cut short, or one whose ffmpeg died before writing the index (moov), is not.
 */
export function isCompleteMp4(file: string): boolean {
  let descriptor: number;
  try {
    descriptor = openSync(file, "r");
  } catch {
    return false;
  }
  try {
    const size = fstatSync(descriptor).size;
    const header = Buffer.alloc(16);
    const boxes = new Set<string>();
    let offset = 0;
    while (offset < size) {
      const read = readSync(descriptor, header, 0, 16, offset);
      if (read < 8) return false;
      const type = header.toString("latin1", 4, 8);
      let boxSize = header.readUInt32BE(0);
      if (boxSize === 1) {
        if (read < 16) return false;
        boxSize = Number(header.readBigUInt64BE(8));
      } else if (boxSize === 0) {
        boxSize = size - offset; // "to the end of the file"
      }
      if (boxSize < 8 || offset + boxSize > size) return false;
      boxes.add(type);
      offset += boxSize;
    }
    return boxes.has("ftyp") && boxes.has("moov") && boxes.has("mdat");
  } finally {
    closeSync(descriptor);
  }
}

// On globalThis, not in this module: Vite bundles vite.config.ts, and its copy of this module with it,
// apart from the dev server's, and the two must still share a generation.
const generationsKey: unique symbol = Symbol.for("marquee.sampleClipGenerations");
const generations = ((globalThis as { [generationsKey]?: Map<string, Promise<string | null>> })[generationsKey] ??= new Map());

/**
 * Writes the clip unless a whole one made with the same settings is there already. Null when there is
 * no ffmpeg. Concurrent calls for one clip share its generation.
 */
export function ensureSampleClip(publicDirectory: string, log: (line: string) => void = () => {}, settings: SampleClipSettings = sampleClip): Promise<string | null> {
  const file = sampleClipPath(publicDirectory);
  const pending = generations.get(file);
  if (pending) return pending;
  const generation = ensureClipFile(publicDirectory, file, log, settings).finally(() => generations.delete(file));
  generations.set(file, generation);
  return generation;
}

async function ensureClipFile(publicDirectory: string, file: string, log: (line: string) => void, settings: SampleClipSettings): Promise<string | null> {
  // The settings it was made with sit outside public/ (which is copied into dist/ as it is), written only
  // once the clip is in place.
  const settingsFile = join(dirname(publicDirectory), ".generated", "sample-clip.json");
  const settingsText = JSON.stringify(settings);
  const madeWithSettings = existsSync(settingsFile) && readFileSync(settingsFile, "utf8") === settingsText;
  if (madeWithSettings && isCompleteMp4(file)) return file;
  const ffmpeg = findFfmpeg();
  if (!ffmpeg) {
    log("No ffmpeg found (npm @ffmpeg-installer/ffmpeg or the PATH): the player will say the sample clip is missing.");
    return null;
  }
  if (existsSync(file)) log(madeWithSettings ? "the sample clip is damaged (cut short): generating it again" : "the sample clip's settings changed: generating it again");
  mkdirSync(dirname(file), { recursive: true });
  removeAbandonedPartials(file);
  const partial = partialPath(file);
  const started = performance.now();
  const { seconds, width, height, fps } = settings;
  try {
    await run(ffmpeg, [
      "-hide_banner", "-loglevel", "error", "-y",
      "-f", "lavfi", "-i", `testsrc=size=${width}x${height}:rate=${fps}:duration=${seconds}`,
      "-f", "lavfi", "-i", `sine=frequency=330:beep_factor=2:duration=${seconds}:sample_rate=22050`,
      "-filter:a", "volume=0.2",
      "-c:v", "libx264", "-preset", "veryfast", "-crf", "34", "-pix_fmt", "yuv420p", "-g", String(fps * 10),
      "-c:a", "aac", "-b:a", "24k", "-ac", "1",
      // The index first, so the browser can seek before it has the whole file.
      "-movflags", "+faststart", "-shortest",
      partial,
    ], { maxBuffer: 1024 * 1024 });
    if (!isCompleteMp4(partial)) throw new Error("it wrote an incomplete MP4");
    renameSync(partial, file);
  } catch (error) {
    rmSync(partial, { force: true });
    throw new Error(`ffmpeg could not generate the sample clip: ${error instanceof Error ? error.message : String(error)}`);
  }
  mkdirSync(dirname(settingsFile), { recursive: true });
  const settingsPartial = `${settingsFile}.${process.pid}-${randomBytes(4).toString("hex")}`;
  writeFileSync(settingsPartial, settingsText);
  renameSync(settingsPartial, settingsFile);
  log(`generated the sample clip (${seconds} s) in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return file;
}

/** This generation's own file, beside the clip (a rename is atomic only within one file system). */
function partialPath(file: string): string {
  return `${file}.${process.pid}-${randomBytes(4).toString("hex")}.partial.mp4`;
}

/** Partial clips left by processes that died mid-generation (public/ is deployed as it is). */
function removeAbandonedPartials(file: string): void {
  const pattern = new RegExp(`^${basename(file).replaceAll(".", "\\.")}\\.(\\d+)-[0-9a-f]+\\.partial\\.mp4$`);
  for (const name of readdirSync(dirname(file))) {
    const pid = pattern.exec(name)?.[1];
    if (pid && !processAlive(Number(pid))) rmSync(join(dirname(file), name), { force: true });
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
