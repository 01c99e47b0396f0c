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

function setup() {
  const full = manualSchedule();
  const frame = manualSchedule();
  let now = 1_000;
  const batches: number[][] = [];
  const batcher = new FrameBatcher<number>(full.schedule, (items) => batches.push(items), {
    schedule: frame.schedule,
    maxItems: 3,
    minGapMs: 50,
    now: () => now,
  });
  return { full, frame, batches, batcher, advance: (ms: number) => (now += ms) };
}

describe('FrameBatcher', () => {
  it('hands a trickle over at the next frame, and the full tick is not needed', () => {
    const { full, frame, batches, batcher } = setup();
    batcher.push(1);
    batcher.push(2);
    frame.tick();
    expect(batches).toEqual([[1, 2]]);
    expect(full.pending()).toBe(false);
  });

  it('keeps a flood for the full tick, in one batch', () => {
    const { full, frame, batches, batcher } = setup();
    for (const i of [1, 2, 3, 4, 5]) batcher.push(i);
    frame.tick();
    expect(batches).toEqual([]);
    expect(frame.pending()).toBe(false);
    full.tick();
    expect(batches).toEqual([[1, 2, 3, 4, 5]]);
  });

  it('waits for the frame after the gap when the previous update was recent', () => {
    const { frame, batches, batcher, advance } = setup();
    batcher.push(1);
    frame.tick();
    advance(16);
    batcher.push(2);
    frame.tick();
    expect(batches).toEqual([[1]]);
    advance(40);
    frame.tick();
    expect(batches).toEqual([[1], [2]]);
  });
});
