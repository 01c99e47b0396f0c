import type { RunnerBook } from '@/lib/store/slices/market-book';

/** One price of a selection's ladder: stake to back and to lay there, and what has traded at it. */
export interface LadderRow {
  odds: number;
  back: number | null;
  lay: number | null;
  traded: number;
  last: boolean;
}

/**
 * A selection's ladder, highest price first: the lay side's levels above, the back side's below,
 * and the prices that traded between them or at the last traded price, each with its volume.
 */
export function ladderRows(runner: RunnerBook, volume: Record<string, number> = {}, lastTraded?: number): LadderRow[] {
  const rows = new Map<number, LadderRow>();
  const row = (odds: number) => {
    let r = rows.get(odds);
    if (!r) rows.set(odds, (r = { odds, back: null, lay: null, traded: 0, last: false }));
    return r;
  };
  for (const l of runner.back) row(l.odds).back = l.stake;
  for (const l of runner.lay) row(l.odds).lay = l.stake;
  const quoted = [...rows.keys()];
  const low = Math.min(...quoted);
  const high = Math.max(...quoted);
  for (const [price, stake] of Object.entries(volume)) {
    const odds = Number(price);
    if ((odds >= low && odds <= high) || odds === lastTraded) row(odds).traded = stake;
  }
  if (lastTraded !== undefined) row(lastTraded).last = true;
  return [...rows.values()].sort((a, b) => b.odds - a.odds);
}
