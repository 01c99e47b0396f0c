import { describe, expect, it } from 'vitest';
import { DedupWindow } from './dedup-window';
import type { FloorEvents } from './floor-events';
import type { FloorItem } from './floor-items';
import { createIngest } from './ingest';

const offline = (terminalId: string) => ({ event: 'deviceOffline', data: { terminalId, lostAt: '2026-01-18T14:00:00Z' } });

/** An ingest whose floor events only record the order items arrive in, and whose commits are counted. */
function setup(sliceMs: number) {
  const applied: string[] = [];
  const commits: number[] = [];
  const floorEvents: Pick<FloorEvents, 'apply' | 'pair' | 'inBatch'> = {
    pair: () => new Map(),
    inBatch: (work) => work(),
    apply: (item: FloorItem) => void applied.push(item.kind === 'deviceOffline' ? item.data.terminalId : item.id),
  };
  const ingest = createIngest({
    floorEvents: floorEvents as FloorEvents,
    dedup: new DedupWindow({ capacity: 10_000 }),
    reportBadInput: () => {},
    alarmBatch: async (work) => {
      const before = applied.length;
      const result = work();
      commits.push(applied.length - before);
      return result;
    },
    onAccepted: () => {},
    sliceMs,
  });
  return { ingest, applied, commits };
}

describe('ingest batches', () => {
  it('applies a batch in one commit when it fits the slice budget', async () => {
    const { ingest, commits } = setup(Infinity);
    const result = await ingest({ items: Array.from({ length: 1000 }, (_, i) => offline(`T-${i}`)) });
    expect(result).toEqual({ ok: true, accepted: 1000, published: 1000 });
    expect(commits).toEqual([1000]);
  });

  it('applies a small batch in the turn it arrives when the stores answer at once', () => {
    const { ingest, applied, commits } = setup(Infinity);
    void ingest({ items: [offline('T-1'), offline('T-2'), offline('T-1')] });
    expect(applied).toEqual(['T-1', 'T-2']);
    expect(commits).toEqual([2]);
  });

  it('splits a long batch into commits on separate turns of the loop, in order, serving other work between them', async () => {
    const { ingest, applied, commits } = setup(0);
    let othersServed = 0;
    const other = setInterval(() => othersServed++, 0);
    const items = Array.from({ length: 200 }, (_, i) => offline(`T-${i}`));
    const pending = ingest({ items: [...items, offline('T-7')] });
    // Nothing of the second slice is applied before the loop turned once.
    expect(applied.length).toBeLessThan(200);
    const servedBefore = othersServed;
    const result = await pending;
    clearInterval(other);
    expect(result).toEqual({ ok: true, accepted: 201, published: 200 });
    expect(commits.length).toBeGreaterThan(1);
    expect(commits.reduce((a, b) => a + b, 0)).toBe(200);
    expect(applied).toEqual(items.map((item) => item.data.terminalId));
    expect(othersServed).toBeGreaterThan(servedBefore);
  });

  it('refuses a batch with one bad item before applying any of it', async () => {
    const { ingest, applied, commits } = setup(0);
    const result = await ingest({ items: [offline('T-1'), { event: 'deviceOffline', data: {} }] });
    expect(result).toMatchObject({ ok: false, error: 'invalid_items', items: [{ index: 1 }] });
    expect(applied).toEqual([]);
    expect(commits).toEqual([]);
  });
});
