'use client';

import type { MarketSelection } from '@/lib/protocol';
import { cx } from '@/components/ui/cx';
import { selectionKey, type MarketBook } from '@/lib/store/slices/markets-slice';
import { formatStake } from './odds';

/** How long a price-move arrow stays after the move. */
const ARROW_MS = 15_000;

interface LadderSideProps {
  side: 0 | 1;
  selections: MarketSelection[];
  moves: MarketBook['moves'];
  maxStake: number;
  now: number;
}

/** One side of the book: best selections with odds, a ▲▼ for recent price moves, and stake as a depth bar. */
export function LadderSide({ side, selections, moves, maxStake, now }: LadderSideProps) {
  const title = selections[0]?.display_name || selections[0]?.name || `Side ${side + 1}`;
  const tint = side === 0 ? 'bg-accent/25' : 'bg-jackpot/25';
  // Moneyline books have no lines: the first column then ranks the prices instead.
  const hasLines = selections.some((s) => s.display_line);
  return (
    <div className="min-w-0" data-testid="ladder-side">
      <h3 className="truncate border-b border-line px-3 py-2 text-lg font-bold">{title}</h3>
      <div className="grid grid-cols-[minmax(0,1fr)_6rem_7rem] px-3 py-1 text-xs font-semibold tracking-wider text-fg-muted uppercase">
        <span>{hasLines ? 'Line' : 'Depth'}</span>
        <span className="text-right">Odds</span>
        <span className="text-right">Stake</span>
      </div>
      <ol>
        {selections.map((s, i) => {
          const move = moves[selectionKey(side, i)];
          const arrow = move && now - move.at < ARROW_MS ? move.dir : null;
          return (
            <li
              key={`${s.line_id}:${s.outcome_id}:${i}`}
              data-testid="ladder-row"
              className="relative grid grid-cols-[minmax(0,1fr)_6rem_7rem] items-center border-b border-line/50 px-3 py-1.5"
            >
              <span aria-hidden className={cx('absolute inset-y-0.5 right-0 rounded-l', tint)} style={{ width: `${maxStake ? (s.stake / maxStake) * 60 : 0}%` }} />
              <span className="num relative truncate text-sm text-fg-muted">{hasLines ? s.display_line || '—' : i === 0 ? 'Best' : `#${i + 1}`}</span>
              <span className={cx('num relative text-right text-2xl font-bold', i === 0 ? 'text-fg' : 'text-fg-muted')}>
                {arrow ? (
                  <span data-testid="price-move" data-dir={arrow} className={cx('mr-1 text-base', arrow === 'up' ? 'text-live' : 'text-crit')} aria-label={arrow === 'up' ? 'price up' : 'price down'}>
                    {arrow === 'up' ? '▲' : '▼'}
                  </span>
                ) : null}
                {s.display_odds}
              </span>
              <span className="num relative text-right text-lg font-semibold">{formatStake(s.stake)}</span>
            </li>
          );
        })}
      </ol>
    </div>
  );
}
