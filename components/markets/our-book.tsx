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
      <table className="w-full table-fixed text-sm">
        <colgroup>
          <col />
          <col className="w-[4.8rem]" />
          <col className="w-[4.8rem]" />
          <col className="w-[4.8rem]" />
        </colgroup>
        <thead>
          <tr className="text-xs tracking-wider text-fg-muted uppercase">
            <th className="px-3 py-1 text-left font-semibold">Market</th>
            <th className="py-1 text-right font-semibold">Matched</th>
            <th className="py-1 text-right font-semibold">Unmatched</th>
            <th className="py-1 pr-3 text-right font-semibold">Exposure</th>
          </tr>
        </thead>
      </table>
      <div className="min-h-0 flex-1 overflow-y-auto">
        <table className="w-full table-fixed text-sm">
          <colgroup>
            <col />
            <col className="w-[4.8rem]" />
            <col className="w-[4.8rem]" />
            <col className="w-[4.8rem]" />
          </colgroup>
          <tbody>
            {rows.map(({ event, market, book }) => (
              <tr
                key={market.key}
                data-testid="our-book-row"
                onClick={() => onMarket(event.id, market.key)}
                className={cx('cursor-pointer border-b border-line/60 hover:bg-raised', market.key === marketKey && 'bg-raised')}
              >
                <td className="px-3 py-1.5">
                  <span className="block truncate font-medium">{market.name}</span>
                  <span className="block truncate text-xs text-fg-muted">{event.name}</span>
                </td>
                <td className="num text-right">{money(book.matched)}</td>
                <td className="num text-right text-fg-muted">{money(book.unmatched)}</td>
                <td className={cx('num pr-3 text-right font-semibold', book.exposure > 0 && 'text-warn')}>{money(book.exposure)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Panel>
  );
}
