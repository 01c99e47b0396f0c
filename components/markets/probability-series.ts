import { type PricePoint, pricePoints } from '@/lib/store/slices/markets-slice';
import type { SeriesView } from '@/lib/store/series-ring';
import { impliedProbability } from './odds';

/** Both sides' best prices at one moment, as implied probability (0–1), for the price chart. */
export interface ProbabilityPoint {
  t: number;
  side0: number | null;
  side1: number | null;
}

const toProbability = (odds: number | null) => (odds === null ? null : impliedProbability(odds));

/** One price point as implied probabilities, keeping gaps. */
export const toProbabilityPoint = (p: PricePoint): ProbabilityPoint => ({ t: p.t, side0: toProbability(p.side0), side1: toProbability(p.side1) });

/**
 * A market's price window as implied probabilities, made from the store's ring when the chart renders;
 * the caller memoizes it on the view, so the chart gets the same array until the ring changes.
 */
export function toProbabilitySeries(view: SeriesView): ProbabilityPoint[] {
  return pricePoints(view).map(toProbabilityPoint);
}
