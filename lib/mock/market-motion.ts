import { LADDER, priceAt, tickIndexAtOrBelow } from './price-ticks';
import type { Rng } from './prng';
import type { BookMarket, Runner } from './sports-book';

/*
 * How the mock's markets move: every quantity takes a mean-reverting (Ornstein–Uhlenbeck) step in
 * log space around its steady level, held inside a band, so prices and liquidity wander for hours
 * without drifting. A multiplicative random walk would not do: its log performs a free walk.
 */

/** Price: pull towards the steady strength per step, step size, and the widest excursion (log-odds). */
const PRICE = { reversion: 0.012, vol: 0.012, band: 0.38 };
/** Liquidity: pull towards the level's steady stake per step, step size, widest excursion (log of stake). */
const STAKE = { reversion: 0.08, vol: 0.22, band: Math.log(6) };

/** A bounded shock with mean 0 and standard deviation 1 (uniform on ±√3). */
const shock = (rng: Rng) => rng.range(-1, 1) * Math.sqrt(3);

/** One mean-reverting step of `x` towards `mean`, clamped to `mean ± band`. */
export function revert(x: number, mean: number, reversion: number, vol: number, band: number, noise: number): number {
  const next = x + reversion * (mean - x) + vol * noise;
  return Math.min(mean + band, Math.max(mean - band, next));
}

/** The market's win probabilities: a softmax of the runners' strengths (they always sum to 1). */
export function probabilities(market: BookMarket): number[] {
  const weights = market.runners.map((r) => Math.exp(r.strength));
  const total = weights.reduce((a, b) => a + b, 0);
  return weights.map((w) => w / total);
}

/** One quoted level: a decimal price and the stake available at it. */
export interface Quote {
  price: number;
  stake: number;
}

/**
 * A runner's quotes: back prices at and below the fair price (best = highest first), lay prices
 * from `spread` ticks above the best back (best = lowest first). Levels squeezed off the ends of
 * the ladder are left out rather than repeated.
 */
export function quotes(runner: Runner, probability: number, spread: number): { back: Quote[]; lay: Quote[] } {
  const best = tickIndexAtOrBelow(1 / probability);
  const back: Quote[] = [];
  const lay: Quote[] = [];
  for (let k = 0; k < runner.back.length; k++) {
    if (best - k >= 0) back.push({ price: priceAt(best, -k), stake: Math.exp(runner.back[k]) });
    if (best + spread + k < LADDER.length) lay.push({ price: priceAt(best, spread + k), stake: Math.exp(runner.lay[k]) });
  }
  return { back, lay };
}

/** The market's prices move a little around their steady levels. */
export function movePrices(market: BookMarket, rng: Rng): void {
  for (const r of market.runners) r.strength = revert(r.strength, r.anchor, PRICE.reversion, PRICE.vol, PRICE.band, shock(rng));
}

/** Stakes come and go at every level, each pulled back to its steady size. */
export function moveLiquidity(market: BookMarket, rng: Rng): void {
  for (const r of market.runners) {
    for (let k = 0; k < market.depth.length; k++) {
      r.back[k] = revert(r.back[k], market.depth[k], STAKE.reversion, STAKE.vol, STAKE.band, shock(rng));
      r.lay[k] = revert(r.lay[k], market.depth[k], STAKE.reversion, STAKE.vol, STAKE.band, shock(rng));
    }
  }
}

/** A match takes stake off the best level of one side; the level refills as liquidity moves. */
export function takeStake(market: BookMarket, runner: Runner, side: 'back' | 'lay', stake: number): void {
  const levels = runner[side];
  const left = Math.exp(levels[0]) - stake;
  levels[0] = Math.max(market.depth[0] - STAKE.band, Math.log(Math.max(1, left)));
}

/** The bounds a level's stake never leaves, for the steady level `depth` (log). */
export function stakeBounds(depth: number): [number, number] {
  return [Math.exp(depth - STAKE.band), Math.exp(depth + STAKE.band)];
}

/** How far (log-odds) a runner's strength may leave its steady level. */
export function strengthBand(): number {
  return PRICE.band;
}
