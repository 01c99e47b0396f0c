import { type Alarm, type AlarmKind, SEVERITIES, type Severity, isOpenAlarm } from '../../protocol';
import type { StoredAlarm } from './alarm-ledger';

/** Where changes are decided: an alarm by id, or the active alarm of a condition, with its version. */
export interface AlarmView {
  get(alarmId: string): StoredAlarm | undefined;
  active(kind: AlarmKind, sourceRef: string): StoredAlarm | undefined;
}

/** How many closed alarms keep their last version, so a late event about one cannot reopen it. */
const CLOSED_REMEMBERED = 10_000;

/**
 * The alarms still on screen (every state but `cleared`), by id and by `(kind, source_ref)`, each with
 * its version. It mirrors the ledger's open rows: the service updates it after its own commits and when
 * another node's change arrives, in whatever order those come; a version older than the one held is ignored.
 */
export class OpenAlarms implements AlarmView {
  private readonly byId = new Map<string, StoredAlarm>();
  private readonly byKey = new Map<string, string>();
  private readonly closed = new Map<string, number>();

  /**
   * Records an alarm as it is at a version; a cleared alarm leaves the set, freeing its key for a new alarm.
   * Returns false (and changes nothing) when the set already holds this version or a later one.
   */
  put(alarm: Alarm, version: number): boolean {
    const id = alarm.alarm_id;
    const known = this.byId.get(id)?.version ?? this.closed.get(id);
    if (known !== undefined && version <= known) return false;
    const key = keyOf(alarm.kind, alarm.source_ref);
    if (isOpenAlarm(alarm)) {
      this.byId.set(id, { alarm, version });
      this.byKey.set(key, id);
      return true;
    }
    this.byId.delete(id);
    if (this.byKey.get(key) === id) this.byKey.delete(key);
    this.closed.delete(id);
    this.closed.set(id, version);
    if (this.closed.size > CLOSED_REMEMBERED) this.closed.delete(this.closed.keys().next().value!);
    return true;
  }

  /** An open alarm by id, with its version. */
  get(alarmId: string): StoredAlarm | undefined {
    return this.byId.get(alarmId);
  }

  /** The active alarm of a condition, if any, with its version. */
  active(kind: AlarmKind, sourceRef: string): StoredAlarm | undefined {
    const id = this.byKey.get(keyOf(kind, sourceRef));
    return id === undefined ? undefined : this.byId.get(id);
  }

  /** Every open alarm, unordered. */
  all(): Alarm[] {
    return [...this.byId.values()].map((s) => s.alarm);
  }

  /** Forgets every alarm (before the set is loaded from the ledger). */
  clear(): void {
    this.byId.clear();
    this.byKey.clear();
    this.closed.clear();
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
    for (const { alarm } of this.byId.values()) if (include(alarm)) counts[alarm.severity]++;
    return counts;
  }
}

/**
 * The alarms as a batch has decided them so far, over the open alarms as committed: decisions inside a
 * batch see the batch's earlier changes, and the open alarms see none of them until the batch commits.
 */
export class BatchView implements AlarmView {
  private readonly byId = new Map<string, StoredAlarm>();
  /** Condition → its active alarm's id, or null when the batch closed the one the base knows. */
  private readonly byKey = new Map<string, string | null>();

  constructor(private readonly base: AlarmView) {}

  /** Records an alarm as a planned change leaves it. */
  put(alarm: Alarm, version: number): void {
    this.byId.set(alarm.alarm_id, { alarm, version });
    const key = keyOf(alarm.kind, alarm.source_ref);
    if (isOpenAlarm(alarm)) this.byKey.set(key, alarm.alarm_id);
    else if (this.active(alarm.kind, alarm.source_ref)?.alarm.alarm_id === alarm.alarm_id) this.byKey.set(key, null);
  }

  get(alarmId: string): StoredAlarm | undefined {
    return this.byId.get(alarmId) ?? this.base.get(alarmId);
  }

  active(kind: AlarmKind, sourceRef: string): StoredAlarm | undefined {
    const key = keyOf(kind, sourceRef);
    if (!this.byKey.has(key)) return this.base.active(kind, sourceRef);
    const id = this.byKey.get(key);
    return id ? this.get(id) : undefined;
  }
}

function keyOf(kind: AlarmKind, sourceRef: string): string {
  return `${kind}\u0000${sourceRef}`;
}
