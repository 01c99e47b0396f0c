import { describe, expect, it } from 'vitest';
import { FrameBatcher, type Schedule } from './frame-batcher';
import { FrameBudget } from './frame-budget';

/** A schedule whose pending runs go only when the test says so. */
function manualSchedule() {
  let pending: (() => void)[] = [];
  const schedule: Schedule = (run) => {
    pending.push(run);
    return () => (pending = pending.filter((r) => r !== run));
  };
  const tick = () => pending.splice(0).forEach((run) => run());
  return { schedule, tick, pending: () => pending.length > 0 };
}

/**
 * A batcher whose hand-over costs `renderMs` of the fake clock each time, measured when the test
 * settles it; updates may take half the main thread, and frames are 16 ms.
 */
function setup(renderMs = 0) {
  const full = manualSchedule();
  const frame = manualSchedule();
  let now = 1_000;
  const batches: number[][] = [];
  const settling: (() => void)[] = [];
  const budget = new FrameBudget({ schedule: frame.schedule, share: 0.5, frameMs: 16, now: () => now, settle: (measure) => settling.push(measure) });
  const batcher = new FrameBatcher<number>(
    full.schedule,
    (items) => {
      batches.push(items);
      now += renderMs;
    },
    budget,
  );
  const settle = () => settling.splice(0).forEach((measure) => measure());
  /** Advances to the next frame and runs what waits for it. */
  const nextFrame = (ms = 16) => {
    now += ms;
    frame.tick();
  };
  return { full, frame, batches, batcher, settle, nextFrame, advance: (ms: number) => (now += ms) };
}

describe('FrameBatcher', () => {
  it('hands a batch over at the next frame while updates are cheap, and the full tick is not needed', () => {
    const { full, batches, batcher, settle, nextFrame } = setup(1);
    for (const i of [1, 2, 3, 4, 5]) batcher.push(i);
    nextFrame();
    settle();
    expect(batches).toEqual([[1, 2, 3, 4, 5]]);
    expect(full.pending()).toBe(false);
    batcher.push(6);
    nextFrame();
    expect(batches).toEqual([[1, 2, 3, 4, 5], [6]]);
  });

  it('spaces updates out by what they cost, so they take at most their share of the thread', () => {
    const { frame, batches, batcher, settle, nextFrame, advance } = setup(12);
    // Four hand-overs of 12 ms bring the estimate of one to 9.1 ms: the next may go 18.2 ms after the last began.
    for (const i of [1, 2, 3, 4]) {
      advance(200);
      batcher.push(i);
      nextFrame(4);
      settle();
      nextFrame(0);
    }
    batcher.push(5);
    nextFrame(2);
    expect(batches.length).toBe(4);
    expect(frame.pending()).toBe(true);
    nextFrame(16);
    expect(batches).toEqual([[1], [2], [3], [4], [5]]);
  });

  it('hands a batch with an urgent item over at the next frame, though the budget would hold it back', () => {
    const { frame, batches, batcher, settle, nextFrame } = setup(100);
    batcher.push(1);
    nextFrame();
    settle();
    // A 100 ms hand-over made the frame after it late: the budget holds the next one back.
    batcher.push(2);
    nextFrame();
    expect(batches).toEqual([[1]]);
    expect(frame.pending()).toBe(true);
    batcher.push(3, true);
    nextFrame();
    expect(batches).toEqual([[1], [2, 3]]);
    // Urgency goes with its batch: the next item waits for the budget again.
    settle();
    batcher.push(4);
    nextFrame();
    expect(batches).toEqual([[1], [2, 3]]);
  });

  it('holds updates back while the frames after them run late, and lets the next go after several frames on time', () => {
    const { full, batches, batcher, settle, nextFrame } = setup(1);
    /** Frames on time until the buffered batch goes (at most 20, past the 200 ms tick's 12). */
    const framesUntilHandOver = () => {
      const before = batches.length;
      let frames = 0;
      while (batches.length === before && frames < 20) {
        nextFrame();
        frames++;
      }
      return frames;
    };
    // Each update's next frame begins 60 ms after it: the page paints more than it rasterizes in a frame.
    for (const i of [1, 2]) {
      batcher.push(i);
      nextFrame();
      settle();
      nextFrame(60);
    }
    expect(batches).toEqual([[1], [2]]);
    batcher.push(3);
    const first = framesUntilHandOver();
    expect(batches).toEqual([[1], [2], [3]]);
    // Not at the next frame, which would be late again, but well before the full tick.
    expect(first).toBeGreaterThan(2);
    expect(first).toBeLessThan(12);
    expect(full.pending()).toBe(false);
    // A page that stays behind gets an update every several frames, not one per frame.
    settle();
    nextFrame(60);
    batcher.push(4);
    const second = framesUntilHandOver();
    expect(batches.at(-1)).toEqual([4]);
    expect(second).toBeGreaterThan(2);
    expect(second).toBeLessThan(12);
  });

  it('keeps to the full tick while the frames a batch waits for come late, though the frame after each update is on time', () => {
    const { full, batches, batcher, settle, nextFrame } = setup(1);
    // The page paints more than the machine rasterizes in a frame: frames come 50 ms apart while
    // batches wait, and nothing the updates cost on the main thread shows it.
    for (const i of [1, 2, 3]) {
      batcher.push(i);
      nextFrame(50);
      if (full.pending()) full.tick();
      settle();
      nextFrame(16);
    }
    batcher.push(4);
    nextFrame(50);
    expect(batches.at(-1)).toEqual([3]);
    full.tick();
    expect(batches.at(-1)).toEqual([4]);
    settle();
    nextFrame(16);
    // Frames on time again: a few of them bring the early hand-over back.
    for (const i of [5, 6, 7, 8, 9]) {
      batcher.push(i);
      nextFrame(16);
      if (full.pending()) full.tick();
      settle();
      nextFrame(16);
    }
    batcher.push(10);
    nextFrame(16);
    expect(batches.at(-1)).toEqual([10]);
  });

  it('hands the batch over at the full tick when frames do not come', () => {
    const { full, frame, batches, batcher } = setup();
    for (const i of [1, 2, 3]) batcher.push(i);
    full.tick();
    expect(batches).toEqual([[1, 2, 3]]);
    expect(frame.pending()).toBe(true);
  });
});
