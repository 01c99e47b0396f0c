import type { Alarm } from '../../protocol';
import { isOpenAlarm } from '../../protocol';
import { DueTimers } from './due-timers';
import { needsEscalation } from './lifecycle';

/**
 * When each waiting critical alarm escalates next: `ALARM_ESCALATE_MINUTES` after it was raised, then again
 * every period after its last escalation, for as long as it stays critical, unacked and unshelved. Counts
 * are rebuilt from the audit trail after a restart, so an alarm that waited through one is not escalated
 * from scratch, and one overdue escalates once at start, not once per missed period.
 */
export class EscalationSchedule {
  private readonly done = new Map<string, { count: number; lastAtMs: number }>();
  private readonly timers: DueTimers;

  constructor(
    private readonly periodMs: number,
    now: () => number,
    onDue: (alarmId: string) => void,
  ) {
    this.timers = new DueTimers(now, onDue);
  }

  /** Takes the escalations an alarm already had (read back from the ledger). */
  restore(alarmId: string, count: number, lastAtMs: number): void {
    this.done.set(alarmId, { count, lastAtMs });
  }

  /** Follows an alarm after a change: arms its timer while it needs escalating, drops it otherwise. */
  follow(alarm: Alarm): void {
    const id = alarm.alarm_id;
    if (!isOpenAlarm(alarm)) this.done.delete(id);
    if (!needsEscalation(alarm)) return this.timers.disarm(id);
    const last = this.done.get(id);
    const due = last ? last.lastAtMs + this.periodMs : Date.parse(alarm.raised_at) + this.periodMs;
    if (this.timers.dueAt(id) !== due) this.timers.arm(id, due);
  }

  /** Records an escalation that was committed; returns how many the alarm has had. */
  record(alarmId: string, atMs: number): number {
    const count = this.count(alarmId) + 1;
    this.done.set(alarmId, { count, lastAtMs: atMs });
    return count;
  }

  /** Escalations so far of an open alarm. */
  count(alarmId: string): number {
    return this.done.get(alarmId)?.count ?? 0;
  }

  /** Drops every timer and count (before the schedule is rebuilt, or at shutdown). */
  clear(): void {
    this.timers.close();
    this.done.clear();
  }
}
