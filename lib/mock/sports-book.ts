import type { Rng } from './prng';

/** Fixtures of the mock exchange: tournaments and the matches played in them. */
export const TOURNAMENTS = [
  { key: 'sr:tournament:17', id: 17, name: 'Premier League', sport: { id: 1, name: 'Soccer' }, category: { countryCode: 'ENG', id: 1, name: 'England' }, total: 2.5 },
  { key: 'sr:tournament:132', id: 132, name: 'NBA', sport: { id: 2, name: 'Basketball' }, category: { countryCode: 'USA', id: 15, name: 'USA' }, total: 221.5 },
  { key: 'sr:tournament:2785', id: 2785, name: 'ATP Madrid', sport: { id: 5, name: 'Tennis' }, category: { countryCode: 'ESP', id: 31, name: 'Spain' }, total: 22.5 },
] as const;

const MATCHES: [tournament: number, home: string, homeAbbr: string, away: string, awayAbbr: string][] = [
  [0, 'Arsenal', 'ARS', 'Chelsea', 'CHE'],
  [0, 'Liverpool', 'LIV', 'Manchester City', 'MCI'],
  [1, 'Los Angeles Lakers', 'LAL', 'Boston Celtics', 'BOS'],
  [1, 'Golden State Warriors', 'GSW', 'Denver Nuggets', 'DEN'],
  [2, 'Carlos Alcaraz', 'ALC', 'Jannik Sinner', 'SIN'],
];

export interface Side {
  outcomeId: number;
  name: string;
  competitorId: number;
  lineId: string;
  marketLineId: number;
}

export interface BookMarket {
  id: number;
  name: string;
  type: 'moneyline' | 'total';
  line: number;
  status: 'active' | 'suspended';
  /** Probability of side 0; side 1 gets the rest. */
  p: number;
  /** Unmatched stake on the best three prices of each side. */
  stakes: [number[], number[]];
  sides: [Side, Side];
}

export interface BookEvent {
  key: string;
  eventId: number;
  tournament: (typeof TOURNAMENTS)[number];
  home: { id: number; name: string; abbr: string };
  away: { id: number; name: string; abbr: string };
  status: 'not_started' | 'live';
  scheduled: string;
  markets: BookMarket[];
}

/** Builds the exchange's matches, each with a moneyline and a total market. */
export function buildSportsBook(rng: Rng, now: number): BookEvent[] {
  let lineSeq = 9000;
  const side = (outcomeId: number, name: string, competitorId: number): Side => ({ outcomeId, name, competitorId, lineId: rng.hex(32), marketLineId: ++lineSeq });
  const stakes = (): [number[], number[]] => [[0, 1, 2].map(() => rng.int(20, 900)), [0, 1, 2].map(() => rng.int(20, 900))];
  return MATCHES.map(([t, home, homeAbbr, away, awayAbbr], i) => {
    const tournament = TOURNAMENTS[t];
    const h = { id: 40 + i * 2, name: home, abbr: homeAbbr };
    const a = { id: 41 + i * 2, name: away, abbr: awayAbbr };
    return {
      key: String(44285780 + i),
      eventId: 44285780 + i,
      tournament,
      home: h,
      away: a,
      status: 'not_started',
      scheduled: new Date(now + (i + 1) * 45 * 60_000).toISOString(),
      markets: [
        { id: 219, name: 'Moneyline', type: 'moneyline', line: 0, status: 'active', p: rng.range(0.35, 0.65), stakes: stakes(), sides: [side(4, home, h.id), side(5, away, a.id)] },
        { id: 18, name: 'Total', type: 'total', line: tournament.total, status: 'active', p: rng.range(0.45, 0.55), stakes: stakes(), sides: [side(12, `Over ${tournament.total}`, 0), side(13, `Under ${tournament.total}`, 0)] },
      ],
    };
  });
}

/** American odds for a win probability, the exchange's display convention (+124, -140). */
export function americanOdds(p: number): number {
  const clamped = Math.min(0.97, Math.max(0.03, p));
  return clamped >= 0.5 ? -Math.round((clamped / (1 - clamped)) * 100) : Math.round(((1 - clamped) / clamped) * 100);
}
