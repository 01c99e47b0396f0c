import { describe, expect, it } from 'vitest';
import { brokerConformance } from './broker.conformance';
import { MemoryBroker } from './memory-broker';

brokerConformance((retention) => new MemoryBroker(retention));

describe('MemoryBroker', () => {
  it('delivers inside publish, before it returns', () => {
    const broker = new MemoryBroker();
    const seen: number[] = [];
    broker.onPublication((_, p) => void seen.push(p.seq));
    const { seq } = broker.publish('game', { event: 'bet.placed', id: 'e1', ts: '2026-01-18T14:30:00.000Z', dataJson: '{}', fields: {} });
    expect(seen).toEqual([seq]);
  });

  it('drops events older than maxAge beyond minEvents, on its clock', () => {
    let now = 0;
    const broker = new MemoryBroker({ minEvents: 2, maxAgeMs: 1000, maxBytes: 2 ** 30, hardCap: 100 }, () => now);
    const publish = () => broker.publish('cash', { event: 'cash.deposit', id: 'e', ts: '2026-01-18T14:30:00.000Z', dataJson: '{}', fields: {} });
    for (let i = 0; i < 5; i++) publish();
    expect(broker.after('cash', 0)).toHaveLength(5);
    now = 5000;
    publish();
    expect(broker.after('cash', 4)).toHaveLength(2);
    expect(broker.after('cash', 3)).toBeNull();
  });

  it('publishes a run as the same publishes in order would: seqs, deliveries, tails and history', () => {
    const drafts = ['a', 'é', 'b', '€€', 'c'].map((x, i) => ({ event: 'bet.placed', id: `e${i}`, ts: '2026-01-18T14:30:00.000Z', dataJson: JSON.stringify({ x }), fields: { x } }));
    const one = new MemoryBroker();
    const run = new MemoryBroker();
    const delivered = (broker: MemoryBroker) => {
      const seen: string[] = [];
      broker.onPublication((channel, p) => void seen.push(`${channel} ${p.seq} ${p.tail.toString()}`));
      return seen;
    };
    const seenOne = delivered(one);
    const seenRun = delivered(run);
    one.publish('game', drafts[0]);
    run.publish('game', drafts[0]);
    for (const d of drafts.slice(1)) one.publish('game', d);
    const publications = run.publishMany('game', drafts.slice(1));
    expect(publications.map((p) => p.seq)).toEqual([2, 3, 4, 5]);
    expect(seenRun).toEqual(seenOne);
    const replay = (broker: MemoryBroker) => broker.after('game', 0)!.map((e) => [e.seq, e.event, e.fields, e.tail.toString()]);
    expect(replay(run)).toEqual(replay(one));
    expect(run.lastSeq('game')).toBe(5);
  });
});
