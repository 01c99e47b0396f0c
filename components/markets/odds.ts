import { formatMoney } from '@/components/ui/format';

/** How a trader reads prices: decimal (the exchange's own), American or fractional. */
export type OddsFormat = 'decimal' | 'american' | 'fractional';
export const ODDS_FORMATS: readonly OddsFormat[] = ['decimal', 'american', 'fractional'];

/** American odds for a decimal price: +150 for 2.50, -200 for 1.50. */
export function toAmerican(decimal: number): number {
  if (decimal >= 2) return Math.round((decimal - 1) * 100);
  return -Math.round(100 / (decimal - 1));
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

/** Fractional odds for a decimal price, in the smallest terms that hit it within a cent: 2.50 → 3/2, 1.91 → 10/11. */
export function toFractional(decimal: number): string {
  const profit = decimal - 1;
  let best = { n: Math.round(profit), d: 1, error: Infinity };
  for (let d = 1; d <= 100; d++) {
    const n = Math.round(profit * d);
    const error = Math.abs(n / d - profit);
    if (n > 0 && error < best.error - 1e-9) best = { n, d, error };
    if (error < 0.005) break;
  }
  const g = gcd(best.n, best.d) || 1;
  return `${best.n / g}/${best.d / g}`;
}

/** A decimal price in the trader's format: "2.12", "+112", "28/25". */
export function formatOdds(decimal: number, format: OddsFormat = 'decimal'): string {
  if (!(decimal > 1)) return '—';
  if (format === 'american') {
    const a = toAmerican(decimal);
    return a > 0 ? `+${a}` : String(a);
  }
  if (format === 'fractional') return toFractional(decimal);
  return decimal < 10 ? decimal.toFixed(2) : decimal < 100 ? decimal.toFixed(1) : decimal.toFixed(0);
}

/** A stake in whole currency units with thousands separators: "€2,431". */
export function formatStake(stake: number, currency: string): string {
  return formatMoney(Math.round(stake), currency, true);
}

/** The win probability a decimal price implies, 0–1; puts every selection of a book on one scale. */
export function impliedProbability(decimal: number): number {
  return decimal > 1 ? 1 / decimal : 1;
}
