'use client';

import type { Alarm } from '@/lib/protocol';
import { useShelveReason } from './use-shelve-reason';

const clock = (iso: string) => new Date(iso).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', hour12: false });

/** "Shelved until 21:51 — technician on the way", read from the alarm's audit trail. */
export function ShelvedLine({ alarm }: { alarm: Pick<Alarm, 'alarm_id' | 'shelved_until'> }) {
  const reason = useShelveReason(alarm);
  if (!alarm.shelved_until) return null;
  return (
    <p className="text-sm font-semibold text-fg" data-testid="alarm-shelved">
      Shelved until {clock(alarm.shelved_until)}
      {reason ? ` — ${reason}` : ''}
    </p>
  );
}
