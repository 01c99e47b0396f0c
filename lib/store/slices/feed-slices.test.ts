import { describe, expect, it } from 'vitest';
import type { EventFrame } from '@/lib/protocol';
import { initialJackpots, potKey, reduceJackpots } from './jackpots-slice';
import { initialWins, reduceWins } from './wins-slice';
import { initialKpis, reduceKpis } from './kpis-slice';

const ctx = { now: 10_000, paused: false };
const event = (seq: number, channel: EventFrame['channel'], name: EventFrame['event'], data: object, ts = 5_000): EventFrame => ({
  type: 'event', channel, event: name, subscription_id: 's', seq, id: `e-${seq}`, ts: new Date(ts).toISOString(), data: data as Record<string, unknown>,
});
const win = (seq: number, amount: number, bet_amount: number | null) =>
  event(seq, 'game', 'round.won', { round_id: `r${seq}`, player_id: 'p', game_id: 'g', device_id: 'd', location_id: 'loc-a', amount, currency: 'EUR', bet_amount });

describe('wins slice', () => {
  it('highlights big wins by amount or multiple of stake, and every jackpot win', () => {
    const next = reduceWins(initialWins, [
      win(1, 3, 1),
      win(2, 40, 1),
      win(3, 600, 100),
      event(4, 'jackpots', 'jackpot.won', { instance_id: 'jp', jackpot_name: 'Grand', player_id: 'p', win_pot_id: 'grand', win_amount: 50, currency: 'EUR' }),
    ], ctx);
    expect(next.rows.map((r) => [r.id, r.big])).toEqual([
      ['e-4', true],
      ['e-3', true],
      ['e-2', true],
      ['e-1', false],
    ]);
    expect(next.rows[0]).toMatchObject({ kind: 'jackpot', jackpot_name: 'Grand' });
  });
});

describe('jackpots slice', () => {
  it('keeps pot values, their history and win markers', () => {
    const updated = (seq: number, value: number, ts: number) =>
      event(seq, 'jackpots', 'jackpot.updated', { instance_id: 'jp', name: 'Grand', currency: 'EUR', status: 'active', pots: [{ id: 'grand', is_progressive: true, current_value: value }] }, ts);
    const next = reduceJackpots(initialJackpots, [
      updated(1, 100, 1_000),
      updated(2, 101, 3_000),
      updated(3, 102, 5_000),
      event(4, 'jackpots', 'jackpot.won', { instance_id: 'jp', jackpot_name: 'Grand', player_id: 'p9', win_pot_id: 'grand', win_amount: 102, currency: 'EUR' }, 5_500),
    ], ctx);
    expect(next.instances.jp.pots[0].current_value).toBe(102);
    expect(next.series[potKey('jp', 'grand')].map((p) => p.v)).toEqual([100, 101, 102]);
    expect(next.wins[potKey('jp', 'grand')]).toEqual([{ t: 5_500, amount: 102, player_id: 'p9' }]);
  });

  it('ticks the pot value on every update but adds a chart point at most every two seconds', () => {
    const updated = (seq: number, value: number, ts: number) =>
      event(seq, 'jackpots', 'jackpot.updated', { instance_id: 'jp', name: 'Grand', currency: 'EUR', status: 'active', pots: [{ id: 'grand', is_progressive: true, current_value: value }] }, ts);
    const first = reduceJackpots(initialJackpots, [updated(1, 100, 10_000)], ctx);
    const ticked = reduceJackpots(first, [updated(2, 100.5, 10_700), updated(3, 101, 11_900)], ctx);
    expect(ticked.instances.jp.pots[0].current_value).toBe(101);
    expect(ticked.series[potKey('jp', 'grand')]).toBe(first.series[potKey('jp', 'grand')]);
    const later = reduceJackpots(ticked, [updated(4, 102, 12_000)], ctx);
    expect(later.series[potKey('jp', 'grand')].map((p) => p.v)).toEqual([100, 102]);
  });

  it('keeps a bounded number of win markers per pot', () => {
    const won = (seq: number) =>
      event(seq, 'jackpots', 'jackpot.won', { instance_id: 'jp', jackpot_name: 'Grand', player_id: `p${seq}`, win_pot_id: 'grand', win_amount: 1, currency: 'EUR' }, 5_000 + seq);
    const next = reduceJackpots(initialJackpots, Array.from({ length: 100 }, (_, i) => won(i + 1)), ctx);
    const markers = next.wins[potKey('jp', 'grand')];
    expect(markers.length).toBeLessThanOrEqual(20);
    expect(markers.at(-1)?.player_id).toBe('p100');
  });

  it('drops the history of pots a snapshot no longer has', () => {
    const jackpot = (id: string, value: number) => ({ instance_id: id, name: id, currency: 'EUR', status: 'active', pots: [{ id: 'grand', is_progressive: true, current_value: value }] });
    const snapshot = (data: object[]) => ({ type: 'snapshot' as const, subscription_id: 's', channel: 'jackpots' as const, seq: 1, data });
    const both = reduceJackpots(initialJackpots, [snapshot([jackpot('a', 1), jackpot('b', 2)])], ctx);
    expect(Object.keys(both.series)).toEqual([potKey('a', 'grand'), potKey('b', 'grand')]);
    const one = reduceJackpots(both, [snapshot([jackpot('b', 3)])], { ...ctx, now: ctx.now + 5_000 });
    expect(Object.keys(one.series)).toEqual([potKey('b', 'grand')]);
    expect(one.series[potKey('b', 'grand')].map((p) => p.v)).toEqual([2, 3]);
  });
});

describe('kpis slice', () => {
  it('counts bets, turnover and cash per 10-second bucket and location', () => {
    const next = reduceKpis(initialKpis, [
      event(1, 'game', 'bet.placed', { location_id: 'loc-a', amount: 2 }, 1_000),
      event(2, 'game', 'bet.placed', { location_id: 'loc-b', amount: 5 }, 9_000),
      event(3, 'cash', 'cash.deposit', { location_id: 'loc-a', amount: 50 }, 12_000),
    ], ctx);
    expect(next.buckets.map((b) => b.t)).toEqual([0, 10_000]);
    expect(next.buckets[0].byLocation['loc-a']).toMatchObject({ bets: 1, turnover: 2 });
    expect(next.buckets[0].byLocation['loc-b']).toMatchObject({ bets: 1, turnover: 5 });
    expect(next.buckets[1].byLocation['loc-a']).toMatchObject({ deposits: 50 });
  });
});
