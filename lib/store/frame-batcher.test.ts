import { describe, expect, it } from 'vitest';
import { FrameBatcher, type Schedule } from './frame-batcher';

/** A schedule whose pending tick runs only when the test says so. */
function manualSchedule() {
  let pending: (() => void) | null = null;
  const schedule: Schedule = (run) => {
    pending = run;
    return () => (pending = null);
  };
  const tick = () => {
    const run = pending;
    pending = null;
    run?.();
  };
  return { schedule, tick, pending: () => pending !== null };
}

/**
 * A batcher whose hand-over costs `renderMs` of the fake clock each time, measured when the test
 * settles it; updates may take half the main thread.
 */
function setup(renderMs = 0) {
  const full = manualSchedule();
  const frame = manualSchedule();
  let now = 1_000;
  const batches: number[][] = [];
  const settling: (() => void)[] = [];
  const batcher = new FrameBatcher<number>(
    full.schedule,
    (items) => {
      batches.push(items);
      now += renderMs;
    },
    { schedule: frame.schedule, share: 0.5, now: () => now, settle: (measure) => settling.push(measure) },
  );
  const settle = () => settling.splice(0).forEach((measure) => measure());
  return { full, frame, batches, batcher, settle, advance: (ms: number) => (now += ms) };
}

describe('FrameBatcher', () => {
  it('hands a batch over at the next frame while updates are cheap, and the full tick is not needed', () => {
    const { full, frame, batches, batcher, settle, advance } = setup(1);
    for (const i of [1, 2, 3, 4, 5]) batcher.push(i);
    frame.tick();
    settle();
    expect(batches).toEqual([[1, 2, 3, 4, 5]]);
    expect(full.pending()).toBe(false);
    advance(16);
    batcher.push(6);
    frame.tick();
    expect(batches).toEqual([[1, 2, 3, 4, 5], [6]]);
  });

  it('spaces updates out by what they cost, so they take at most their share of the thread', () => {
    const { frame, batches, batcher, settle, advance } = setup(40);
    // Four hand-overs of 40 ms bring the estimate of one to 30.4 ms: the next may go 60.8 ms after the last began.
    for (const i of [1, 2, 3, 4]) {
      advance(200);
      batcher.push(i);
      frame.tick();
      settle();
    }
    advance(16);
    batcher.push(5);
    frame.tick();
    expect(batches.length).toBe(4);
    expect(frame.pending()).toBe(true);
    advance(4);
    frame.tick();
    expect(batches.length).toBe(4);
    advance(1);
    frame.tick();
    expect(batches).toEqual([[1], [2], [3], [4], [5]]);
  });

  it('hands the batch over at the full tick when frames do not come', () => {
    const { full, frame, batches, batcher } = setup();
    for (const i of [1, 2, 3]) batcher.push(i);
    full.tick();
    expect(batches).toEqual([[1, 2, 3]]);
    expect(frame.pending()).toBe(false);
  });
});
