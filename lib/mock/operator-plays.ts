import { type Rng, cents } from './prng';
import type { BookEvent, BookMarket, Runner } from './sports-book';

/** The operator's own play on the exchange, as the private `wager` message describes it. */
interface Play {
  id: string;
  event: BookEvent;
  market: BookMarket;
  runner: Runner;
  odds: number;
  stake: number;
  matched: number;
  lastMatch: number;
  /** The unmatched rest was cancelled; a matched part stays in the book until it settles. */
  cancelled: boolean;
  settled: boolean;
  winning: 'tbd' | 'won' | 'lost';
  settleAt: number;
  sequence: number;
}

/** At most this many plays are open at once, so the operator's book stays a steady size. */
const MAX_OPEN = 10;

/**
 * The operator's plays (the private `wager` channel): placed at the best price, matched in parts,
 * the unmatched rest sometimes cancelled, and settled a few minutes after being fully matched.
 */
export function createOperatorPlays(rng: Rng, userId: string) {
  const open: Play[] = [];
  let counter = 0;

  function info(p: Play, updateType: string) {
    const unmatched = p.cancelled || p.settled ? 0 : cents(p.stake - p.matched);
    return {
      info: {
        id: p.id,
        user_id: userId,
        market_id: p.market.id,
        sport_event_id: p.event.eventId,
        outcome_id: p.runner.outcomeId,
        odds: p.odds,
        line: p.market.line,
        stake: p.stake,
        profit: cents(p.matched * (p.odds - 1)),
        matched_stake: p.lastMatch,
        matched_odds: p.matched > 0 ? p.odds : 0,
        totally_matched_stake: cents(p.matched),
        unmatched_stake: unmatched,
        matching_status: p.matched <= 0 ? 'unmatched' : p.matched >= p.stake ? 'fully_matched' : 'partially_matched',
        winning_status: p.winning,
        status: p.settled ? 'settled' : p.cancelled && p.matched <= 0 ? 'cancelled' : unmatched > 0 ? 'active' : 'inactive',
        external_id: `op-${p.id.slice(0, 8)}`,
        line_id: p.runner.lineId,
        update_type: updateType,
        sequence_number: ++p.sequence,
      },
    };
  }

  function match(p: Play, amount: number): void {
    p.lastMatch = cents(Math.min(amount, p.stake - p.matched));
    p.matched = cents(p.matched + p.lastMatch);
  }

  return {
    /** Open plays as `wager` payloads, for a new session. */
    current: () => open.map((p) => info(p, 'snapshot')),
    /** Places a play, or moves an open one on: matches more of it, cancels its rest, or settles it. */
    step(book: BookEvent[], bestBack: (m: BookMarket, r: Runner) => number, now: number): { op: 'c' | 'u'; payload: object } | null {
      const due = open.find((p) => p.settleAt <= now);
      if (due) {
        open.splice(open.indexOf(due), 1);
        if (due.matched <= 0) {
          due.cancelled = true;
          return { op: 'u', payload: info(due, 'cancelled') };
        }
        due.settled = true;
        due.winning = rng.chance(1 / due.odds) ? 'won' : 'lost';
        return { op: 'u', payload: info(due, 'settled') };
      }
      if (open.length < MAX_OPEN && (open.length === 0 || rng.chance(0.4))) {
        const event = rng.pick(book);
        const market = rng.pick(event.markets);
        if (market.status !== 'active') return null;
        const runner = rng.pick(market.runners);
        const p: Play = {
          id: `${rng.hex(8)}-${rng.hex(4)}-4${rng.hex(3)}-a${rng.hex(3)}-${rng.hex(12)}`,
          event, market, runner,
          odds: bestBack(market, runner),
          stake: rng.pick([50, 100, 150, 200, 250, 400, 500]),
          matched: 0, lastMatch: 0, cancelled: false, settled: false, winning: 'tbd',
          settleAt: now + rng.int(3, 12) * 60_000,
          sequence: (++counter) * 1000,
        };
        if (rng.chance(0.5)) match(p, p.stake * rng.range(0.3, 1));
        open.push(p);
        return { op: 'c', payload: info(p, 'placed') };
      }
      const p = rng.pick(open);
      if (p.cancelled || p.matched >= p.stake) return null;
      if (rng.chance(0.2)) {
        p.cancelled = true;
        if (p.matched <= 0) open.splice(open.indexOf(p), 1);
        return { op: 'u', payload: info(p, 'cancelled') };
      }
      match(p, p.stake * rng.range(0.2, 0.8));
      return { op: 'u', payload: info(p, 'matched') };
    },
  };
}
