// What the player plays. Titles have no uploaded video yet, so every title plays the project's sample
// clip (generated with ffmpeg by scripts/sample-clip.ts), clearly labelled as such. When a title's known
// runtime is longer than the clip, the clip repeats to stand in for the whole title, so resume points
// and "finished" keep their meaning.

export const sampleClipUrl = "/media/sample-clip.mp4";

export type Timeline = {
  /** The title's length in seconds (what progress is reported against). */
  duration: number;
  /** Where in the clip, and which repeat, a title position is. */
  locate(position: number): { repeat: number; clipTime: number };
  position(repeat: number, clipTime: number): number;
};

export function standInTimeline(clipSeconds: number, titleSeconds: number | null): Timeline {
  const clip = Math.max(1, clipSeconds);
  const duration = titleSeconds && titleSeconds > clip ? titleSeconds : clip;
  return {
    duration,
    locate(position) {
      const clamped = Math.min(Math.max(0, position), duration);
      const repeat = Math.min(Math.floor(clamped / clip), Math.max(0, Math.ceil(duration / clip) - 1));
      return { repeat, clipTime: Math.min(clip, clamped - repeat * clip) };
    },
    position(repeat, clipTime) {
      return Math.min(duration, repeat * clip + clipTime);
    },
  };
}
