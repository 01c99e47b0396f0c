'use client';

import { memo } from 'react';
import type { Alarm } from '@/lib/protocol';
import { cx } from '@/components/ui/cx';
import { formatClock, formatSince, locationLabel } from '@/components/ui/format';
import { useMonitor } from '@/lib/store/use-monitor';
import { AlarmRowAction } from './alarm-actions';
import { SeverityBadge, StateBadge } from './alarm-badges';
import { ShelvedLine } from './shelved-line';

export interface AlarmRowProps {
  alarm: Alarm;
  now: number;
  shelved: boolean;
  /** The row the keys act on and the detail pane shows; the grid's one tab stop. */
  current: boolean;
  /** Picked for a bulk acknowledgement. */
  checked: boolean;
  /** Has a note typed for it that is not sent yet. */
  hasDraft: boolean;
  deniedReason: string | null;
  onSelect: (alarmId: string) => void;
  onCheck: (alarmId: string, range: boolean) => void;
  onAcknowledge: (alarmId: string) => void;
  onUnshelve: (alarmId: string) => void;
}

/** One alarm as a grid row; an unacknowledged critical alarm stands out in red. Messages wrap, never truncate. */
export const AlarmRow = memo(function AlarmRow(props: AlarmRowProps) {
  const { alarm, now, shelved, current, checked, hasDraft, deniedReason, onSelect, onCheck } = props;
  const failure = useMonitor((s) => (s.alarms.actions[alarm.alarm_id]?.status === 'failed' ? s.alarms.actions[alarm.alarm_id]?.message : undefined));
  const escalations = useMonitor((s) => s.alarms.escalations[alarm.alarm_id] ?? 0);
  const urgent = alarm.severity === 'critical' && alarm.state === 'unacked' && !shelved;
  const raised = Date.parse(alarm.raised_at);

  return (
    <div
      id={`alarm-${alarm.alarm_id}`}
      role="row"
      aria-selected={current}
      tabIndex={current ? 0 : -1}
      data-testid="alarm-row"
      data-id={alarm.alarm_id}
      data-state={alarm.state}
      data-severity={alarm.severity}
      data-kind={alarm.kind}
      data-shelved={shelved || undefined}
      onClick={(e) => {
        if (e.shiftKey && !deniedReason) onCheck(alarm.alarm_id, true);
        onSelect(alarm.alarm_id);
      }}
      onFocus={() => onSelect(alarm.alarm_id)}
      className={cx(
        'grid cursor-pointer grid-cols-[1.75rem_minmax(0,1fr)] items-center gap-x-3 gap-y-1.5 border-b border-l-4 border-b-line/60 px-3 py-2 outline-none',
        'sm:grid-cols-[1.75rem_auto_minmax(0,1fr)_auto_auto]',
        'focus-visible:ring-2 focus-visible:ring-accent focus-visible:ring-inset',
        urgent ? 'border-l-crit bg-crit-bg' : shelved ? 'border-l-line-strong' : alarm.state === 'acked' ? 'border-l-transparent' : 'border-l-warn',
        current && !urgent && 'bg-raised',
        current && 'shadow-[inset_0_0_0_1px_var(--color-accent)]',
        checked && !urgent && 'bg-accent/10',
      )}
    >
      <div role="gridcell" className="row-span-4 self-start pt-1 sm:row-span-1 sm:self-center sm:pt-0">
        <input
          type="checkbox"
          tabIndex={-1}
          checked={checked}
          disabled={Boolean(deniedReason)}
          aria-label={`Pick for bulk acknowledgement: ${alarm.message}`}
          onClick={(e) => {
            e.stopPropagation();
            onCheck(alarm.alarm_id, e.shiftKey);
            onSelect(alarm.alarm_id);
          }}
          onChange={() => undefined}
          className="size-4 cursor-pointer accent-accent"
        />
      </div>
      <div role="gridcell">
        <SeverityBadge severity={alarm.severity} />
      </div>
      <div role="gridcell" className="min-w-0">
        <p className={cx('font-medium break-words', urgent ? 'text-lg text-fg' : 'text-base', alarm.state === 'acked' && !current && 'text-fg-muted')}>{alarm.message}</p>
        <p className="num text-sm break-words text-fg-muted">
          {locationLabel(alarm.location_id)} · raised {formatClock(raised)} ({formatSince(raised, now)} ago)
          {alarm.count > 1 ? ` · repeated ×${alarm.count}` : ''}
          {alarm.acked_by ? ` · acked by ${alarm.acked_by}` : ''}
          {alarm.note ? ` · “${alarm.note}”` : ''}
        </p>
        {escalations > 0 && !shelved && alarm.state === 'unacked' ? (
          <p className="text-sm font-semibold text-crit-fg" data-testid="alarm-escalated">
            Escalated{escalations > 1 ? ` ${escalations} times` : ''} — still unacknowledged
          </p>
        ) : null}
        {shelved ? <ShelvedLine alarm={alarm} /> : null}
        {hasDraft ? <p className="text-xs text-accent">Note typed, not sent yet</p> : null}
        {failure ? (
          <p role="alert" className="text-sm font-semibold text-crit-fg">
            {failure}
          </p>
        ) : null}
      </div>
      <div role="gridcell">
        <StateBadge state={alarm.state} />
      </div>
      <div role="gridcell" className="sm:justify-self-end">
        <AlarmRowAction {...props} />
      </div>
    </div>
  );
});
