import { type Alarm, type AlarmKind, SEVERITIES, type Severity, isOpenAlarm } from '../../protocol';

/**
 * The alarms still on screen (every state but `cleared`), by id and by `(kind, source_ref)`. It mirrors
 * the ledger's open rows: the service updates it only after a commit succeeded.
 */
export class OpenAlarms {
  private readonly byId = new Map<string, Alarm>();
  private readonly byKey = new Map<string, string>();

  /** Records an alarm as it is after a change; a cleared alarm leaves the set, freeing its key for a new alarm. */
  put(alarm: Alarm): void {
    const key = keyOf(alarm.kind, alarm.source_ref);
    if (isOpenAlarm(alarm)) {
      this.byId.set(alarm.alarm_id, alarm);
      this.byKey.set(key, alarm.alarm_id);
      return;
    }
    this.byId.delete(alarm.alarm_id);
    if (this.byKey.get(key) === alarm.alarm_id) this.byKey.delete(key);
  }

  /** An open alarm by id. */
  get(alarmId: string): Alarm | undefined {
    return this.byId.get(alarmId);
  }

  /** The active alarm of a condition, if any. */
  active(kind: AlarmKind, sourceRef: string): Alarm | undefined {
    const id = this.byKey.get(keyOf(kind, sourceRef));
    return id === undefined ? undefined : this.byId.get(id);
  }

  /** Every open alarm, unordered. */
  all(): Alarm[] {
    return [...this.byId.values()];
  }

  /** Forgets every alarm (before the set is reloaded from the ledger). */
  clear(): void {
    this.byId.clear();
    this.byKey.clear();
  }

  /** Open alarms per severity, every severity present (zero included) so the gauge drops back to 0. */
  countBySeverity(): Record<Severity, number> {
    return this.count(() => true);
  }

  /**
   * Alarms waiting for an acknowledgement per severity. A shelved alarm is out of every such total until it
   * returns (ISA-18.2): hiding it is a decision already taken by someone.
   */
  countUnackedBySeverity(): Record<Severity, number> {
    return this.count((a) => (a.state === 'unacked' || a.state === 'cleared_unacked') && a.shelved_until === null);
  }

  private count(include: (alarm: Alarm) => boolean): Record<Severity, number> {
    const counts = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
    for (const alarm of this.byId.values()) if (include(alarm)) counts[alarm.severity]++;
    return counts;
  }
}

function keyOf(kind: AlarmKind, sourceRef: string): string {
  return `${kind}\u0000${sourceRef}`;
}
