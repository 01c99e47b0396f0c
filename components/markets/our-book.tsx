'use client';

import { cx } from '@/components/ui/cx';
import { formatMoney } from '@/components/ui/format';
import { Panel, type PanelState } from '@/components/ui/panel';
import type { EventEntry } from './use-market-catalog';
import { useOurBooks } from './use-our-book';

interface OurBookPanelProps {
  catalog: EventEntry[];
  marketKey: string | null;
  onMarket: (eventId: string, marketKey: string) => void;
  currency: string;
  state: PanelState;
  stale: boolean;
  className?: string;
}

/** The operator's own plays on the exchange, per market: matched and unmatched stake and the exposure they carry. */
export function OurBookPanel({ catalog, marketKey, onMarket, currency, state, stale, className }: OurBookPanelProps) {
  const books = useOurBooks();
  const rows = catalog.flatMap(({ event, markets }) => markets.filter((m) => books[m.key]).map((m) => ({ event, market: m, book: books[m.key] })));
  const total = rows.reduce((sum, r) => sum + r.book.exposure, 0);
  const money = (v: number) => formatMoney(v, currency, true);
  return (
    <Panel
      title="Our book"
      testId="our-book"
      state={rows.length ? 'ready' : state === 'ready' ? 'empty' : state}
      stale={stale}
      emptyText="No open plays"
      className={className}
      actions={rows.length ? <span className="num text-xs text-fg-muted" data-testid="our-exposure-total">exposure {money(total)}</span> : null}
    >
      <div className="grid grid-cols-3 gap-2 border-b border-line px-3 py-1 text-right text-xs font-semibold tracking-wider text-fg-muted uppercase">
        <span>Matched</span>
        <span>Unmatched</span>
        <span>Exposure</span>
      </div>
      <ul className="min-h-0 flex-1 overflow-y-auto">
        {rows.map(({ event, market, book }) => (
          <li key={market.key}>
            <button
              type="button"
              data-testid="our-book-row"
              aria-pressed={market.key === marketKey}
              onClick={() => onMarket(event.id, market.key)}
              className={cx('w-full border-b border-line/60 px-3 py-1.5 text-left hover:bg-raised', market.key === marketKey && 'bg-raised')}
            >
              <span className="block truncate text-sm font-medium">
                {market.name} <span className="text-fg-muted">· {event.name}</span>
              </span>
              <span className="num grid grid-cols-3 gap-2 text-right text-sm">
                <span>{money(book.matched)}</span>
                <span className="text-fg-muted">{money(book.unmatched)}</span>
                <span className={cx('font-semibold', book.exposure > 0 && 'text-warn')}>{money(book.exposure)}</span>
              </span>
            </button>
          </li>
        ))}
      </ul>
    </Panel>
  );
}
