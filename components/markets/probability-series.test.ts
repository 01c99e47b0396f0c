import { describe, expect, it } from 'vitest';
import { SeriesRing, viewOf } from '@/lib/store/series-ring';
import { toProbabilityPoint, toProbabilitySeries } from './probability-series';

describe('probability series', () => {
  it('turns both sides’ decimal prices into implied probability, keeping gaps', () => {
    expect(toProbabilityPoint({ t: 1, side0: 2, side1: null })).toEqual({ t: 1, side0: 0.5, side1: null });
  });

  it('reads a market’s price window oldest first, a missing side as a gap', () => {
    const ring = new SeriesRing(4, 2);
    ring.push(1, 2, 2);
    ring.push(2, 4);
    expect(toProbabilitySeries(viewOf(ring))).toEqual([
      { t: 1, side0: 0.5, side1: 0.5 },
      { t: 2, side0: 0.25, side1: null },
    ]);
  });
});
