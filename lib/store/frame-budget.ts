import type { Schedule } from './frame-batcher';

/**
 * When a hand-over may go at the next animation frame instead of waiting for the full tick. Two things
 * are measured of every hand-over: its cost (the store update and the render it causes, up to the end of
 * the microtasks that follow it), and how long until the next frame began; and, while one waits, the
 * intervals between the animation frames. It may go early when all allow: `cost / share` has passed
 * since the previous one, so updates take at most `share` of the main thread; and frames have been on
 * time, both after updates and between them, so a page already behind (busy reading a flood of frames,
 * painting more than its machine rasterizes in a frame, or on a slow machine) gets the full tick's
 * fewer, larger updates. After a late frame, frames on time while an update waits let updates go early
 * again within several frames, so one late frame does not hold them to the tick.
 */
export interface FramePacing {
  /** Animation frames. */
  schedule: Schedule;
  now: () => number;
  /** The share of the main thread hand-overs may take, between 0 and 1. */
  share: number;
  /** The display's frame interval, ms. */
  frameMs: number;
  /** Runs `measure` once the work a hand-over started has finished; a microtask by default. */
  settle?: (measure: () => void) => void;
}

/** Weight of the newest measure in the running estimates: one slow frame does not halt early updates. */
const WEIGHT = 0.3;
/**
 * Weight of a frame on time, seen while a hand-over waits, in the estimate of the frames after hand-overs:
 * after updates whose next frames came 60 ms late, about seven frames on time (120 ms) let the next go.
 */
const RECOVERY_WEIGHT = 0.1;
/** Frames may run this many frame intervals before updates fall back to the full tick. */
const LATE_FRAMES = 1.5;
/** A longer gap between two frames seen is not a frame interval (a hidden tab, or nothing waited between). */
const MAX_FRAME_GAP_MS = 250;

export class FrameBudget {
  private lastAt = -Infinity;
  /** Running estimates, ms: one hand-over's cost, and from a hand-over to the next frame. */
  private cost = 0;
  private frame = 0;
  /** Running estimate of the interval between the animation frames seen while a hand-over waited (the first from the wait's start), ms. */
  private interval = 0;
  private frameAt = -Infinity;

  constructor(private readonly pacing: FramePacing) {}

  /** Animation frames, for the caller to ask `allows` at each. */
  get schedule(): Schedule {
    return this.pacing.schedule;
  }

  /** Notes that a hand-over begins to wait for a frame: the first frame's interval counts from here. */
  waitBegan(): void {
    this.frameAt = this.pacing.now();
  }

  /**
   * Notes an animation frame that began while a hand-over waited. Frames a page cannot paint in time
   * come late though no script runs long (the compositor holds the next one back until the last is
   * rasterized): that shows here, not in what a hand-over costs the main thread.
   */
  frameBegan(): void {
    const at = this.pacing.now();
    const gap = at - this.frameAt;
    this.frameAt = at;
    if (gap > MAX_FRAME_GAP_MS) return;
    this.interval += WEIGHT * (gap - this.interval);
    // A frame on time with no update before it also counts, at a lower weight, towards the frames after
    // updates: else one late frame after an update would hold every update back until the full tick,
    // whose larger batch makes its own next frame late again.
    if (gap <= this.pacing.frameMs * LATE_FRAMES) this.frame += RECOVERY_WEIGHT * (gap - this.frame);
  }

  /** Whether a hand-over may go now. */
  allows(): boolean {
    const { now, share, frameMs } = this.pacing;
    const late = frameMs * LATE_FRAMES;
    return this.frame <= late && this.interval <= late && now() - this.lastAt >= this.cost / share;
  }

  /** Runs `handOver` and measures it. */
  measure(handOver: () => void): void {
    const { now, schedule, settle = queueMicrotask } = this.pacing;
    const startedAt = now();
    this.lastAt = startedAt;
    handOver();
    settle(() => (this.cost += WEIGHT * (now() - startedAt - this.cost)));
    schedule(() => (this.frame += WEIGHT * (now() - startedAt - this.frame)));
  }
}
