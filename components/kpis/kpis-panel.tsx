'use client';

import { useMemo } from 'react';
import { formatCompact, formatMoney } from '@/components/ui/format';
import { Panel } from '@/components/ui/panel';
import { useNow } from '@/components/ui/use-now';
import { KPI_MINUTE_MS } from '@/lib/store/slices/kpis-slice';
import { useMonitor } from '@/lib/store/use-monitor';
import { usePanelState } from '@/lib/store/use-panel-state';
import { CashChart, TurnoverChart } from './kpi-charts';
import { KpiTile } from './kpi-tile';
import { chartDomain, lastMinute, perMinute } from './kpi-series';

const CURRENCY = 'EUR';

/** Floor KPIs of the last closed minute, and per minute over the last hour, as the gateway counted them. */
export function KpisPanel({ className }: { className?: string }) {
  const buckets = useMonitor((s) => s.kpis.buckets);
  const locationId = useMonitor((s) => s.ui.locationId);
  const now = useNow(2000);
  // Everything here moves once a minute, when a minute closes, or when the gateway sends new totals.
  const openMinute = Math.floor(now / KPI_MINUTE_MS) * KPI_MINUTE_MS;
  const minute = useMemo(() => lastMinute(buckets, locationId, openMinute), [buckets, locationId, openMinute]);
  const points = useMemo(() => perMinute(buckets, locationId, openMinute), [buckets, locationId, openMinute]);
  const domain = useMemo(() => chartDomain(points, openMinute), [points, openMinute]);
  const { state, stale } = usePanelState(['kpis'], buckets.length > 0);
  const net = minute.deposits - minute.withdrawals;

  return (
    <Panel title="Floor KPIs · last full minute" testId="kpis-panel" state={state} stale={stale} emptyText="No play in the last hour" className={className}>
      <div className="grid grid-cols-2 gap-2 px-3 pt-2 xl:grid-cols-4">
        <KpiTile label="Bets / min" value={String(minute.bets)} hint={`${minute.wins} wins`} />
        <KpiTile label="Turnover / min" value={formatMoney(minute.turnover, CURRENCY, true)} tone="accent" hint={`payout ${formatMoney(minute.payout, CURRENCY, true)}`} />
        <KpiTile label="Deposits / min" value={formatMoney(minute.deposits, CURRENCY, true)} tone="live" />
        <KpiTile
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
