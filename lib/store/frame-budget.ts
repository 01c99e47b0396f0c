import type { Schedule } from './frame-batcher';

/**
 * When a hand-over may go at the next animation frame instead of waiting for the full tick. Two things
 * are measured of every hand-over: its cost (the store update and the render it causes, up to the end of
 * the microtasks that follow it), and how long until the next frame began. It may go early when both
 * allow: `cost / share` has passed since the previous one, so updates take at most `share` of the main
 * thread; and the frames that held updates have been on time, so a page already behind (busy reading a
 * flood of frames, or on a slow machine) gets the full tick's fewer, larger updates.
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
/** Frames holding updates may run this many frame intervals before updates fall back to the full tick. */
const LATE_FRAMES = 1.5;

export class FrameBudget {
  private lastAt = -Infinity;
  /** Running estimates, ms: one hand-over's cost, and from a hand-over to the next frame. */
  private cost = 0;
  private frame = 0;

  constructor(private readonly pacing: FramePacing) {}

  /** Animation frames, for the caller to ask `allows` at each. */
  get schedule(): Schedule {
    return this.pacing.schedule;
  }

  /** Whether a hand-over may go now. */
  allows(): boolean {
    const { now, share, frameMs } = this.pacing;
    return this.frame <= frameMs * LATE_FRAMES && now() - this.lastAt >= this.cost / share;
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
