import { formatCompact } from '@/components/ui/format';

/** American odds as the exchange shows them: +124, -110. */
export function formatOdds(odds: number): string {
  return odds > 0 ? `+${odds}` : String(odds);
}

/** A stake in exchange dollars, compact from 100k up so large books stay readable. */
export function formatStake(stake: number): string {
  if (stake >= 100_000) return `$${formatCompact(stake)}`;
  return `$${stake.toLocaleString('en-US', { maximumFractionDigits: stake >= 1000 ? 0 : 2, minimumFractionDigits: stake >= 1000 ? 0 : 2 })}`;
}

/** The win probability American odds imply, 0–1; puts both sides of a book on one scale. */
export function impliedProbability(odds: number): number {
  if (odds >= 100) return 100 / (odds + 100);
  if (odds <= -100) return -odds / (-odds + 100);
  return 0.5;
}
