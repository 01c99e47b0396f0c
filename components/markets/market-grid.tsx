'use client';

import { cx } from '@/components/ui/cx';
import { formatMoney } from '@/components/ui/format';
import type { PriceLevel, RunnerBook } from '@/lib/store/slices/market-book';
import { type MarketBook, selectionKey } from '@/lib/store/slices/markets-slice';
import { type OddsFormat, formatOdds, formatStake } from './odds';

/** Levels per side in the market view; the selection's ladder shows all of them. */
const SHOWN = 3;
/** How long a price-move arrow stays after the move. */
const ARROW_MS = 15_000;

interface MarketGridProps {
  book: MarketBook;
  /** Last traded price by outcome id. */
  lastTraded: Record<number, number>;
  /** Our profit or loss if each selection wins; absent for users who do not see our book. */
  ifWins: Record<number, number> | null;
  selected: number | null;
  onSelect: (outcomeId: number) => void;
  format: OddsFormat;
  currency: string;
  now: number;
}

function PriceCell({ level, side, best, arrow, format, currency }: { level: PriceLevel | undefined; side: 'back' | 'lay'; best: boolean; arrow: 'up' | 'down' | null; format: OddsFormat; currency: string }) {
  return (
    <td
      data-testid={`${side}-cell`}
      className={cx(
        'border-l border-room px-1 py-0.5 text-center align-middle',
        side === 'back' ? (best ? 'bg-back/35' : 'bg-back/15') : best ? 'bg-lay/35' : 'bg-lay/15',
      )}
    >
      {level ? (
        <>
          <span className="num block text-lg leading-tight font-bold text-fg">
            {arrow ? (
              <span data-testid="price-move" data-dir={arrow} className={cx('mr-0.5 text-xs', arrow === 'up' ? 'text-live' : 'text-crit')} aria-label={arrow === 'up' ? 'price up' : 'price down'}>
                {arrow === 'up' ? '▲' : '▼'}
              </span>
            ) : null}
            {formatOdds(level.odds, format)}
          </span>
          <span className="num block text-xs text-fg-muted">{formatStake(level.stake, currency)}</span>
        </>
      ) : (
        <span className="text-fg-subtle">—</span>
      )}
    </td>
  );
}

/** The market view: every selection with its three best back and lay prices, last traded price and, for the book's users, our profit if it wins. */
export function MarketGrid({ book, lastTraded, ifWins, selected, onSelect, format, currency, now }: MarketGridProps) {
  const arrowOf = (r: RunnerBook, side: 'back' | 'lay') => {
    const move = book.moves[selectionKey(r.outcome_id, side)];
    return move && now - move.at < ARROW_MS ? move.dir : null;
  };
  return (
    <table className="w-full table-fixed border-collapse text-sm" data-testid="market-grid">
      <colgroup>
        <col />
        {Array.from({ length: SHOWN * 2 }, (_, i) => (
          <col key={i} className="w-[4.6rem] xl:w-[5.4rem]" />
        ))}
      </colgroup>
      <thead>
        <tr className="text-xs font-semibold tracking-wider text-fg-muted uppercase">
          <th className="px-3 py-1 text-left font-semibold">{book.runners.length} selections</th>
          <th colSpan={SHOWN} className="py-1 text-right pr-2 text-back">Back</th>
          <th colSpan={SHOWN} className="py-1 text-left pl-2 text-lay">Lay</th>
        </tr>
      </thead>
      <tbody>
        {book.runners.map((r) => {
          const ltp = lastTraded[r.outcome_id];
          const pl = ifWins?.[r.outcome_id];
          const backs = Array.from({ length: SHOWN }, (_, i) => r.back[SHOWN - 1 - i]);
          return (
            <tr
              key={r.outcome_id}
              data-testid="runner-row"
              aria-selected={r.outcome_id === selected}
              onClick={() => onSelect(r.outcome_id)}
              className={cx('cursor-pointer border-b border-line/60 hover:bg-raised', r.outcome_id === selected && 'bg-raised')}
            >
              <th scope="row" className={cx('border-l-4 px-3 py-1 text-left font-normal', r.outcome_id === selected ? 'border-l-accent' : 'border-l-transparent')}>
                <span className="block truncate text-base font-semibold" data-testid="runner-name">{r.name}</span>
                <span className="num flex flex-wrap gap-x-3 text-xs text-fg-muted">
                  <span data-testid="ltp">LTP {ltp ? formatOdds(ltp, format) : '—'}</span>
                  {pl !== undefined && pl !== 0 ? (
                    <span data-testid="if-wins" className={pl > 0 ? 'text-live' : 'text-crit'}>
                      {pl > 0 ? '+' : '−'}
                      {formatMoney(Math.abs(pl), currency, true)}
                    </span>
                  ) : null}
                </span>
              </th>
              {backs.map((level, i) => (
                <PriceCell key={`b${i}`} level={level} side="back" best={i === SHOWN - 1} arrow={i === SHOWN - 1 ? arrowOf(r, 'back') : null} format={format} currency={currency} />
              ))}
              {Array.from({ length: SHOWN }, (_, i) => (
                <PriceCell key={`l${i}`} level={r.lay[i]} side="lay" best={i === 0} arrow={i === 0 ? arrowOf(r, 'lay') : null} format={format} currency={currency} />
              ))}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
