'use client';

import dynamic from 'next/dynamic';
import { useState } from 'react';
import { ChartPlaceholder } from '@/components/charts/chart-placeholder';
import { cx } from '@/components/ui/cx';
import { formatClock, formatMoney } from '@/components/ui/format';
import { Panel, type PanelState } from '@/components/ui/panel';
import { useNow } from '@/components/ui/use-now';
import type { MarketInfo } from '@/lib/store/slices/market-items';
import { useMonitor } from '@/lib/store/use-monitor';
import { MarketGrid } from './market-grid';
import { ODDS_FORMATS, type OddsFormat } from './odds';
import { SelectionLadder } from './selection-ladder';
import { useOddsFormat } from './use-odds-format';
import { useOurBooks, useSeesOurBook } from './use-our-book';

// recharts loads in its own chunk once the page is interactive (the first load stays small).
const PriceChart = dynamic(() => import('./price-chart').then((m) => m.PriceChart), {
  ssr: false,
  loading: () => <ChartPlaceholder className="min-h-44 flex-1 border-t border-line" />,
});

const FORMAT_LABELS: Record<OddsFormat, string> = { decimal: 'Decimal', american: 'American', fractional: 'Fractional' };

interface MarketLadderProps {
  title: string;
  markets: MarketInfo[];
  marketKey: string | null;
  onMarket: (key: string) => void;
  currency: string;
  state: PanelState;
  stale: boolean;
  className?: string;
}

/** A trader's view of one market: every selection's best prices, the chosen selection's full ladder with traded volume, and our position. */
export function MarketLadder({ title, markets, marketKey, onMarket, currency, state, stale, className }: MarketLadderProps) {
  const book = useMonitor((s) => (marketKey ? s.markets.books[marketKey] : undefined));
  const prices = useMonitor((s) => (marketKey ? s.markets.prices[marketKey] : undefined));
  const trading = useMonitor((s) => (marketKey ? s.markets.trading[marketKey] : undefined));
  const seesBook = useSeesOurBook();
  const ours = useOurBooks();
  const position = seesBook && marketKey ? ours[marketKey] : undefined;
  const [format, setFormat] = useOddsFormat();
  const [choice, setChoice] = useState<number | null>(null);
  const now = useNow(1000);
  const runner = book?.runners.find((r) => r.outcome_id === choice) ?? book?.runners[0];
  const money = (v: number) => formatMoney(v, currency, true);

  return (
    <Panel
      title={title}
      testId="market-ladder"
      state={book || state !== 'ready' ? state : 'empty'}
      stale={stale}
      emptyText="Pick a sport event to see its markets"
      className={className}
      actions={
        <>
          {book ? (
            <span className="num text-sm font-semibold" data-testid="total-matched">
              Matched {money(trading?.total ?? 0)}
            </span>
          ) : null}
          <label className="flex items-center gap-1 text-xs text-fg-muted">
            Odds
            <select
              aria-label="Odds format"
              value={format}
              onChange={(e) => setFormat(e.target.value as OddsFormat)}
              className="rounded border border-line bg-raised px-1.5 py-1 text-sm text-fg"
            >
              {ODDS_FORMATS.map((f) => (
                <option key={f} value={f}>
                  {FORMAT_LABELS[f]}
                </option>
              ))}
            </select>
          </label>
          {book ? <span className="num text-xs text-fg-subtle">updated {formatClock(book.updatedAt)}</span> : null}
        </>
      }
    >
      <div role="tablist" aria-label="Markets" className="flex flex-wrap gap-1 border-b border-line px-2 py-1.5">
        {markets.map((m) => (
          <button
            key={m.key}
            type="button"
            role="tab"
            aria-selected={m.key === marketKey}
            onClick={() => {
              onMarket(m.key);
              setChoice(null);
            }}
            className={cx('rounded-md px-3 py-1 text-sm font-semibold', m.key === marketKey ? 'bg-accent text-room' : 'bg-raised text-fg-muted hover:text-fg')}
          >
            {m.name}
            {m.status && m.status !== 'active' ? <span className="text-xs font-normal text-warn"> · {m.status}</span> : null}
          </button>
        ))}
      </div>
      {book ? (
        <div className="flex min-h-0 flex-1 flex-col overflow-y-auto">
          <MarketGrid
            book={book}
            lastTraded={trading?.last ?? {}}
            ifWins={position?.ifWins ?? null}
            selected={runner?.outcome_id ?? null}
            onSelect={setChoice}
            format={format}
            currency={currency}
            now={now}
          />
          <div className="grid gap-3 p-2 xl:grid-cols-[minmax(0,1fr)_minmax(0,1fr)]">
            {runner ? <SelectionLadder runner={runner} volume={trading?.volume[runner.outcome_id]} lastTraded={trading?.last[runner.outcome_id]} format={format} currency={currency} /> : null}
            <div className="flex min-w-0 flex-col gap-2">
              {seesBook ? (
                <dl className="grid grid-cols-3 gap-2 rounded-md border border-line p-2" data-testid="market-position">
                  {[
                    ['Our matched', position?.matched ?? 0],
                    ['Unmatched', position?.unmatched ?? 0],
                    ['Exposure', position?.exposure ?? 0],
                  ].map(([label, value]) => (
                    <div key={label as string} className="min-w-0">
                      <dt className="truncate text-xs text-fg-muted uppercase">{label}</dt>
                      <dd className={cx('num truncate text-lg font-bold', label === 'Exposure' && (value as number) > 0 && 'text-warn')}>{money(value as number)}</dd>
                    </div>
                  ))}
                </dl>
              ) : null}
              {prices && prices.ring.length > 1 && book.runners.length > 1 ? (
                <PriceChart prices={prices} side0={book.runners[0].name} side1={book.runners[book.runners.length - 1].name} />
              ) : null}
            </div>
          </div>
        </div>
      ) : null}
    </Panel>
  );
}
