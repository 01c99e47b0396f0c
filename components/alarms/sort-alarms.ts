import type { Alarm, AlarmState, Severity } from '@/lib/protocol';

/** Lifecycle order: what still needs a person first. */
export const STATE_RANK: Record<AlarmState, number> = { unacked: 0, cleared_unacked: 1, acked: 2, cleared: 3 };
/** Most severe first. */
export const SEVERITY_RANK: Record<Severity, number> = { critical: 0, high: 1, medium: 2, low: 3 };

/** Whether an alarm is shelved at `now`. */
export function isShelved(alarm: Pick<Alarm, 'shelved_until'>, now: number): boolean {
  return alarm.shelved_until !== null && Date.parse(alarm.shelved_until) > now;
}

/**
 * Screen order: what needs a person first. Shelved alarms sink to the end; then by state
 * (unacked, cleared but unacked, acked), severity, newest first.
 */
export function sortAlarms(alarms: readonly Alarm[], now: number): Alarm[] {
  return [...alarms].sort(
    (a, b) =>
      Number(isShelved(a, now)) - Number(isShelved(b, now)) ||
      STATE_RANK[a.state] - STATE_RANK[b.state] ||
      SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
      Date.parse(b.raised_at) - Date.parse(a.raised_at) ||
      a.alarm_id.localeCompare(b.alarm_id),
  );
}

/** Whether an alarm still waits for acknowledgement. */
export const needsAck = (alarm: Pick<Alarm, 'state'>) => alarm.state === 'unacked' || alarm.state === 'cleared_unacked';
