import { describe, expect, it } from 'vitest';
import type { Channel, EventName, KpiMinute, PublishedEvent } from '../../protocol';
import type { Eventually } from '../eventually';
import { KPI_WINDOW_MINUTES, type KpiMinutes, MINUTE_MS } from './kpi-minutes';

/** Makes empty KPI minutes. */
export type KpiMinutesFactory = () => Eventually<KpiMinutes> | Promise<Eventually<KpiMinutes>>;

const T0 = Date.parse('2026-01-18T14:30:00.000Z');
const minute = (ms: number) => new Date(ms).toISOString();

let seq = 0;
function event(channel: Channel, name: EventName, at: number | string, data: Record<string, unknown>): PublishedEvent {
  seq++;
  return { channel, event: name, seq, id: `e${seq}`, ts: typeof at === 'string' ? at : new Date(at).toISOString(), data } as PublishedEvent;
}
const bet = (at: number, location_id: string | null, amount: number) => event('game', 'bet.placed', at, { location_id, amount });
const win = (at: number, location_id: string | null, amount: number) => event('game', 'round.won', at, { location_id, amount, bet_amount: 1 });
const cash = (kind: 'cash.deposit' | 'cash.withdraw', at: number, location_id: string | null, amount: number) => event('cash', kind, at, { location_id, amount });

const zero = { bets: 0, turnover: 0, wins: 0, payout: 0, deposits: 0, withdrawals: 0 };
const byKey = (minutes: KpiMinute[]) => [...minutes].sort((a, b) => `${a.minute}|${a.location_id}`.localeCompare(`${b.minute}|${b.location_id}`));

/**
 * The guarantees of `KpiMinutes` (see its doc comment), for any implementation. Every call is awaited,
 * so a shared store answering with promises passes unchanged.
 */
export function kpiMinutesConformance(make: KpiMinutesFactory): void {
  describe('KpiMinutes conformance', () => {
    it('counts bets, wins and cash movements once each, in the minute of their own time, per location', async () => {
      const kpis = await make();
      const now = T0 + 90_000;
      await kpis.record(bet(T0 + 5_000, 'loc-a', 2.5), now);
      await kpis.record(bet(T0 + 59_999, 'loc-a', 0.1), now);
      await kpis.record(win(T0 + 10_000, 'loc-a', 7), now);
      await kpis.record(cash('cash.deposit', T0 + 61_000, 'loc-a', 100), now);
      await kpis.record(cash('cash.withdraw', T0 + 62_000, 'loc-b', 40), now);
      expect(byKey(await kpis.recent(now))).toEqual([
        { minute: minute(T0), location_id: 'loc-a', ...zero, bets: 2, turnover: 2.6, wins: 1, payout: 7 },
        { minute: minute(T0 + MINUTE_MS), location_id: 'loc-a', ...zero, deposits: 100 },
        { minute: minute(T0 + MINUTE_MS), location_id: 'loc-b', ...zero, withdrawals: 40 },
      ]);
    });

    it('counts many events of one minute exactly once each, summed to the cent', async () => {
      const kpis = await make();
      for (let i = 0; i < 1000; i++) await kpis.record(bet(T0 + (i % 60) * 1000, 'loc-a', 0.1), T0 + 60_000);
      for (let i = 0; i < 3; i++) await kpis.record(cash('cash.deposit', T0, 'loc-a', 0.1), T0 + 60_000);
      expect(await kpis.recent(T0 + 60_000)).toEqual([{ minute: minute(T0), location_id: 'loc-a', ...zero, bets: 1000, turnover: 100, deposits: 0.3 }]);
    });

    it('keeps play at devices the floor does not know under the null location', async () => {
      const kpis = await make();
      await kpis.record(bet(T0, null, 3), T0);
      await kpis.record(event('game', 'bet.placed', T0, { amount: 2 }), T0);
      expect(await kpis.recent(T0)).toEqual([{ minute: minute(T0), location_id: null, ...zero, bets: 2, turnover: 5 }]);
    });

    it('ignores events of other kinds', async () => {
      const kpis = await make();
      await kpis.record(event('player', 'player.login', T0, { location_id: 'loc-a', player_id: 'p1' }), T0);
      await kpis.record(event('system', 'device.offline', T0, { location_id: 'loc-a', device_id: 'T-1' }), T0);
      await kpis.record(event('alerts', 'alarm.raised', T0, { location_id: 'loc-a', count: 1 }), T0);
      expect(await kpis.recent(T0)).toEqual([]);
      expect(await kpis.takeChanged(T0)).toEqual([]);
    });

    it('keeps the open minute and the hour before it, oldest first, without empty minutes, and ignores older events', async () => {
      const kpis = await make();
      const now = T0 + 30_000;
      await kpis.record(bet(T0 - KPI_WINDOW_MINUTES * MINUTE_MS, 'loc-a', 1), now);
      await kpis.record(bet(T0 - (KPI_WINDOW_MINUTES + 1) * MINUTE_MS, 'loc-a', 1), now);
      await kpis.record(bet(T0, 'loc-b', 1), now);
      await kpis.record(bet(T0 - 10 * MINUTE_MS, 'loc-a', 1), now);
      expect((await kpis.recent(now)).map((m) => [m.minute, m.location_id])).toEqual([
        [minute(T0 - KPI_WINDOW_MINUTES * MINUTE_MS), 'loc-a'],
        [minute(T0 - 10 * MINUTE_MS), 'loc-a'],
        [minute(T0), 'loc-b'],
      ]);
      expect((await kpis.recent(now + MINUTE_MS)).map((m) => m.minute)).toEqual([minute(T0 - 10 * MINUTE_MS), minute(T0)]);
      expect(await kpis.recent(now + (KPI_WINDOW_MINUTES + 1) * MINUTE_MS)).toEqual([]);
    });

    it('counts a timestamp a little ahead in its own minute, and one far ahead or unreadable at arrival', async () => {
      const kpis = await make();
      const now = T0 + 50_000;
      await kpis.record(bet(T0 + 80_000, 'loc-a', 1), now);
      await kpis.record(bet(T0 + 3 * 3_600_000, 'loc-b', 1), now);
      await kpis.record(event('game', 'bet.placed', 'not a time', { location_id: 'loc-c', amount: 1 }), now);
      expect(byKey(await kpis.recent(now + 30_000)).map((m) => [m.minute, m.location_id])).toEqual([
        [minute(T0), 'loc-b'],
        [minute(T0), 'loc-c'],
        [minute(T0 + MINUTE_MS), 'loc-a'],
      ]);
    });

    it('hands out each changed minute once, then the final totals of every minute that closed', async () => {
      const kpis = await make();
      await kpis.record(bet(T0 + 1_000, 'loc-a', 1), T0 + 1_000);
      await kpis.record(bet(T0 + 1_500, 'loc-b', 1), T0 + 1_500);
      expect(byKey(await kpis.takeChanged(T0 + 2_000)).map((m) => [m.location_id, m.bets])).toEqual([['loc-a', 1], ['loc-b', 1]]);
      expect(await kpis.takeChanged(T0 + 4_000)).toEqual([]);
      await kpis.record(bet(T0 + 58_000, 'loc-a', 1), T0 + 58_000);
      await kpis.record(bet(T0 + 60_500, 'loc-a', 1), T0 + 60_500);
      expect(byKey(await kpis.takeChanged(T0 + 61_000)).map((m) => [m.minute, m.location_id, m.bets])).toEqual([
        [minute(T0), 'loc-a', 2],
        [minute(T0), 'loc-b', 1],
        [minute(T0 + MINUTE_MS), 'loc-a', 1],
      ]);
      expect(await kpis.takeChanged(T0 + 63_000)).toEqual([]);
    });

    it('hands out a closed minute again when a late event lands in it', async () => {
      const kpis = await make();
      await kpis.record(bet(T0 + 1_000, 'loc-a', 1), T0 + 1_000);
      await kpis.takeChanged(T0 + 2_000);
      await kpis.takeChanged(T0 + 62_000);
      await kpis.record(bet(T0 + 30_000, 'loc-a', 1), T0 + 63_000);
      expect(await kpis.takeChanged(T0 + 64_000)).toEqual([{ minute: minute(T0), location_id: 'loc-a', ...zero, bets: 2, turnover: 2 }]);
      expect(await kpis.takeChanged(T0 + 65_000)).toEqual([]);
    });
  });
}
