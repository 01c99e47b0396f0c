/** Runs `run` later and returns a canceller. */
export type Schedule = (run: () => void) => () => void;

/**
 * A sooner hand-over for small batches: at each `schedule` tick (an animation frame) the batch
 * goes if at most `maxItems` are waiting and the previous hand-over is at least `minGapMs` old.
 */
export interface EarlyFlush {
  schedule: Schedule;
  maxItems: number;
  /** Bounds the updates a steady trickle makes to 1000 / minGapMs a second. */
  minGapMs: number;
  now: () => number;
}

/**
 * Buffers items and hands them over in one call per scheduled tick, so the store makes
 * one update per batch however fast frames arrive. With `early`, a trickle of items goes
 * at the next early tick instead of waiting for the full one; a flood waits, so the
 * number of updates stays bounded at any rate.
 */
export class FrameBatcher<T> {
  private items: T[] = [];
  private cancel: (() => void) | null = null;
  private lastFlushAt = -Infinity;

  constructor(
    private readonly schedule: Schedule,
    private readonly flush: (items: T[]) => void,
    private readonly early?: EarlyFlush,
  ) {}

  push(item: T): void {
    this.items.push(item);
    if (this.cancel) return;
    const cancelFull = this.schedule(() => this.flushNow());
    const early = this.early;
    let cancelEarly: (() => void) | undefined;
    const tryEarly = () => {
      if (!early || this.items.length > early.maxItems) return;
      if (early.now() - this.lastFlushAt >= early.minGapMs) this.flushNow();
      else cancelEarly = early.schedule(tryEarly);
    };
    cancelEarly = early?.schedule(tryEarly);
    this.cancel = () => {
      cancelFull();
      cancelEarly?.();
    };
  }

  /** Hands over whatever is buffered now. */
  flushNow(): void {
    this.cancel?.();
    this.cancel = null;
    if (this.items.length === 0) return;
    const items = this.items;
    this.items = [];
    this.lastFlushAt = this.early?.now() ?? 0;
    this.flush(items);
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
