// The player: plays the title (the labelled sample clip for now) from its resume point, reports progress
// through the progress queue (periodically, on pause, at the end, on leaving), and shows the title as
// finished at the end. Its own chunk: nothing else needs it.
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from "react";
import { useQuery } from "urql";
import { ContinueWatchingQuery, TitleQuery } from "../api/documents.ts";
import { describeApiError } from "../api/errors.ts";
import { useProfile, useServices, useUser } from "../app/services.tsx";
import { ErrorNotice, formatDuration, formatRuntime } from "../ui/components.tsx";
import { Icon } from "../ui/icons.tsx";
import { Link, navigate, paths, useLocation } from "../router.tsx";
import { sampleClipUrl, standInTimeline, type Timeline } from "./media.ts";
import { createProgressTracker, type ProgressTracker } from "./progress.ts";

export function PlayerPage({ titleId }: { titleId: string }) {
  const profile = useProfile();
  const { search } = useLocation();
  const [{ data, error, fetching }] = useQuery({ query: TitleQuery, variables: { id: titleId, profileId: profile.id }, requestPolicy: "cache-first" });
  const [{ data: watching, fetching: watchingFetching }] = useQuery({
    query: ContinueWatchingQuery,
    variables: { profileId: profile.id, limit: 50 },
    requestPolicy: "cache-first",
  });
  const title = data?.title;
  const entry = watching?.continueWatching.items.find((item) => item.title.id === titleId);
  const from = search.get("from");
  const start = from !== null && Number.isFinite(Number(from)) ? Number(from) : (entry?.resumeAtSeconds ?? 0);

  if (!title || (watchingFetching && !watching)) {
    return (
      <main className="player-page" id="main">
        <h1 className="visually-hidden">Player</h1>
        {error || (!fetching && !title) ? (
          <ErrorNotice message={describeApiError(error)?.message ?? "There is no such title."} />
        ) : (
          <p role="status" className="player-loading">
            Loading…
          </p>
        )}
        <Link to={paths.title(titleId)} className="button button-outline">
          Back
        </Link>
      </main>
    );
  }
  return <Player key={titleId} titleId={titleId} titleName={title.name} knownDuration={entry?.durationSeconds ?? null} start={start} />;
}

type PlayerProps = { titleId: string; titleName: string; knownDuration: number | null; start: number };

function Player({ titleId, titleName, knownDuration, start }: PlayerProps) {
  const { progressQueue } = useServices();
  const user = useUser();
  const profile = useProfile();
  const video = useRef<HTMLVideoElement>(null);
  const container = useRef<HTMLDivElement>(null);
  const repeat = useRef(0);
  const tracker = useRef<ProgressTracker | null>(null);
  const [timeline, setTimeline] = useState<Timeline | null>(null);
  const [position, setPosition] = useState(start);
  const [playing, setPlaying] = useState(false);
  const [finished, setFinished] = useState(false);
  const [blocked, setBlocked] = useState(false);
  const [mediaError, setMediaError] = useState(false);
  const [muted, setMuted] = useState(false);

  const current = useCallback(() => {
    const element = video.current;
    return element && timeline ? timeline.position(repeat.current, element.currentTime) : 0;
  }, [timeline]);

  const play = useCallback(() => {
    const element = video.current;
    if (!element) return;
    setBlocked(false);
    element.play().catch(() => setBlocked(true));
  }, []);

  const seek = useCallback(
    (target: number) => {
      const element = video.current;
      if (!element || !timeline) return;
      const spot = timeline.locate(target);
      repeat.current = spot.repeat;
      element.currentTime = spot.clipTime;
      setPosition(timeline.position(spot.repeat, spot.clipTime));
      tracker.current?.update(timeline.position(spot.repeat, spot.clipTime));
      setFinished(false);
    },
    [timeline],
  );

  // Once the clip's length is known: the timeline, the tracker, the resume point, then play.
  const started = useRef(false);
  const onLoadedMetadata = () => {
    const element = video.current;
    if (!element || started.current || !Number.isFinite(element.duration)) return;
    started.current = true;
    const line = standInTimeline(element.duration, knownDuration);
    setTimeline(line);
    tracker.current = createProgressTracker({ queue: progressQueue, accountSub: user.sub, profileId: profile.id, titleId, durationSeconds: line.duration });
    // Resuming within the last seconds would finish at once: start over instead.
    const resumeAt = start < line.duration - 5 ? start : 0;
    const spot = line.locate(resumeAt);
    repeat.current = spot.repeat;
    element.currentTime = spot.clipTime;
    setPosition(resumeAt);
    tracker.current.update(resumeAt);
    element.play().catch(() => setBlocked(true));
  };

  // React drops media events that fire before it has mounted the element (a cached clip can be that
  // quick): catch up once mounted.
  useEffect(() => {
    if ((video.current?.readyState ?? 0) >= 1) onLoadedMetadata();
    // Once, on mount.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const finish = useCallback(() => {
    const element = video.current;
    element?.pause();
    setFinished(true);
    setPlaying(false);
    if (timeline) setPosition(timeline.duration);
    tracker.current?.ended();
  }, [timeline]);

  const onTimeUpdate = () => {
    if (!timeline || finished) return;
    const now = current();
    setPosition(now);
    tracker.current?.update(now);
    if (now >= timeline.duration - 0.25) finish();
  };

  const onEnded = () => {
    const element = video.current;
    if (!element || !timeline) return;
    // The clip ended: repeat it while the title has more to go.
    if (timeline.position(repeat.current + 1, 0) < timeline.duration - 0.25) {
      repeat.current += 1;
      element.currentTime = 0;
      play();
    } else finish();
  };

  // Leaving (route change, tab hidden or closed): record where the viewer was and send it now.
  useEffect(() => {
    const leave = () => {
      tracker.current?.leave();
      void progressQueue.flush();
    };
    const onVisibility = () => {
      if (document.visibilityState === "hidden") leave();
    };
    window.addEventListener("pagehide", leave);
    document.addEventListener("visibilitychange", onVisibility);
    return () => {
      window.removeEventListener("pagehide", leave);
      document.removeEventListener("visibilitychange", onVisibility);
      leave();
    };
  }, [progressQueue]);

  const toggle = () => {
    const element = video.current;
    if (!element) return;
    if (finished) {
      seek(0);
      play();
    } else if (element.paused) play();
    else element.pause();
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.target instanceof HTMLInputElement && event.target.type === "range" && event.key.startsWith("Arrow")) return;
    const key = event.key.toLowerCase();
    if (key === " " || key === "k") {
      if (event.target instanceof HTMLButtonElement && key === " ") return;
      event.preventDefault();
      toggle();
    } else if (key === "arrowleft" || key === "j") {
      event.preventDefault();
      seek(current() - 10);
    } else if (key === "arrowright" || key === "l") {
      event.preventDefault();
      seek(current() + 10);
    } else if (key === "m") {
      setMuted((value) => !value);
    } else if (key === "f") {
      void toggleFullscreen();
    }
  };

  const toggleFullscreen = async () => {
    if (document.fullscreenElement) await document.exitFullscreen().catch(() => undefined);
    else await container.current?.requestFullscreen?.().catch(() => undefined);
  };

  const duration = timeline?.duration ?? knownDuration ?? 0;
  const standsIn = timeline && video.current ? timeline.duration > video.current.duration + 1 : false;
  const label = useMemo(() => `Sample clip: ${titleName} has no video yet`, [titleName]);

  return (
    <main className="player-page" id="main" data-testid="player">
      <div className="player" ref={container} onKeyDown={onKeyDown}>
        <h1 className="visually-hidden">Playing {titleName}</h1>
        <video
          ref={video}
          className="player-video"
          src={sampleClipUrl}
          preload="auto"
          playsInline
          muted={muted}
          aria-label={label}
          onLoadedMetadata={onLoadedMetadata}
          onTimeUpdate={onTimeUpdate}
          onPlay={() => {
            setPlaying(true);
            tracker.current?.playing();
          }}
          onPause={() => {
            setPlaying(false);
            const element = video.current;
            // A pause at the clip's end is the clip repeating or the title finishing, not the viewer.
            if (element && !element.ended) tracker.current?.paused();
          }}
          onEnded={onEnded}
          onError={() => setMediaError(true)}
          onClick={toggle}
        />
        <div className="player-label" data-testid="sample-clip-label">
          <strong>Sample clip</strong> · {titleName} has no video yet
          {standsIn && timeline ? ` · the clip repeats to fill the title's ${formatRuntime(timeline.duration)}` : ""}
        </div>
        {mediaError && (
          <ErrorNotice message="The sample clip isn't available on this server (it is generated with ffmpeg when the web app is built)." />
        )}
        {blocked && !finished && (
          <button type="button" className="player-big-play" onClick={play} aria-label={`Play ${titleName}`}>
            <Icon name="play" size={56} />
          </button>
        )}
        {finished && (
          <div className="player-finished" role="status" data-testid="finished">
            <p>You've finished {titleName}.</p>
            <div className="actions">
              <button type="button" className="button button-primary" onClick={toggle}>
                Watch again
              </button>
              <Link to={paths.title(titleId)} className="button button-outline">
                Back to {titleName}
              </Link>
            </div>
          </div>
        )}
        <div className="player-controls">
          <button type="button" className="icon-button player-back" onClick={() => navigate(paths.title(titleId))} aria-label={`Back to ${titleName}`}>
            <Icon name="back" />
          </button>
          <button type="button" className="icon-button" onClick={toggle} aria-label={playing ? "Pause" : "Play"} data-testid="play-pause">
            <Icon name={playing ? "pause" : "play"} />
          </button>
          <span className="player-time" aria-hidden="true">
            {formatDuration(position)}
          </span>
          <input
            type="range"
            className="player-scrubber"
            min={0}
            max={Math.max(1, Math.floor(duration))}
            step={1}
            value={Math.floor(position)}
            aria-label="Position"
            aria-valuetext={`${formatDuration(position)} of ${formatDuration(duration)}`}
            onChange={(event) => seek(Number(event.target.value))}
            data-testid="scrubber"
          />
          <span className="player-time" aria-hidden="true">
            {formatDuration(duration)}
          </span>
          <button type="button" className="icon-button" onClick={() => setMuted((value) => !value)} aria-label={muted ? "Unmute" : "Mute"} aria-pressed={muted}>
            <Icon name={muted ? "muted" : "volume"} />
          </button>
          <button type="button" className="icon-button" onClick={() => void toggleFullscreen()} aria-label="Full screen">
            <Icon name="fullscreen" />
          </button>
        </div>
      </div>
    </main>
  );
}
