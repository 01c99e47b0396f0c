'use client';

import { useMemo } from 'react';
import { formatCompact, formatMoney } from '@/components/ui/format';
import { Panel } from '@/components/ui/panel';
import { useNow } from '@/components/ui/use-now';
import { useDataTime } from '@/lib/store/use-liveness';
import { useMonitor, useMonitorStoreApi } from '@/lib/store/use-monitor';
import { usePanelState } from '@/lib/store/use-panel-state';
import { CashChart, TurnoverChart } from './kpi-charts';
import { KpiTile } from './kpi-tile';
import { chartDomain, lastMinute, rollingPerMinute } from './kpi-series';

const CURRENCY = 'EUR';

/** Floor KPIs over the last minute, and per minute over the last five. */
export function KpisPanel({ className }: { className?: string }) {
  const buckets = useMonitor((s) => s.kpis.buckets);
  const locationId = useMonitor((s) => s.ui.locationId);
  const now = useNow(2000);
  // Once data stops, figures hold at the last data instead of decaying to zero, and the series ends
  // there: the charts keep the axis to now, so the gap shows as a gap, not as a fall to zero.
  const asOf = useDataTime(now);
  const minute = useMemo(() => lastMinute(buckets, locationId, asOf), [buckets, locationId, asOf]);
  const store = useMonitorStoreApi();
  // The charts span a quarter hour: they take the buckets on the clock's 2 s tick, not on every live batch.
  const points = useMemo(() => rollingPerMinute(store.getState().kpis.buckets, locationId, asOf), [store, locationId, asOf]);
  const domain = useMemo(() => chartDomain(points, now), [points, now]);
  const { state, stale } = usePanelState(['game', 'cash'], buckets.length > 0);
  const net = minute.deposits - minute.withdrawals;

  return (
    <Panel title="Floor KPIs · last minute" testId="kpis-panel" state={state} stale={stale} emptyText="No play yet" className={className}>
      <div className="grid grid-cols-2 gap-2 px-3 pt-2 xl:grid-cols-4">
        <KpiTile stale={stale} label="Bets / min" value={String(minute.bets)} hint={`${minute.wins} wins`} />
        <KpiTile stale={stale} label="Turnover / min" value={formatMoney(minute.turnover, CURRENCY, true)} tone="accent" hint={`payout ${formatMoney(minute.payout, CURRENCY, true)}`} />
        <KpiTile stale={stale} label="Deposits / min" value={formatMoney(minute.deposits, CURRENCY, true)} tone="live" />
        <KpiTile
          stale={stale}
          label="Withdrawals / min"
          value={formatMoney(minute.withdrawals, CURRENCY, true)}
          tone="warn"
          hint={`net ${net >= 0 ? '+' : '−'}${formatCompact(Math.abs(net))}`}
        />
      </div>
      <div className="grid min-h-0 flex-1 grid-cols-1 gap-3 px-2 pt-1 pb-1 md:grid-cols-2">
        <TurnoverChart points={points} domain={domain} />
        <CashChart points={points} domain={domain} />
      </div>
    </Panel>
  );
}
