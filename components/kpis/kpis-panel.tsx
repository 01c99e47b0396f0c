'use client';

import dynamic from 'next/dynamic';
import { useDeferredValue, useMemo } from 'react';
import { ChartPlaceholder } from '@/components/charts/chart-placeholder';
import { formatCompact, formatMoney } from '@/components/ui/format';
import { Panel } from '@/components/ui/panel';
import { useNow } from '@/components/ui/use-now';
import { KPI_MINUTE_MS } from '@/lib/store/slices/kpis-slice';
import { useDataTime } from '@/lib/store/use-liveness';
import { useMonitor } from '@/lib/store/use-monitor';
import { usePanelState } from '@/lib/store/use-panel-state';
import { KpiTile } from './kpi-tile';
import { useSteady } from '@/components/ui/use-steady';
import { chartDomain, lastMinute, perMinute, samePoints } from './kpi-series';

const CURRENCY = 'EUR';
const kpiPlaceholder = () => <ChartPlaceholder className="min-h-[7.5rem]" />;
// recharts loads in its own chunk once the page is interactive (the first load stays small).
const TurnoverChart = dynamic(() => import('./kpi-charts').then((m) => m.TurnoverChart), { ssr: false, loading: kpiPlaceholder });
const CashChart = dynamic(() => import('./kpi-charts').then((m) => m.CashChart), { ssr: false, loading: kpiPlaceholder });

/** Floor KPIs of the last closed minute, and per minute over the last hour, as the gateway counted them. */
export function KpisPanel({ className }: { className?: string }) {
  // Deferred, as the wins are: a flush's KPI totals render after the frame that paints its bets.
  const buckets = useDeferredValue(useMonitor((s) => s.kpis.buckets));
  const locationId = useMonitor((s) => s.ui.locationId);
  const now = useNow(2000);
  // Everything here moves once a minute, when a minute closes, or when the gateway sends new totals.
  const openMinute = Math.floor(now / KPI_MINUTE_MS) * KPI_MINUTE_MS;
  // Once data stops, the tiles hold the last minute the page heard the whole of (marked stale) and the
  // series ends there, while the axis runs on to now: minutes nobody reported show as a gap, not as zeros.
  const asOf = useDataTime(now);
  const dataMinute = Math.floor(asOf / KPI_MINUTE_MS) * KPI_MINUTE_MS;
  const minute = useMemo(() => lastMinute(buckets, locationId, dataMinute), [buckets, locationId, dataMinute]);
  // Every `kpi.minute` of the open minute changes `buckets`; the charts' closed minutes change about once a minute.
  const points = useSteady(
    useMemo(() => perMinute(buckets, locationId, dataMinute), [buckets, locationId, dataMinute]),
    samePoints,
  );
  const domain = useMemo(() => chartDomain(points, openMinute), [points, openMinute]);
  const { state, stale } = usePanelState(['kpis'], buckets.length > 0);
  const net = minute.deposits - minute.withdrawals;

  return (
    <Panel title="Floor KPIs · last full minute" testId="kpis-panel" state={state} stale={stale} emptyText="No play in the last hour" className={className}>
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
