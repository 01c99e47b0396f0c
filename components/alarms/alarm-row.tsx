'use client';

import { memo } from 'react';
import type { Alarm } from '@/lib/protocol';
import { cx } from '@/components/ui/cx';
import { formatClock, formatSince, locationLabel } from '@/components/ui/format';
import { useMonitor } from '@/lib/store/use-monitor';
import { AlarmActions } from './alarm-actions';
import { SeverityBadge, StateBadge } from './alarm-badges';
import { isShelved } from './sort-alarms';

export interface AlarmRowProps {
  alarm: Alarm;
  now: number;
  selected: boolean;
  deniedReason: string | null;
  note: string;
  shelveMinutes: number;
  onSelect: (alarmId: string) => void;
}

/** One alarm; an unacknowledged critical alarm stands out in red. */
export const AlarmRow = memo(function AlarmRow({ alarm, now, selected, deniedReason, note, shelveMinutes, onSelect }: AlarmRowProps) {
  const failure = useMonitor((s) => (s.alarms.actions[alarm.alarm_id]?.status === 'failed' ? s.alarms.actions[alarm.alarm_id]?.message : undefined));
  const shelved = isShelved(alarm, now);
  const urgent = alarm.severity === 'critical' && alarm.state === 'unacked' && !shelved;

  return (
    <li
      id={`alarm-${alarm.alarm_id}`}
      role="option"
      aria-selected={selected}
      data-testid="alarm-row"
      data-id={alarm.alarm_id}
      data-state={alarm.state}
      data-severity={alarm.severity}
      data-kind={alarm.kind}
      onClick={() => onSelect(alarm.alarm_id)}
      className={cx(
        'grid cursor-pointer grid-cols-[auto_minmax(0,1fr)_auto] items-center gap-x-3 gap-y-1 border-b border-l-4 border-b-line/60 px-3 py-2 lg:grid-cols-[auto_minmax(0,1fr)_auto_auto]',
        urgent ? 'border-l-crit bg-crit-bg' : alarm.state === 'acked' || shelved ? 'border-l-transparent opacity-75' : 'border-l-warn/70',
        selected && 'outline-2 -outline-offset-2 outline-accent',
      )}
    >
      <SeverityBadge severity={alarm.severity} />
      <div className="min-w-0">
        <p className={cx('truncate font-medium', urgent ? 'text-lg text-fg' : 'text-base')}>{alarm.message}</p>
        <p className="num truncate text-xs text-fg-muted">
          {locationLabel(alarm.location_id)} · {alarm.source_ref} · raised {formatClock(Date.parse(alarm.raised_at))} ({formatSince(Date.parse(alarm.raised_at), now)} ago)
          {alarm.count > 1 ? ` · ×${alarm.count}` : ''}
          {alarm.acked_by ? ` · acked by ${alarm.acked_by}` : ''}
          {shelved && alarm.shelved_until ? ` · shelved until ${formatClock(Date.parse(alarm.shelved_until))}` : ''}
          {alarm.note ? ` · “${alarm.note}”` : ''}
        </p>
        {failure ? (
          <p role="alert" className="text-sm font-semibold text-crit">
            {failure}
          </p>
        ) : null}
      </div>
      <StateBadge state={alarm.state} />
      <div className="col-span-3 lg:col-span-1">
        <AlarmActions alarm={alarm} deniedReason={deniedReason} note={selected ? note : undefined} shelveMinutes={shelveMinutes} />
      </div>
    </li>
  );
});
