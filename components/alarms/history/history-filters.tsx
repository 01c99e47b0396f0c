'use client';

import { useMemo } from 'react';
import { ALARM_KINDS, ALARM_STATES, SEVERITIES } from '@/lib/protocol/alarm';
import { locationLabel } from '@/components/ui/format';
import { useMonitor } from '@/lib/store/use-monitor';
import { RANGE_PRESETS, type TimeRange } from './time-range';

/** The history's filters as the page holds them (the range is turned into `since`/`until` on use). */
export interface HistoryFilters {
  range: TimeRange;
  state: string;
  severity: string;
  kind: string;
  location: string;
  q: string;
}

const STATE_LABELS: Record<string, string> = { unacked: 'Unacknowledged', acked: 'Acknowledged', cleared: 'Cleared', cleared_unacked: 'Cleared, unacknowledged' };
const field = 'h-9 rounded-md border border-line-strong bg-room px-2 text-fg';

function Select({ label, value, onChange, options }: { label: string; value: string; onChange: (v: string) => void; options: [string, string][] }) {
  return (
    <label className="flex flex-col gap-1 text-xs text-fg-muted">
      {label}
      <select value={value} onChange={(e) => onChange(e.target.value)} className={`${field} text-sm`}>
        {options.map(([v, l]) => (
          <option key={v} value={v}>
            {l}
          </option>
        ))}
      </select>
    </label>
  );
}

/** Time range, state, severity, kind, location and free-text search over message, device and who acknowledged. */
export function HistoryFilterBar({ filters, onChange }: { filters: HistoryFilters; onChange: (f: HistoryFilters) => void }) {
  const devices = useMonitor((s) => s.devices.byId);
  const allowed = useMonitor((s) => s.session.user?.locations);
  const locations = useMemo(() => {
    const ids = new Set<string>(allowed ?? []);
    for (const d of Object.values(devices)) if (d.location_id) ids.add(d.location_id);
    return [...ids].sort();
  }, [devices, allowed]);
  const set = (patch: Partial<HistoryFilters>) => onChange({ ...filters, ...patch });
  const range = filters.range;

  return (
    <form role="search" aria-label="Filter the alarm history" className="flex flex-wrap items-end gap-3" onSubmit={(e) => e.preventDefault()}>
      <label className="flex min-w-56 flex-1 flex-col gap-1 text-xs text-fg-muted">
        Search
        <input
          type="search"
          value={filters.q}
          onChange={(e) => set({ q: e.target.value })}
          placeholder="Device, message or who acknowledged"
          className={`${field} text-sm placeholder:text-fg-subtle`}
        />
      </label>
      <Select label="Time" value={range.preset} onChange={(v) => set({ range: { ...range, preset: v as TimeRange['preset'] } })} options={RANGE_PRESETS.map((p) => [p.id, p.label])} />
      {range.preset === 'custom' ? (
        <>
          <label className="flex flex-col gap-1 text-xs text-fg-muted">
            From
            <input type="datetime-local" value={range.from} onChange={(e) => set({ range: { ...range, from: e.target.value } })} className={`${field} text-sm`} />
          </label>
          <label className="flex flex-col gap-1 text-xs text-fg-muted">
            To
            <input type="datetime-local" value={range.to} onChange={(e) => set({ range: { ...range, to: e.target.value } })} className={`${field} text-sm`} />
          </label>
        </>
      ) : null}
      <Select label="State" value={filters.state} onChange={(v) => set({ state: v })} options={[['', 'Any state'], ...ALARM_STATES.map((s): [string, string] => [s, STATE_LABELS[s]])]} />
      <Select label="Severity" value={filters.severity} onChange={(v) => set({ severity: v })} options={[['', 'Any severity'], ...SEVERITIES.map((s): [string, string] => [s, s[0].toUpperCase() + s.slice(1)])]} />
      <Select label="Kind" value={filters.kind} onChange={(v) => set({ kind: v })} options={[['', 'Any kind'], ...ALARM_KINDS.map((k): [string, string] => [k, k.replace(/_/g, ' ')])]} />
      <Select label="Location" value={filters.location} onChange={(v) => set({ location: v })} options={[['', 'All locations'], ...locations.map((l): [string, string] => [l, locationLabel(l)])]} />
    </form>
  );
}
