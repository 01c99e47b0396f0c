import { type Quote, moveLiquidity, movePrices, probabilities, quotes, takeStake } from './market-motion';
import { createOperatorPlays } from './operator-plays';
import { type Rng, cents } from './prng';
import { type BookEvent, type BookMarket, type Runner, TOURNAMENTS, buildSportsBook } from './sports-book';

type Op = 'c' | 'u' | 'd';

/** One change of the exchange before it is encoded: `toEnvelope` makes the exchange-format frame of it. */
export interface ExchangeChange {
  change_type: string;
  op: Op;
  payload: object;
  now: number;
}

/** The exchange-format envelope of a change: nanosecond timestamp and the payload as base64 JSON. */
export function toEnvelope({ change_type, op, payload, now }: ExchangeChange) {
  return { timestamp: now * 1e6, change_type, payload: Buffer.from(JSON.stringify(payload)).toString('base64'), op };
}

/** The exchange account whose private `wager` messages are the operator's own plays. */
const OPERATOR_ACCOUNT = 'floor-operator';

/** A decimal price as the exchange displays it: two decimals below 10, fewer above. */
const displayPrice = (price: number) => (price < 10 ? price.toFixed(2) : price < 100 ? price.toFixed(1) : price.toFixed(0));

/**
 * The sports exchange (docs/protocol.md §12.1), in decimal prices: selections whose prices and liquidity move
 * around steady levels, matched bets, status changes and the operator's own plays, as base64 envelopes.
 * One `market_selections` message per selection: its first array the back side, its second the lay side.
 */
export function createExchangeSim(rng: Rng, emit: (change: ExchangeChange) => void, startedAt: number) {
  const book = buildSportsBook(rng, startedAt);
  const plays = createOperatorPlays(rng, OPERATOR_ACCOUNT);
  let sequence = 0;

  const envelope = (change_type: string, op: Op, payload: object, now: number): ExchangeChange => ({ change_type, op, payload, now });

  const tournament = (t: (typeof TOURNAMENTS)[number]) => ({
    id: t.key,
    info: { banner: '', category: t.category, id: t.id, image: '', name: t.name, sport: t.sport, sequence_number: ++sequence },
  });

  const sportEvent = (e: BookEvent) => ({
    id: e.key,
    tournament_id: e.tournament.key,
    info: {
      competitors: [
        { abbreviation: e.home.abbr, country: e.tournament.category.name, display_name: e.home.name, id: e.home.id, name: e.home.name, side: 'home' },
        { abbreviation: e.away.abbr, country: e.tournament.category.name, display_name: e.away.name, id: e.away.id, name: e.away.name, side: 'away' },
      ],
      display_name: `${e.home.name} v ${e.away.name}`,
      event_id: e.eventId,
      name: `${e.home.name} vs ${e.away.name}`,
      scheduled: e.scheduled,
      sport_name: e.tournament.sport.name,
      status: e.status,
      tournament_name: e.tournament.name,
      type: 'match',
      sequence_number: ++sequence,
    },
  });

  const market = (e: BookEvent, m: BookMarket) => ({
    id: e.key,
    info: { id: m.id, sport_event_id: e.eventId, name: m.name, status: m.status, description: `${m.name} - ${e.home.name} v ${e.away.name}`, sequence_number: ++sequence },
  });

  const lines = (e: BookEvent, m: BookMarket) => {
    const p = probabilities(m);
    const favourite = p.indexOf(Math.max(...p));
    return m.runners.map((r, i) => ({
      id: r.marketLineId,
      info: { id: r.marketLineId, sport_event_id: e.eventId, market_id: m.id, outcome_id: r.outcomeId, line: m.line, line_id: r.lineId, type: m.type, name: r.name, status: m.status, favourite: i === favourite, sequence_number: ++sequence },
    }));
  };

  /** Every runner's current quotes. */
  const quotesOf = (m: BookMarket) => {
    const p = probabilities(m);
    return m.runners.map((r, i) => quotes(r, p[i], m.spread));
  };

  function selections(e: BookEvent, m: BookMarket, runnerIndex: number, now: number, q = quotesOf(m)) {
    const r = m.runners[runnerIndex];
    const level = (x: Quote) => ({
      outcome_id: r.outcomeId, name: r.name, competitor_id: r.competitorId, line: m.line, line_id: r.lineId,
      odds: x.price, display_odds: displayPrice(x.price), display_line: m.type === 'total' ? String(m.line) : '', display_name: r.name,
      value: x.price, stake: cents(x.stake), updated_at: now,
    });
    const { back, lay } = q[runnerIndex];
    return {
      sport_event_id: e.eventId,
      market_id: m.id,
      info: { id: r.marketLineId, name: m.name, selections: [back.map(level), lay.map(level)], type: m.type, line: m.line, sequence_number: ++sequence },
    };
  }

  const allSelections = (e: BookEvent, m: BookMarket, now: number, op: Op) => {
    const q = quotesOf(m);
    return m.runners.map((_, i) => envelope('market_selections', op, selections(e, m, i, now, q), now));
  };

  const pick = () => {
    const e = rng.pick(book);
    return { e, m: rng.pick(e.markets) };
  };

  const bestBack = (m: BookMarket, r: Runner) => quotesOf(m)[m.runners.indexOf(r)].back[0]?.price ?? 2;

  return {
    /** Every entity as `c` envelopes, and the operator's open plays, for a new session. */
    current(now: number): object[] {
      return ([] as ExchangeChange[]).concat(
        TOURNAMENTS.map((t) => envelope('tournament', 'c', tournament(t), now)),
        book.map((e) => envelope('sport_event', 'c', sportEvent(e), now)),
        book.flatMap((e) => e.markets.map((m) => envelope('market', 'c', market(e, m), now))),
        book.flatMap((e) => e.markets.flatMap((m) => lines(e, m).map((l) => envelope('market_line', 'c', l, now)))),
        book.flatMap((e) => e.markets.flatMap((m) => allSelections(e, m, now, 'c'))),
        plays.current().map((w) => envelope('wager', 'c', w, now)),
      ).map(toEnvelope);
    },
    /** Liquidity and prices move on one market, each around its steady level. */
    liquidity(now: number): void {
      const { e, m } = pick();
      if (m.status !== 'active') return;
      movePrices(m, rng);
      moveLiquidity(m, rng);
      for (const env of allSelections(e, m, now, 'u')) emit(env);
    },
    /** A bet matches against the best back or lay price of one selection; the winner market trades most, as on a real exchange. */
    matched(now: number): void {
      const e = rng.pick(book);
      const m = rng.chance(0.5) ? e.markets[0] : rng.pick(e.markets);
      if (m.status !== 'active') return;
      const i = rng.int(0, m.runners.length - 1);
      const r = m.runners[i];
      const side = rng.chance(0.5) ? 'back' : 'lay';
      const best = quotesOf(m)[i][side][0];
      if (!best) return;
      const stake = cents(Math.min(best.stake, rng.chance(0.9) ? rng.range(2, 120) : rng.range(120, 900)));
      takeStake(m, r, side, stake);
      emit(envelope('matched_bet', 'c', { info: { line: m.line, line_id: r.lineId, market_id: m.id, matched_odds: best.price, matched_stake: stake, odds: best.price, origin_market_line: m.line, outcome_id: r.outcomeId, sequence_number: now * 1e6 + (++sequence % 1e6), sport_event_id: e.eventId } }, now));
      emit(envelope('market_selections', 'u', selections(e, m, i, now), now));
    },
    /** A market is suspended or reopened, or a match goes live. */
    status(now: number): void {
      const { e, m } = pick();
      if (e.status === 'not_started' && rng.chance(0.3)) {
        e.status = 'live';
        emit(envelope('sport_event', 'u', sportEvent(e), now));
        return;
      }
      // Suspensions are short and rare: reopen at once, suspend one pick in ten.
      if (m.status === 'active' && !rng.chance(0.1)) return;
      m.status = m.status === 'active' ? 'suspended' : 'active';
      emit(envelope('market', 'u', market(e, m), now));
      for (const l of lines(e, m)) emit(envelope('market_line', 'u', l, now));
    },
    /** The operator places a play, or one of its plays is matched, cancelled or settled (the private `wager` channel). */
    wager(now: number): void {
      const change = plays.step(book, bestBack, now);
      if (change) emit(envelope('wager', change.op, change.payload, now));
    },
    /** The current book: every market's selections and their quotes, for tests of the simulation. */
    inspect: () => book.map((e) => ({ event: e, markets: e.markets.map((m) => ({ market: m, probabilities: probabilities(m), quotes: quotesOf(m) })) })),
  };
}

export type ExchangeSim = ReturnType<typeof createExchangeSim>;
