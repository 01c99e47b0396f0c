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
});
