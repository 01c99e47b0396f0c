import type { PricePoint } from '@/lib/store/slices/markets-slice';
import { impliedProbability } from './odds';

/** Both sides' best prices at one moment, as implied probability (0–1), for the price chart. */
export interface ProbabilityPoint {
  t: number;
  side0: number | null;
  side1: number | null;
}

const toProbability = (odds: number | null) => (odds === null ? null : impliedProbability(odds));

/**
 * Each price point's probability point, made once: the store appends to a bounded price history and
 * keeps the points it has, so a chart fed this way sees the same point objects from one update to the
 * next and only the new ones are new. Weakly held: a point the history drops is collected with it.
 */
const derived = new WeakMap<PricePoint, ProbabilityPoint>();

/** The price history as implied probabilities, reusing the point made for each price point before. */
export function toProbabilitySeries(points: readonly PricePoint[]): ProbabilityPoint[] {
  return points.map((p) => {
    let q = derived.get(p);
    if (!q) {
      q = { t: p.t, side0: toProbability(p.side0), side1: toProbability(p.side1) };
      derived.set(p, q);
    }
    return q;
  });
}
