'use client';

import type { Alarm } from '@/lib/protocol';
import { Button } from '@/components/ui/button';
import { useMonitor, useMonitorActions } from '@/lib/store/use-monitor';
import { needsAck } from './sort-alarms';

export interface AlarmActionsProps {
  alarm: Alarm;
  /** Null when the role may act; otherwise why it may not. */
  deniedReason: string | null;
  note?: string;
  shelveMinutes?: number;
}

/** Acknowledge and Shelve for one alarm; disabled with the reason for roles without `alerts.ack`. */
export function AlarmActions({ alarm, deniedReason, note, shelveMinutes = 60 }: AlarmActionsProps) {
  const { acknowledge, shelve } = useMonitorActions();
  const action = useMonitor((s) => s.alarms.actions[alarm.alarm_id]);
  const pending = action?.status === 'pending';
  const ackable = needsAck(alarm);
  const ackTitle = deniedReason ?? (ackable ? 'Acknowledge (a)' : 'Already acknowledged');

  return (
    <div className="flex items-center justify-end gap-1.5">
      <span title={ackTitle}>
        <Button
          size="sm"
          variant={ackable && !deniedReason ? 'primary' : 'secondary'}
          disabled={Boolean(deniedReason) || !ackable || pending}
          aria-label={`Acknowledge ${alarm.message}`}
          onClick={(e) => {
            e.stopPropagation();
            void acknowledge(alarm.alarm_id, note?.trim() || undefined);
          }}
        >
          {pending && action.kind === 'ack' ? 'Acknowledging…' : 'Acknowledge'}
        </Button>
      </span>
      <span title={deniedReason ?? `Hide for ${shelveMinutes} minutes`}>
        <Button
          size="sm"
          variant="ghost"
          disabled={Boolean(deniedReason) || pending}
          aria-label={`Shelve ${alarm.message} for ${shelveMinutes} minutes`}
          onClick={(e) => {
            e.stopPropagation();
            void shelve(alarm.alarm_id, shelveMinutes);
          }}
        >
          Shelve
        </Button>
      </span>
    </div>
  );
}
