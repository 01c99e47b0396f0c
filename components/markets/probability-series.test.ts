import { describe, expect, it } from 'vitest';
import { toProbabilitySeries } from './probability-series';

describe('probability series', () => {
  it('turns both sides’ decimal prices into implied probability, keeping gaps', () => {
    expect(toProbabilitySeries([{ t: 1, side0: 2, side1: null }])).toEqual([{ t: 1, side0: 0.5, side1: null }]);
  });

  it('hands back the same point for a price point it has seen, a new one only for new prices', () => {
    const a = { t: 1, side0: 2, side1: 2 };
    const b = { t: 2, side0: 4, side1: 4 / 3 };
    const first = toProbabilitySeries([a]);
    const second = toProbabilitySeries([a, b]);
    expect(second[0]).toBe(first[0]);
    expect(second[1]).toEqual({ t: 2, side0: 0.25, side1: 0.75 });
    expect(toProbabilitySeries([{ ...a }])[0]).not.toBe(first[0]);
  });
});
