import { describe, expect, it } from 'vitest';
import { ChannelHistory } from './history';

function fill(history: ChannelHistory, count: number): void {
  for (let i = 0; i < count; i++) {
    const seq = history.lastSeq + 1;
    history.append({ seq, event: 'bet.placed', fields: {} }, `t${seq}`);
  }
}

describe('ChannelHistory', () => {
  it('returns exactly the events after since, in order', () => {
    const history = new ChannelHistory();
    fill(history, 50);
    expect(history.after(40)!.map((e) => e.seq)).toEqual([41, 42, 43, 44, 45, 46, 47, 48, 49, 50]);
    expect(history.after(0)!.length).toBe(50);
    expect(history.after(50)).toEqual([]);
  });

  it('says it cannot resume a seq ahead of the channel', () => {
    const history = new ChannelHistory();
    fill(history, 3);
    expect(history.after(4)).toBeNull();
    expect(new ChannelHistory().after(0)).toEqual([]);
  });

  it('keeps at least minEvents regardless of age, and drops older ones once they are stale', () => {
    let now = 0;
    const history = new ChannelHistory({ minEvents: 100, maxAgeMs: 1000, maxBytes: 2 ** 30, hardCap: 10_000 }, () => now);
    fill(history, 150);
    expect(history.length).toBe(150);
    now = 5000;
    fill(history, 1);
    expect(history.length).toBe(100);
    expect(history.after(51)!.length).toBe(100);
    expect(history.after(50)).toBeNull();
  });

  it('keeps everything younger than maxAge beyond minEvents, up to the hard cap', () => {
    const now = 0;
    const history = new ChannelHistory({ minEvents: 10, maxAgeMs: 60_000, maxBytes: 2 ** 30, hardCap: 3000 }, () => now);
    fill(history, 2500);
    expect(history.length).toBe(2500);
    fill(history, 1000);
    expect(history.length).toBe(3000);
    expect(history.after(history.lastSeq - 2000)!.length).toBe(2000);
    expect(history.after(1)).toBeNull();
  });

  it('wraps the ring without losing order', () => {
    const history = new ChannelHistory({ minEvents: 5, maxAgeMs: 0, maxBytes: 2 ** 30, hardCap: 7 }, () => 1);
    fill(history, 23);
    expect(history.after(18)!.map((e) => e.tail.toString())).toEqual(['t19', 't20', 't21', 't22', 't23']);
  });

  it('drops the oldest beyond minEvents once the channel holds more than maxBytes, whatever their age', () => {
    const history = new ChannelHistory({ minEvents: 10, maxAgeMs: 60_000, maxBytes: 100 * 300, hardCap: 10_000 }, () => 0);
    for (let i = 0; i < 500; i++) {
      const seq = history.lastSeq + 1;
      history.append({ seq, event: 'market.changed', fields: {} }, 'x'.repeat(100));
    }
    expect(history.bytes).toBeLessThanOrEqual(100 * 300);
    expect(history.length).toBe(100);
    expect(history.after(history.lastSeq - 100)!.length).toBe(100);
  });

  it('keeps minEvents even when they alone pass maxBytes', () => {
    const history = new ChannelHistory({ minEvents: 50, maxAgeMs: 60_000, maxBytes: 1000, hardCap: 10_000 }, () => 0);
    fill(history, 80);
    expect(history.length).toBe(50);
  });

  it('returns the tail as UTF-8 bytes and keeps each one intact across arena chunks', () => {
    const history = new ChannelHistory({ minEvents: 10, maxAgeMs: 60_000, maxBytes: 2 ** 30, hardCap: 100_000 }, () => 0);
    const texts = Array.from({ length: 3000 }, (_, i) => `"é€${i}"`.repeat(1 + (i % 50)));
    texts.push('x'.repeat(200_000));
    texts.forEach((text, i) => expect(history.append({ seq: i + 1, event: 'e', fields: {} }, text).toString()).toBe(text));
    expect(history.after(0)!.map((e) => e.tail.toString())).toEqual(texts);
  });

  it('keeps a run of tails as the same appends would, across arena chunks and in buffers of their own', () => {
    const one = new ChannelHistory({ minEvents: 10, maxAgeMs: 60_000, maxBytes: 2 ** 30, hardCap: 100_000 }, () => 0);
    const run = new ChannelHistory({ minEvents: 10, maxAgeMs: 60_000, maxBytes: 2 ** 30, hardCap: 100_000 }, () => 0);
    const texts = Array.from({ length: 2000 }, (_, i) => (i % 7 === 0 ? `"é€${i}"` : `"t${i}"`).repeat(1 + (i % 40)));
    texts.forEach((text, i) => one.append({ seq: i + 1, event: 'e', fields: { i } }, text));
    for (let from = 0; from < texts.length; from += 100) {
      const slice = texts.slice(from, from + 100);
      const { bytes, ends } = run.appendRun(slice.map(() => 'e'), slice.map((_, i) => ({ i: from + i })), slice);
      expect(slice.map((_, i) => bytes.subarray(i === 0 ? 0 : ends[i - 1], ends[i]).toString())).toEqual(slice);
    }
    expect(run.after(0)).toEqual(one.after(0));
    expect(run.bytes).toBe(one.bytes);
  });

  it('evicts after a run as after the same appends', () => {
    const options = { minEvents: 5, maxAgeMs: 0, maxBytes: 2 ** 30, hardCap: 7 };
    const run = new ChannelHistory(options, () => 1);
    fill(run, 3);
    run.appendRun(Array(20).fill('e'), Array(20).fill({}), Array.from({ length: 20 }, (_, i) => `t${i + 4}`));
    expect(run.length).toBe(7);
    expect(run.after(15)).toBeNull();
    expect(run.after(18)!.map((e) => e.tail.toString())).toEqual(['t19', 't20', 't21', 't22', 't23']);
  });
});
