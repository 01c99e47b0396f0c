'use client';

import { Bar, BarChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { AlarmSourceCount } from '@/lib/protocol';
import { locationLabel } from '@/components/ui/format';
import { useMonitor } from '@/lib/store/use-monitor';

const KIND_LABEL: Record<string, string> = {
  device_offline: 'Offline',
  payout_error: 'Payout error',
  source_disconnected: 'Feed down',
  casino_alert: 'Casino alert',
  flood: 'Flood',
};

/** A source as staff know it: the device, and for a casino alert what happened ("bill validator jam"). */
function sourceLabel({ kind, source_ref: ref, message, location_id }: AlarmSourceCount): { device: string; what: string } {
  const [device, event] = ref.split(':');
  if (kind === 'casino_alert' && event) return { device, what: event.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/[-_]/g, ' ').toLowerCase() };
  // A payout error's reference is a jackpot and round id; its message names the jackpot as staff know it.
  if (kind === 'payout_error') return { device: / on (.+)$/.exec(message)?.[1] ?? 'Jackpot payout', what: message };
  if (kind === 'flood') return { device: location_id ? locationLabel(location_id) : 'Floor', what: KIND_LABEL.flood };
  return { device: ref, what: KIND_LABEL[kind] ?? kind.replace(/_/g, ' ') };
}

/** The ten most raised alarm sources: a bar per source and the same figures as a table, with where each device stands. */
export function TopAlarms({ top, chattering }: { top: AlarmSourceCount[]; chattering: AlarmSourceCount[] }) {
  const devices = useMonitor((s) => s.devices.byId);
  const chatters = new Set(chattering.map((c) => `${c.kind}|${c.source_ref}`));
  const rows = top.slice(0, 10).map((t) => {
    const label = sourceLabel(t);
    return { ...t, ...label, name: `${label.device} · ${label.what}` };
  });
  if (rows.length === 0) return <p className="p-4 text-fg-muted">No alarm was raised in this range.</p>;

  return (
    <div className="grid gap-3 p-3 xl:grid-cols-[minmax(0,5fr)_minmax(0,6fr)]">
      <figure style={{ height: Math.max(120, rows.length * 30 + 24) }} aria-label="The ten most raised alarms">
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={rows} layout="vertical" margin={{ top: 4, right: 24, bottom: 4, left: 8 }}>
            <XAxis type="number" allowDecimals={false} tick={{ fill: '#a7b3c2', fontSize: 12 }} stroke="#334155" />
            <YAxis type="category" dataKey="device" width={92} tick={{ fill: '#e8eef5', fontSize: 12 }} stroke="#334155" />
            <Tooltip cursor={{ fill: 'rgba(92,184,255,0.08)' }} contentStyle={{ background: '#151c25', border: '1px solid #334155', color: '#e8eef5' }} formatter={(v) => [v, 'times raised']} />
            <Bar dataKey="count" fill="#f5b93e" isAnimationActive={false} radius={[0, 2, 2, 0]} />
          </BarChart>
        </ResponsiveContainer>
      </figure>
      <table className="w-full text-sm" data-testid="top-alarms">
        <thead>
          <tr className="border-b border-line text-left text-xs tracking-wider text-fg-muted uppercase">
            <th scope="col" className="py-1.5 pr-2">Source</th>
            <th scope="col" className="py-1.5 pr-2">Where</th>
            <th scope="col" className="py-1.5 text-right">Raised</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={`${r.kind}|${r.source_ref}`} className="border-b border-line/60" data-testid="top-alarm-row">
              <td className="py-1.5 pr-2">
                <span className="font-medium whitespace-nowrap">{r.device}</span>
                {chatters.has(`${r.kind}|${r.source_ref}`) ? <span className="ml-2 rounded border border-warn/40 px-1 text-xs text-warn">chattering</span> : null}
                <span className="block text-xs text-fg-muted">{r.what}</span>
              </td>
              <td className="py-1.5 pr-2 text-fg-muted">
                {r.location_id ? locationLabel(r.location_id) : devices[r.source_ref] ? locationLabel(devices[r.source_ref].location_id) : '—'}
              </td>
              <td className="num py-1.5 text-right font-semibold">{r.count}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
