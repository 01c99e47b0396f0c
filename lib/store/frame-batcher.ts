import type { FrameBudget } from './frame-budget';

/** Runs `run` later and returns a canceller. */
export type Schedule = (run: () => void) => () => void;

/**
 * Buffers items and hands them over in one call per scheduled tick, so the store makes
 * one update per batch however fast frames arrive. With a `budget`, the batch goes at the
 * first animation frame the budget allows instead of waiting for the full tick;
 * the full tick still bounds how long an item can wait.
 */
export class FrameBatcher<T> {
  private items: T[] = [];
  private cancel: (() => void) | null = null;
  /** Whether the buffered items include one that goes at the next frame whatever the budget says. */
  private urgent = false;

  constructor(
    private readonly schedule: Schedule,
    private readonly flush: (items: T[]) => void,
    private readonly budget?: FrameBudget,
  ) {}

  /**
   * Buffers an item. An `urgent` one (a panel's first data, which someone opening the page waits for)
   * takes its batch at the next animation frame even when the budget would hold it back.
   */
  push(item: T, urgent = false): void {
    this.items.push(item);
    if (urgent) this.urgent = true;
    if (this.cancel) return;
    const cancelFull = this.schedule(() => this.flushNow());
    const budget = this.budget;
    let cancelFrame: (() => void) | undefined;
    const onFrame = () => {
      budget!.frameBegan();
      if (this.urgent || budget!.allows()) this.flushNow();
      else cancelFrame = budget!.schedule(onFrame);
    };
    budget?.waitBegan();
    cancelFrame = budget?.schedule(onFrame);
    this.cancel = () => {
      cancelFull();
      cancelFrame?.();
    };
  }

  /** Hands over whatever is buffered now. */
  flushNow(): void {
    this.cancel?.();
    this.cancel = null;
    this.urgent = false;
    if (this.items.length === 0) return;
    const items = this.items;
    this.items = [];
    if (this.budget) this.budget.measure(() => this.flush(items));
    else this.flush(items);
  }

  /** Drops buffered items and the pending tick. */
  dispose(): void {
    this.cancel?.();
    this.cancel = null;
    this.urgent = false;
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
