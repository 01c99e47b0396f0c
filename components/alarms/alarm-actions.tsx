'use client';

import type { Alarm } from '@/lib/protocol';
import { Button } from '@/components/ui/button';
import { useMonitor } from '@/lib/store/use-monitor';
import { needsAck } from './sort-alarms';

export interface AlarmRowActionProps {
  alarm: Alarm;
  shelved: boolean;
  /** Null when the role may act; otherwise why it may not. */
  deniedReason: string | null;
  onAcknowledge: (alarmId: string) => void;
  onUnshelve: (alarmId: string) => void;
}

/**
 * The one action a row offers: Acknowledge (with the note typed for this alarm), or Unshelve for a
 * shelved alarm. Not a tab stop: the row is, and its keys (`a`, `u`) do the same.
 */
export function AlarmRowAction({ alarm, shelved, deniedReason, onAcknowledge, onUnshelve }: AlarmRowActionProps) {
  const action = useMonitor((s) => s.alarms.actions[alarm.alarm_id]);
  const pending = action?.status === 'pending';
  if (shelved) {
    return (
      <Button size="sm" tabIndex={-1} disabled={Boolean(deniedReason) || pending} title={deniedReason ?? 'Bring it back now (u)'} onClick={() => onUnshelve(alarm.alarm_id)}>
        {pending && action.kind === 'unshelve' ? 'Unshelving…' : 'Unshelve'}
      </Button>
    );
  }
  const ackable = needsAck(alarm);
  return (
    <Button
      size="sm"
      tabIndex={-1}
      variant={ackable && !deniedReason ? 'primary' : 'secondary'}
      disabled={Boolean(deniedReason) || !ackable || pending}
      title={deniedReason ?? (ackable ? 'Acknowledge with the note typed for this alarm (a)' : 'Already acknowledged')}
      onClick={() => onAcknowledge(alarm.alarm_id)}
    >
      {pending && action.kind === 'ack' ? 'Acknowledging…' : ackable ? 'Acknowledge' : 'Acknowledged'}
    </Button>
  );
}
