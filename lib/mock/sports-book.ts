import type { Rng } from './prng';

/** Fixtures of the mock exchange: tournaments and the matches played in them. */
export const TOURNAMENTS = [
  { key: 'sr:tournament:17', id: 17, name: 'Premier League', sport: { id: 1, name: 'Soccer' }, category: { countryCode: 'ENG', id: 1, name: 'England' } },
  { key: 'sr:tournament:132', id: 132, name: 'NBA', sport: { id: 2, name: 'Basketball' }, category: { countryCode: 'USA', id: 15, name: 'USA' } },
  { key: 'sr:tournament:2785', id: 2785, name: 'ATP Madrid', sport: { id: 5, name: 'Tennis' }, category: { countryCode: 'ESP', id: 31, name: 'Spain' } },
] as const;

type Tournament = (typeof TOURNAMENTS)[number];

const MATCHES: [tournament: number, home: string, homeAbbr: string, away: string, awayAbbr: string][] = [
  [0, 'Arsenal', 'ARS', 'Chelsea', 'CHE'],
  [0, 'Liverpool', 'LIV', 'Manchester City', 'MCI'],
  [0, 'Newcastle United', 'NEW', 'Tottenham Hotspur', 'TOT'],
  [1, 'Los Angeles Lakers', 'LAL', 'Boston Celtics', 'BOS'],
  [1, 'Golden State Warriors', 'GSW', 'Denver Nuggets', 'DEN'],
  [2, 'Carlos Alcaraz', 'ALC', 'Jannik Sinner', 'SIN'],
];

/** Levels quoted on each side of a selection: the feed's limit of ten best selections per array. */
export const LEVELS = 10;

/** One selection (runner) of a market, with the state its prices and liquidity move in. */
export interface Runner {
  outcomeId: number;
  name: string;
  competitorId: number;
  lineId: string;
  marketLineId: number;
  /** The steady log-strength the price reverts to; win probabilities are the softmax over the market. */
  anchor: number;
  strength: number;
  /** Log of the unmatched stake at each back and lay level (best first). */
  back: number[];
  lay: number[];
}

export interface BookMarket {
  id: number;
  name: string;
  type: 'match_odds' | 'moneyline' | 'total';
  line: number;
  status: 'active' | 'suspended';
  runners: Runner[];
  /** Log of the steady stake at each level (best first), in the mock's currency. */
  depth: number[];
  /** Ticks between the best back and the best lay price. */
  spread: number;
}

export interface BookEvent {
  key: string;
  eventId: number;
  tournament: Tournament;
  home: { id: number; name: string; abbr: string };
  away: { id: number; name: string; abbr: string };
  status: 'not_started' | 'live';
  scheduled: string;
  markets: BookMarket[];
}

/** Chance of more than `line` goals when goals are Poisson with mean `lambda`. */
function poissonOver(line: number, lambda: number): number {
  let cdf = 0;
  let term = Math.exp(-lambda);
  for (let k = 0; k <= Math.floor(line); k++) {
    cdf += term;
    term *= lambda / (k + 1);
  }
  return 1 - cdf;
}

/** Chance a normally distributed total exceeds `line`. */
function normalOver(line: number, mean: number, sd: number): number {
  const z = (line - mean) / (sd * Math.SQRT2);
  // Abramowitz–Stegun erf, plenty for a mock's prices.
  const t = 1 / (1 + 0.3275911 * Math.abs(z));
  const erf = 1 - (((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t) * Math.exp(-z * z);
  return 0.5 * (1 - Math.sign(z) * erf);
}

/** Per sport: the winner market's name, whether it has a draw, and the totals it offers. */
const SPORT_MARKETS: Record<string, { winner: string; draw: boolean; totals: (rng: Rng) => { name: string; lines: number[]; over: (line: number) => number }; depth: number }> = {
  Soccer: {
    winner: 'Match Odds',
    draw: true,
    depth: 2400,
    totals: (rng) => {
      const lambda = rng.range(2.2, 3.1);
      return { name: 'Goals', lines: [1.5, 2.5, 3.5], over: (line) => poissonOver(line, lambda) };
    },
  },
  Basketball: {
    winner: 'Moneyline',
    draw: false,
    depth: 1600,
    totals: (rng) => {
      const mean = rng.range(216, 228);
      return { name: 'Points', lines: [217.5, 221.5, 225.5], over: (line) => normalOver(line, mean, 12) };
    },
  },
  Tennis: {
    winner: 'Match Winner',
    draw: false,
    depth: 1100,
    totals: (rng) => {
      const mean = rng.range(21.5, 23.5);
      return { name: 'Games', lines: [20.5, 22.5, 24.5], over: (line) => normalOver(line, mean, 3.5) };
    },
  },
};

/** The steady log-stake of each level: deepest at the best price, thinning away from it. */
function depthCurve(bestLevel: number): number[] {
  return Array.from({ length: LEVELS }, (_, k) => Math.log(bestLevel * (1 - 0.07 * k)));
}

/**
 * Builds the exchange's matches: a winner market (three-way with the draw in football) and three
 * totals markets on distinct lines, each selection priced from a steady probability.
 */
export function buildSportsBook(rng: Rng, now: number): BookEvent[] {
  let lineSeq = 9000;
  const runner = (outcomeId: number, name: string, competitorId: number, p: number, depth: number[]): Runner => ({
    outcomeId,
    name,
    competitorId,
    lineId: rng.hex(32),
    marketLineId: ++lineSeq,
    anchor: Math.log(p),
    strength: Math.log(p),
    back: [...depth],
    lay: [...depth],
  });

  return MATCHES.map(([t, home, homeAbbr, away, awayAbbr], i) => {
    const tournament = TOURNAMENTS[t];
    const sport = SPORT_MARKETS[tournament.sport.name];
    const h = { id: 40 + i * 2, name: home, abbr: homeAbbr };
    const a = { id: 41 + i * 2, name: away, abbr: awayAbbr };
    const winnerDepth = depthCurve(sport.depth * rng.range(0.7, 1.3));
    const pDraw = sport.draw ? rng.range(0.22, 0.29) : 0;
    const pHome = (1 - pDraw) * rng.range(0.3, 0.7);
    const winner: BookMarket = {
      id: 219,
      name: sport.winner,
      type: sport.draw ? 'match_odds' : 'moneyline',
      line: 0,
      status: 'active',
      depth: winnerDepth,
      spread: 1,
      runners: [
        runner(4, home, h.id, pHome, winnerDepth),
        ...(sport.draw ? [runner(6, 'The Draw', 0, pDraw, winnerDepth)] : []),
        runner(5, away, a.id, 1 - pDraw - pHome, winnerDepth),
      ],
    };
    const totals = sport.totals(rng);
    const totalMarkets = totals.lines.map((line, k): BookMarket => {
      const depth = depthCurve(sport.depth * rng.range(0.3, 0.6));
      const over = Math.min(0.92, Math.max(0.08, totals.over(line)));
      return {
        id: 18 + k,
        name: `Over/Under ${line} ${totals.name}`,
        type: 'total',
        line,
        status: 'active',
        depth,
        spread: 1,
        runners: [runner(12, `Over ${line}`, 0, over, depth), runner(13, `Under ${line}`, 0, 1 - over, depth)],
      };
    });
    return {
      key: String(44285780 + i),
      eventId: 44285780 + i,
      tournament,
      home: h,
      away: a,
      status: 'not_started',
      scheduled: new Date(now + (i + 1) * 45 * 60_000).toISOString(),
      markets: [winner, ...totalMarkets],
    };
  });
}
