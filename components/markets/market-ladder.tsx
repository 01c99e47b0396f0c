'use client';

import dynamic from 'next/dynamic';
import type { MarketSelection } from '@/lib/protocol';
import { ChartPlaceholder } from '@/components/charts/chart-placeholder';
import { cx } from '@/components/ui/cx';
import { formatClock } from '@/components/ui/format';
import { Panel, type PanelState } from '@/components/ui/panel';
import { useNow } from '@/components/ui/use-now';
import type { MarketInfo } from '@/lib/store/slices/market-items';
import { useMonitor } from '@/lib/store/use-monitor';
import { LadderSide } from './ladder-side';

// recharts loads in its own chunk once the page is interactive (the first load stays small).
const PriceChart = dynamic(() => import('./price-chart').then((m) => m.PriceChart), {
  ssr: false,
  loading: () => <ChartPlaceholder className="min-h-44 flex-1 border-t border-line" />,
});

function sideName(selections: MarketSelection[], fallback: string): string {
  return selections[0]?.display_name || selections[0]?.name || fallback;
}

interface MarketLadderProps {
  title: string;
  markets: MarketInfo[];
  marketKey: string | null;
  onMarket: (key: string) => void;
  state: PanelState;
  stale: boolean;
  className?: string;
}

/** The liquidity ladder of one market: both sides' best selections, odds and stake. */
export function MarketLadder({ title, markets, marketKey, onMarket, state, stale, className }: MarketLadderProps) {
  const book = useMonitor((s) => (marketKey ? s.markets.books[marketKey] : undefined));
  const prices = useMonitor((s) => (marketKey ? s.markets.prices[marketKey] : undefined));
  const now = useNow(1000);
  const maxStake = book ? Math.max(1, ...book.sides.flat().map((s) => s.stake)) : 1;

  return (
    <Panel
      title={title}
      testId="market-ladder"
      state={book || state !== 'ready' ? state : 'empty'}
      stale={stale}
      emptyText="Pick a sport event to see its markets"
      className={className}
      actions={book ? <span className="num text-xs text-fg-subtle">updated {formatClock(book.updatedAt)}</span> : null}
    >
      <div role="tablist" aria-label="Markets" className="flex flex-wrap gap-1 border-b border-line px-2 py-2">
        {markets.map((m) => (
          <button
            key={m.key}
            type="button"
            role="tab"
            aria-selected={m.key === marketKey}
            onClick={() => onMarket(m.key)}
            className={cx(
              'rounded-md px-3 py-1.5 text-sm font-semibold',
              m.key === marketKey ? 'bg-accent text-room' : 'bg-raised text-fg-muted hover:text-fg',
            )}
          >
            {m.name}
          </button>
        ))}
      </div>
      {book ? (
        <div className="flex min-h-0 flex-1 flex-col overflow-y-auto">
          <div className="grid grid-cols-1 gap-4 p-2 md:grid-cols-2">
            <LadderSide side={0} selections={book.sides[0]} moves={book.moves} maxStake={maxStake} now={now} />
            <LadderSide side={1} selections={book.sides[1]} moves={book.moves} maxStake={maxStake} now={now} />
          </div>
          {prices && prices.length > 1 ? <PriceChart points={prices} side0={sideName(book.sides[0], 'Side 1')} side1={sideName(book.sides[1], 'Side 2')} /> : null}
        </div>
      ) : null}
    </Panel>
  );
}
