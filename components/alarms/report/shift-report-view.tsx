'use client';

import { useMemo, useState } from 'react';
import { Button } from '@/components/ui/button';
import { cx } from '@/components/ui/cx';
import { locationLabel } from '@/components/ui/format';
import { Panel } from '@/components/ui/panel';
import { useMonitor } from '@/lib/store/use-monitor';
import { AlarmsPageHeader } from '../alarms-page-header';
import { RANGE_PRESETS, rangeBounds, type TimeRange, DEFAULT_RANGE } from '../history/time-range';
import { AlarmRateChart } from './alarm-rate-chart';
import { ISA_BOUND_PER_10_MIN, perTenMinutes } from './per-ten-minutes';
import { TopAlarms } from './top-alarms';
import { useShiftReport } from './use-shift-report';

/** "4 min 12 s", "38 s", or a dash when nothing was measured. */
export function formatDuration(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return '—';
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${s % 60} s`;
  return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
}

function Figure({ label, value, hint, bad, testId }: { label: string; value: string; hint?: string; bad?: boolean; testId: string }) {
  return (
    <div className={cx('rounded-lg border bg-panel px-3 py-2', bad ? 'border-crit/60' : 'border-line')} data-testid={testId}>
      <p className="text-xs font-semibold tracking-wider text-fg-muted uppercase">{label}</p>
      <p className={cx('num text-2xl font-bold', bad ? 'text-crit-fg' : 'text-fg')}>{value}</p>
      {hint ? <p className="text-xs text-fg-muted">{hint}</p> : null}
    </div>
  );
}

/** The shift report: the alarm load of a range as ISA-18.2 measures it, and which devices to send a technician to. */
export function ShiftReportView() {
  const [range, setRange] = useState<TimeRange>(DEFAULT_RANGE);
  const [location, setLocation] = useState('');
  const [requestedAt, setRequestedAt] = useState(() => Date.now());
  const devices = useMonitor((s) => s.devices.byId);
  const locations = useMemo(() => [...new Set(Object.values(devices).flatMap((d) => (d.location_id ? [d.location_id] : [])))].sort(), [devices]);
  const bounds = useMemo(() => ({ ...rangeBounds(range, requestedAt), location_id: location || undefined }), [range, location, requestedAt]);
  const { report, error, loading } = useShiftReport(bounds, requestedAt);
  const series = useMemo(() => (report ? perTenMinutes(report.alarms, report.sinceMs, report.untilMs) : []), [report]);
  const stats = report?.stats;
  const maxPer10 = stats ? Math.max(stats.max_per_10min, ...series.map((w) => w.count)) : 0;
  const over = series.filter((w) => w.count > ISA_BOUND_PER_10_MIN).length;

  return (
    <div className="flex flex-col gap-3 lg:h-full lg:min-h-0">
      <AlarmsPageHeader title="Shift report">
        <label className="flex items-center gap-2 text-sm">
          <span className="text-fg-muted">Range</span>
          <select
            value={range.preset}
            onChange={(e) => {
              setRange({ ...range, preset: e.target.value as TimeRange['preset'] });
              setRequestedAt(Date.now());
            }}
            className="h-8 rounded-md border border-line-strong bg-room px-2 text-fg"
          >
            {RANGE_PRESETS.filter((p) => p.id !== 'custom').map((p) => (
              <option key={p.id} value={p.id}>
                {p.label}
              </option>
            ))}
          </select>
        </label>
        <label className="flex items-center gap-2 text-sm">
          <span className="text-fg-muted">Location</span>
          <select value={location} onChange={(e) => setLocation(e.target.value)} className="h-8 rounded-md border border-line-strong bg-room px-2 text-fg">
            <option value="">All locations</option>
            {locations.map((l) => (
              <option key={l} value={l}>
                {locationLabel(l)}
              </option>
            ))}
          </select>
        </label>
        <Button size="sm" onClick={() => setRequestedAt(Date.now())} disabled={loading}>
          {loading ? 'Updating…' : 'Update'}
        </Button>
      </AlarmsPageHeader>
      {error ? (
        <p role="alert" className="rounded-lg border border-crit/60 bg-crit-bg px-3 py-2 text-crit-fg">
          {error}
        </p>
      ) : null}
      <div className="grid grid-cols-2 gap-3 sm:grid-cols-4 xl:grid-cols-8" aria-busy={loading} data-testid="report-figures">
        <Figure testId="figure-raised" label="Raised" value={stats ? String(stats.raised) : '…'} />
        <Figure testId="figure-acknowledged" label="Acknowledged" value={stats ? String(stats.acknowledged) : '…'} />
        <Figure testId="figure-mtta" label="Mean time to ack" value={stats ? formatDuration(stats.mtta_s) : '…'} hint="raised → acknowledged" />
        <Figure testId="figure-mttr" label="Mean time to clear" value={stats ? formatDuration(stats.mttr_s) : '…'} hint="raised → back to normal" />
        <Figure
          testId="figure-max-per-10"
          label="Most in 10 min"
          value={stats ? String(maxPer10) : '…'}
          hint={`bound ${ISA_BOUND_PER_10_MIN}${over ? ` · exceeded in ${over} window${over === 1 ? '' : 's'}` : ''}`}
          bad={maxPer10 > ISA_BOUND_PER_10_MIN}
        />
        <Figure testId="figure-flood" label="Time in flood" value={stats ? `${stats.flood_time_pct.toFixed(1)} %` : '…'} hint="ISA-18.2 target < 1 %" bad={(stats?.flood_time_pct ?? 0) >= 1} />
        <Figure testId="figure-standing" label="Standing" value={stats ? String(stats.standing) : '…'} hint="active over 24 h" bad={(stats?.standing ?? 0) > 0} />
        <Figure testId="figure-chattering" label="Chattering" value={stats ? String(stats.chattering.length) : '…'} hint="3+ raises within a minute" bad={(stats?.chattering.length ?? 0) > 0} />
      </div>
      <div className="grid gap-3 lg:min-h-0 lg:flex-1 lg:grid-cols-2 lg:grid-rows-[minmax(0,1fr)]">
        <Panel title="Alarms per 10 minutes" testId="report-rate" state={report ? 'ready' : loading ? 'loading' : 'error'} bodyClassName="p-2" className="max-lg:h-80">
          <AlarmRateChart series={series} />
        </Panel>
        <Panel title="Top 10 alarms — where to send a technician" testId="report-top" state={report ? 'ready' : loading ? 'loading' : 'error'} bodyClassName="overflow-y-auto">
          {stats ? <TopAlarms top={stats.top} chattering={stats.chattering} /> : null}
        </Panel>
      </div>
    </div>
  );
}
