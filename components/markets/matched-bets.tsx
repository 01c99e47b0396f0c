'use client';

import { useMemo } from 'react';
import { formatClock, formatMoney } from '@/components/ui/format';
import { Panel, type PanelState } from '@/components/ui/panel';
import { useMonitor } from '@/lib/store/use-monitor';
import { formatOdds } from './odds';
import { useOddsFormat } from './use-odds-format';

const SHOWN = 40;

/** Recently matched bets on the selected market (or every market when none is selected). */
export function MatchedBets({ marketKey, currency, state, stale, className }: { marketKey: string | null; currency: string; state: PanelState; stale: boolean; className?: string }) {
  const matched = useMonitor((s) => s.markets.matched);
  const books = useMonitor((s) => s.markets.books);
  const [format] = useOddsFormat();
  const rows = useMemo(() => (marketKey ? matched.filter((m) => m.marketKey === marketKey) : matched).slice(0, SHOWN), [matched, marketKey]);

  const outcomeName = (key: string, outcomeId: number) => books[key]?.runners.find((r) => r.outcome_id === outcomeId)?.name ?? `Outcome ${outcomeId}`;

  return (
    <Panel title="Matched bets" testId="matched-bets" state={rows.length ? 'ready' : state === 'ready' ? 'empty' : state} stale={stale} emptyText="No matches yet on this market" className={className}>
      <ul className="min-h-0 flex-1 overflow-y-auto">
        {rows.map((m) => (
          <li key={m.id} data-testid="matched-row" className="grid grid-cols-[minmax(0,1fr)_auto] items-center gap-x-3 border-b border-line/60 px-3 py-1.5">
            <span className="truncate font-medium">{outcomeName(m.marketKey, m.outcome_id)}</span>
            <span className="num text-right text-lg font-bold">{formatMoney(m.stake, currency)}</span>
            <span className="num text-xs text-fg-subtle">{formatClock(m.ts)}</span>
            <span className="num text-right text-sm text-fg-muted">at {formatOdds(m.odds, format)}</span>
          </li>
        ))}
      </ul>
    </Panel>
  );
}
