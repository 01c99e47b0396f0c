import type { Floor } from '../protocol';
import { type ExchangeChange, createExchangeSim } from './exchange-sim';
import { type CasinoChannel, createFloorSim } from './floor-sim';
import { createJackpotSim } from './jackpot-sim';
import type { Rng } from './prng';
import { createEventMix } from './ticker';

/** Devices dropping offline per minute across the floor. */
const OUTAGES_PER_MINUTE = 3;

/** Where the played floor goes: the ingest poster and the three mock upstreams. */
export interface PlaySinks {
  post(item: { event: string; data: Record<string, unknown> }): void;
  casino(channel: CasinoChannel, message: Record<string, unknown>): void;
  jackpot(event: object): void;
  /** An exchange change, encoded as an exchange-format envelope by the endpoint (`toEnvelope`). */
  exchange(change: ExchangeChange): void;
}

/**
 * The whole simulated floor without sockets or timers: `step(count, now, dtMs)` plays `count`
 * events and the time-driven happenings of `dtMs`. The same seed and steps play the same floor.
 */
export function createFloorPlay({ floor, rng, currency, tag, sinks, startedAt }: { floor: Floor; rng: Rng; currency: string; tag: string; sinks: PlaySinks; startedAt: number }) {
  const jackpot = createJackpotSim(rng, sinks.jackpot, currency);
  const exchange = createExchangeSim(rng, sinks.exchange, startedAt);
  const floorSim = createFloorSim(floor, rng, { post: sinks.post, casino: sinks.casino, bet: (bet) => jackpot.bet(bet, lastNow) }, tag, currency);
  let lastNow = startedAt;

  // Shares of the rate; a slot round is ~1.3 events (a quarter of rounds also win).
  const play = createEventMix(rng.next, [
    [0.42, floorSim.round],
    [0.05, floorSim.casinoBet],
    [0.06, floorSim.cash],
    [0.01, floorSim.staffLogin],
    [0.06, jackpot.update],
    [0.015, jackpot.optIn],
    [0.19, exchange.liquidity],
    [0.04, exchange.matched],
    [0.01, exchange.status],
    [0.01, exchange.wager],
  ]);
  // Rare happenings follow the clock, not the rate: alarms stay rare however fast the floor plays.
  const occasional: [perMinute: number, happen: (now: number) => void][] = [
    [1, floorSim.alert],
    [0.3, jackpot.raffle],
    [0.2, () => jackpot.payoutError()],
  ];

  return {
    jackpot,
    exchange,
    /** Plays `count` events at `now`, after `dtMs` of floor time. */
    step(count: number, now: number, dtMs: number): void {
      lastNow = now;
      floorSim.tick(now, dtMs, OUTAGES_PER_MINUTE);
      for (const [perMinute, happen] of occasional) if (rng.chance((perMinute * dtMs) / 60_000)) happen(now);
      play(count, now);
    },
  };
}
