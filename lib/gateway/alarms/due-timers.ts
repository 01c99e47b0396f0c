/** Node's timers keep at most ~24.8 days in one setTimeout; longer waits are re-armed in steps. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * One timer per alarm, firing when something is due: its shelving ends, or it escalates. Timers are unref'd
 * (a waiting alarm must not keep the process alive) and check the clock when they fire, so a re-armed or
 * early timer is harmless.
 */
export class DueTimers {
  private readonly timers = new Map<string, { until: number; timer: NodeJS.Timeout }>();

  constructor(
    private readonly now: () => number,
    private readonly onDue: (alarmId: string) => void,
  ) {}

  /** Schedules an alarm's due time, replacing any earlier schedule; a past time fires on the next tick. */
  arm(alarmId: string, untilMs: number): void {
    this.disarm(alarmId);
    const delay = Math.min(Math.max(0, untilMs - this.now()), MAX_TIMER_MS);
    const timer = setTimeout(() => this.fire(alarmId, untilMs), delay);
    timer.unref();
    this.timers.set(alarmId, { until: untilMs, timer });
  }

  /** When an alarm's timer is due, if one is armed. */
  dueAt(alarmId: string): number | undefined {
    return this.timers.get(alarmId)?.until;
  }

  /** Cancels an alarm's timer (what it waited for ended another way). */
  disarm(alarmId: string): void {
    const entry = this.timers.get(alarmId);
    if (!entry) return;
    clearTimeout(entry.timer);
    this.timers.delete(alarmId);
  }

  /** Alarms with a pending timer. */
  pending(): string[] {
    return [...this.timers.keys()];
  }

  /** Cancels every timer. */
  close(): void {
    for (const { timer } of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  private fire(alarmId: string, untilMs: number): void {
    const entry = this.timers.get(alarmId);
    if (!entry || entry.until !== untilMs) return;
    if (this.now() < untilMs) return this.arm(alarmId, untilMs);
    this.timers.delete(alarmId);
    this.onDue(alarmId);
  }
}
