/** Runs `run` later and returns a canceller. */
export type Schedule = (run: () => void) => () => void;

/**
 * Hand-over at the next animation frame whenever the page can afford it. What a hand-over costs (the
 * store update and the render it causes, up to the end of the microtasks that follow it) is measured;
 * the next one may go once `cost / share` has passed since the previous one, so updates take at most
 * `share` of the main thread. Cheap updates therefore go every frame; under load they space out up to
 * the full tick.
 */
export interface FramePacing {
  /** Animation frames. */
  schedule: Schedule;
  now: () => number;
  /** The share of the main thread hand-overs may take, between 0 and 1. */
  share: number;
  /** Runs `measure` once the work a hand-over started has finished; a microtask by default. */
  settle?: (measure: () => void) => void;
}

/** Weight of the newest cost in the running estimate: smooth enough that one slow render does not halt updates. */
const COST_WEIGHT = 0.3;

/**
 * Buffers items and hands them over in one call per scheduled tick, so the store makes
 * one update per batch however fast frames arrive. With `pacing`, the batch goes at the
 * first animation frame the page's budget allows instead of waiting for the full tick;
 * the full tick still bounds how long an item can wait.
 */
export class FrameBatcher<T> {
  private items: T[] = [];
  private cancel: (() => void) | null = null;
  private lastFlushAt = -Infinity;
  /** Running estimate of one hand-over's cost, in ms. */
  private cost = 0;

  constructor(
    private readonly schedule: Schedule,
    private readonly flush: (items: T[]) => void,
    private readonly pacing?: FramePacing,
  ) {}

  push(item: T): void {
    this.items.push(item);
    if (this.cancel) return;
    const cancelFull = this.schedule(() => this.flushNow());
    const pacing = this.pacing;
    let cancelFrame: (() => void) | undefined;
    const onFrame = () => {
      if (pacing!.now() - this.lastFlushAt >= this.cost / pacing!.share) this.flushNow();
      else cancelFrame = pacing!.schedule(onFrame);
    };
    cancelFrame = pacing?.schedule(onFrame);
    this.cancel = () => {
      cancelFull();
      cancelFrame?.();
    };
  }

  /** Hands over whatever is buffered now. */
  flushNow(): void {
    this.cancel?.();
    this.cancel = null;
    if (this.items.length === 0) return;
    const items = this.items;
    this.items = [];
    const pacing = this.pacing;
    if (!pacing) return this.flush(items);
    const startedAt = pacing.now();
    this.lastFlushAt = startedAt;
    this.flush(items);
    (pacing.settle ?? queueMicrotask)(() => {
      this.cost += COST_WEIGHT * (pacing.now() - startedAt - this.cost);
    });
  }

  /** Drops buffered items and the pending tick. */
  dispose(): void {
    this.cancel?.();
    this.cancel = null;
    this.items = [];
  }
}

/** Next animation frame, or `maxWaitMs` when frames are not running (background tab). */
export function onAnimationFrame(maxWaitMs = 250): Schedule {
  return (run) => {
    let done = false;
    const once = () => {
      if (done) return;
      done = true;
      cancelAnimationFrame(frame);
      clearTimeout(timer);
      run();
    };
    const frame = requestAnimationFrame(once);
    const timer = setTimeout(once, maxWaitMs);
    return () => {
      done = true;
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  };
}

/** A fixed delay after the first buffered item: at most one flush per `ms`. */
export function afterDelay(ms: number, timers: Pick<typeof globalThis, 'setTimeout' | 'clearTimeout'> = globalThis): Schedule {
  return (run) => {
    const timer = timers.setTimeout(run, ms);
    return () => timers.clearTimeout(timer);
  };
}
