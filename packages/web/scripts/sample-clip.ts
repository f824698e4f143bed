// The sample clip every title plays until titles have videos: a test pattern with a tone, generated
// with ffmpeg (npm @ffmpeg-installer/ffmpeg, or one on the PATH) into public/media/ on the first build
// or start, and reused after. Longer than 5 minutes, so the API's resume rules apply to it.
import { execFile } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { promisify } from "node:util";

export const sampleClip = {
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
  try {
    const require = createRequire(import.meta.url);
    const installer = require("@ffmpeg-installer/ffmpeg") as { path?: string };
    if (installer.path && existsSync(installer.path)) return installer.path;
  } catch {
    // Not installed for this platform.
  }
  return process.env.PATH?.split(":").some((folder) => existsSync(join(folder, "ffmpeg"))) ? "ffmpeg" : null;
}

/** Writes the clip unless it is there already (with the same settings). Null when there is no ffmpeg. */
export async function ensureSampleClip(publicDirectory: string, log: (line: string) => void = () => {}): Promise<string | null> {
  const file = sampleClipPath(publicDirectory);
  // The settings it was made with sit outside public/ (which is copied into dist/ as it is).
  const settingsFile = join(dirname(publicDirectory), ".generated", "sample-clip.json");
  const settings = JSON.stringify(sampleClip);
  if (existsSync(file) && existsSync(settingsFile) && readFileSync(settingsFile, "utf8") === settings) return file;
  const ffmpeg = findFfmpeg();
  if (!ffmpeg) {
    log("No ffmpeg found (npm @ffmpeg-installer/ffmpeg or the PATH): the player will say the sample clip is missing.");
    return null;
  }
  mkdirSync(dirname(file), { recursive: true });
  const partial = `${file}.partial.mp4`;
  const started = performance.now();
  const { seconds, width, height, fps } = sampleClip;
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
  } catch (error) {
    rmSync(partial, { force: true });
    throw new Error(`ffmpeg could not generate the sample clip: ${error instanceof Error ? error.message : String(error)}`);
  }
  renameSync(partial, file);
  mkdirSync(dirname(settingsFile), { recursive: true });
  writeFileSync(settingsFile, settings);
  log(`generated the sample clip (${seconds} s) in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return file;
}
