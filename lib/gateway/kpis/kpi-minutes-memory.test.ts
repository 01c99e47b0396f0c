import { describe, expect, it } from 'vitest';
import type { Channel, EventName, PublishedEvent } from '../../protocol';
import { kpiMinutesConformance } from './kpi-minutes.conformance';
import { MemoryKpiMinutes } from './kpi-minutes-memory';

kpiMinutesConformance(() => new MemoryKpiMinutes());

const T0 = Date.parse('2026-01-18T14:30:00.000Z');
let seq = 0;
function event(channel: Channel, name: EventName, at: number, location_id: string | null, amount: number): PublishedEvent {
  return { channel, event: name, seq: ++seq, id: `e${seq}`, ts: new Date(at).toISOString(), data: { location_id, amount } } as PublishedEvent;
}
const bet = (at: number, loc: string | null, amount: number) => event('game', 'bet.placed', at, loc, amount);

describe('MemoryKpiMinutes', () => {
  it('counts bets, wins and cash movements into the minute of their own time, per location', () => {
    const kpis = new MemoryKpiMinutes();
    const now = T0 + 90_000;
    kpis.record(bet(T0 + 5_000, 'loc-a', 2.5), now);
    kpis.record(bet(T0 + 59_999, 'loc-a', 0.1), now);
    kpis.record(event('game', 'round.won', T0 + 10_000, 'loc-a', 7), now);
    kpis.record(event('cash', 'cash.deposit', T0 + 61_000, 'loc-a', 100), now);
    kpis.record(event('cash', 'cash.withdraw', T0 + 62_000, 'loc-b', 40), now);
    kpis.record(event('player', 'player.login', T0 + 62_000, 'loc-b', 0), now);
    expect(kpis.recent(now)).toEqual([
      { minute: '2026-01-18T14:30:00.000Z', location_id: 'loc-a', bets: 2, turnover: 2.6, wins: 1, payout: 7, deposits: 0, withdrawals: 0 },
      { minute: '2026-01-18T14:31:00.000Z', location_id: 'loc-a', bets: 0, turnover: 0, wins: 0, payout: 0, deposits: 100, withdrawals: 0 },
      { minute: '2026-01-18T14:31:00.000Z', location_id: 'loc-b', bets: 0, turnover: 0, wins: 0, payout: 0, deposits: 0, withdrawals: 40 },
    ]);
  });

  it('keeps events of unknown devices under the null location', () => {
    const kpis = new MemoryKpiMinutes();
    kpis.record(bet(T0, null, 3), T0);
    expect(kpis.recent(T0)).toMatchObject([{ location_id: null, bets: 1, turnover: 3 }]);
  });

  it('keeps the open minute and the hour before it, and ignores older events', () => {
    const kpis = new MemoryKpiMinutes();
    const now = T0 + 30_000;
    kpis.record(bet(T0 - 60 * 60_000, 'loc-a', 1), now);
    kpis.record(bet(T0 - 61 * 60_000, 'loc-a', 1), now);
    expect(kpis.recent(now).map((m) => m.minute)).toEqual(['2026-01-18T13:30:00.000Z']);
    expect(kpis.recent(now + 60_000)).toEqual([]);
  });

  it('counts a timestamp far in the future at arrival', () => {
    const kpis = new MemoryKpiMinutes();
    kpis.record(bet(T0 + 3 * 3600_000, 'loc-a', 1), T0 + 1_000);
    expect(kpis.recent(T0 + 1_000)).toMatchObject([{ minute: '2026-01-18T14:30:00.000Z', bets: 1 }]);
  });

  it('hands out each changed minute once, then the final totals of a minute that closed', () => {
    const kpis = new MemoryKpiMinutes();
    kpis.record(bet(T0 + 1_000, 'loc-a', 1), T0 + 1_000);
    kpis.record(bet(T0 + 1_500, 'loc-b', 1), T0 + 1_500);
    expect(kpis.takeChanged(T0 + 2_000).map((m) => [m.location_id, m.bets])).toEqual([
      ['loc-a', 1],
      ['loc-b', 1],
    ]);
    expect(kpis.takeChanged(T0 + 4_000)).toEqual([]);
    kpis.record(bet(T0 + 58_000, 'loc-a', 1), T0 + 58_000);
    kpis.record(bet(T0 + 60_500, 'loc-a', 1), T0 + 60_500);
    const out = kpis.takeChanged(T0 + 61_000);
    expect(out.map((m) => [m.minute.slice(11, 16), m.location_id, m.bets])).toEqual([
      ['14:30', 'loc-a', 2],
      ['14:30', 'loc-b', 1],
      ['14:31', 'loc-a', 1],
    ]);
    expect(kpis.takeChanged(T0 + 63_000)).toEqual([]);
  });

  it('sends a closed minute again when a late event lands in it', () => {
    const kpis = new MemoryKpiMinutes();
    kpis.record(bet(T0 + 1_000, 'loc-a', 1), T0 + 1_000);
    kpis.takeChanged(T0 + 2_000);
    kpis.takeChanged(T0 + 62_000);
    kpis.record(bet(T0 + 30_000, 'loc-a', 1), T0 + 63_000);
    expect(kpis.takeChanged(T0 + 64_000)).toMatchObject([{ minute: '2026-01-18T14:30:00.000Z', bets: 2 }]);
  });
});

describe('MemoryKpiMinutes.adopt', () => {
  const published = { minute: '2026-01-18T14:30:00.000Z', location_id: 'loc-a', bets: 40, turnover: 812.5, wins: 9, payout: 300, deposits: 50, withdrawals: 0 };

  it('replaces what this node counted of a minute it did not see whole with the published totals, and does not send them again', () => {
    const kpis = new MemoryKpiMinutes();
    const now = T0 + 90_000;
    kpis.record(bet(T0 + 50_000, 'loc-a', 2.5), now);
    kpis.adopt(published, now);
    expect(kpis.recent(now)).toEqual([published]);
    expect(kpis.takeChanged(now)).toEqual([]);
    // A later event of that minute still counts on top, until the next published totals replace it.
    kpis.record(bet(T0 + 55_000, 'loc-a', 1), now);
    expect(kpis.recent(now)[0]).toMatchObject({ bets: 41, turnover: 813.5 });
  });

  it('ignores totals of a minute already out of the window', () => {
    const kpis = new MemoryKpiMinutes();
    kpis.adopt(published, T0 + 2 * 60 * 60_000);
    expect(kpis.recent(T0 + 2 * 60 * 60_000)).toEqual([]);
  });
});
