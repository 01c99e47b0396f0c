import { type Rng, cents } from './prng';
import { type BookEvent, type BookMarket, TOURNAMENTS, americanOdds, buildSportsBook } from './sports-book';

type Op = 'c' | 'u' | 'd';

/** The sports exchange of seed 002: liquidity and odds that move, matched bets, status changes, as base64 envelopes. */
export function createExchangeSim(rng: Rng, emit: (envelope: object) => void, startedAt: number) {
  const book = buildSportsBook(rng, startedAt);
  let sequence = 0;

  const envelope = (change_type: string, op: Op, payload: object, now: number) => ({
    timestamp: now * 1e6,
    change_type,
    payload: Buffer.from(JSON.stringify(payload)).toString('base64'),
    op,
  });

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

  const lines = (e: BookEvent, m: BookMarket) =>
    m.sides.map((s, i) => ({
      id: s.marketLineId,
      info: { id: s.marketLineId, sport_event_id: e.eventId, market_id: m.id, outcome_id: s.outcomeId, line: m.line, line_id: s.lineId, type: m.type, name: s.name, status: m.status, favourite: i === 0 ? m.p >= 0.5 : m.p < 0.5, sequence_number: ++sequence },
    }));

  function selections(e: BookEvent, m: BookMarket, now: number) {
    const side = (i: 0 | 1) => {
      const s = m.sides[i];
      const p = i === 0 ? m.p : 1 - m.p;
      return m.stakes[i].map((stake, k) => {
        const odds = americanOdds(p + 0.01 * (k + 1));
        const display = m.line ? String(m.line) : '';
        return { outcome_id: s.outcomeId, name: s.name, competitor_id: s.competitorId, line: m.line, line_id: s.lineId, odds, display_odds: odds > 0 ? `+${odds}` : String(odds), display_line: display, display_name: s.name, value: cents(odds > 0 ? 1 + odds / 100 : 1 + 100 / -odds), stake: cents(stake), updated_at: now };
      });
    };
    return { sport_event_id: e.eventId, market_id: m.id, info: { id: m.id, name: m.name, selections: [side(0), side(1)], type: m.type, line: m.line, sequence_number: ++sequence } };
  }

  const pick = () => {
    const e = rng.pick(book);
    return { e, m: rng.pick(e.markets) };
  };

  return {
    /** Every entity as `c` envelopes, for a new session. */
    current(now: number): object[] {
      return [
        ...TOURNAMENTS.map((t) => envelope('tournament', 'c', tournament(t), now)),
        ...book.map((e) => envelope('sport_event', 'c', sportEvent(e), now)),
        ...book.flatMap((e) => e.markets.map((m) => envelope('market', 'c', market(e, m), now))),
        ...book.flatMap((e) => e.markets.flatMap((m) => lines(e, m).map((l) => envelope('market_line', 'c', l, now)))),
        ...book.flatMap((e) => e.markets.map((m) => envelope('market_selections', 'c', selections(e, m, now), now))),
      ];
    },
    /** Liquidity moves on one market: stakes come and go, the price drifts. */
    liquidity(now: number): void {
      const { e, m } = pick();
      if (m.status !== 'active') return;
      m.p = Math.min(0.9, Math.max(0.1, m.p + rng.range(-0.012, 0.012)));
      for (const side of m.stakes) for (let k = 0; k < side.length; k++) side[k] = Math.max(5, side[k] * rng.range(0.8, 1.25) + rng.range(-20, 40));
      emit(envelope('market_selections', 'u', selections(e, m, now), now));
    },
    /** A bet matches against the best price of one side. */
    matched(now: number): void {
      const { e, m } = pick();
      if (m.status !== 'active') return;
      const i = rng.chance(0.5) ? 0 : 1;
      const s = m.sides[i];
      const odds = americanOdds((i === 0 ? m.p : 1 - m.p) + 0.01);
      const stake = cents(Math.min(m.stakes[i][0], rng.range(5, 300)));
      m.stakes[i][0] = Math.max(5, m.stakes[i][0] - stake);
      emit(envelope('matched_bet', 'c', { info: { line: m.line, line_id: s.lineId, market_id: m.id, matched_odds: odds, matched_stake: stake, odds, origin_market_line: m.line, outcome_id: s.outcomeId, sequence_number: now * 1e6 + (++sequence % 1e6), sport_event_id: e.eventId } }, now));
      emit(envelope('market_selections', 'u', selections(e, m, now), now));
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
  };
}
