/*
 * The decimal price ladder exchanges trade on: prices step by a tick whose size grows with the
 * price (1.01–2 by 0.01, 2–3 by 0.02 … 100–1000 by 10), so every quoted price is a ladder price.
 */
const BANDS: [upTo: number, tick: number][] = [
  [2, 0.01],
  [3, 0.02],
  [4, 0.05],
  [6, 0.1],
  [10, 0.2],
  [20, 0.5],
  [30, 1],
  [50, 2],
  [100, 5],
  [1000, 10],
];

export const MIN_PRICE = 1.01;
export const MAX_PRICE = 1000;

/** Every price of the ladder, ascending. */
export const LADDER: readonly number[] = (() => {
  const prices: number[] = [];
  let from = 1;
  for (const [upTo, tick] of BANDS) {
    for (let p = from + tick; p <= upTo + 1e-9; p += tick) prices.push(Math.round(p * 100) / 100);
    from = upTo;
  }
  return prices;
})();

/** The index of the highest ladder price at or below `price` (the lowest for prices under the ladder). */
export function tickIndexAtOrBelow(price: number): number {
  let lo = 0;
  let hi = LADDER.length - 1;
  if (price <= LADDER[0]) return 0;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (LADDER[mid] <= price + 1e-9) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** The ladder price `ticks` steps from index `index`, held inside the ladder. */
export function priceAt(index: number, ticks = 0): number {
  return LADDER[Math.min(LADDER.length - 1, Math.max(0, index + ticks))];
}
