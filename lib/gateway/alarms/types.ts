import type { Alarm, AlarmKind, AlarmState, AlarmStats, AlarmTransition, SessionUser, Severity } from '../../protocol';
import type { AlarmActions } from '../types';
import type { AlarmFilter, PagePosition } from './alarm-ledger';

/** A condition reported by a source; the ledger turns it into an alarm or counts a repeat. */
export interface AlarmCondition {
  kind: AlarmKind;
  /** What the alarm is about: a device id, a source name, a payout's instance id, a location for floods. */
  source_ref: string;
  location_id: string | null;
  message: string;
  /** Overrides the kind's configured severity (casino `alerts` events carry their own). */
  severity?: Severity;
}

/** What sources call: raise on an abnormal condition, clear on its return to normal. */
export interface AlarmInputs {
  raise(condition: AlarmCondition): Alarm;
  clear(kind: AlarmKind, sourceRef: string): Alarm | null;
  /**
   * Runs `work` (raises and clears of one ingest batch) as one transaction: its changes reach the disk
   * together with one fsync, or none does; they are broadcast after the commit, in order.
   */
  batch<T>(work: () => T): T;
}

/** The alarm service: inputs from sources, actions from the hub, queries from HTTP. */
export interface AlarmService extends AlarmInputs, AlarmActions {
  /** Alarms filtered as `GET /api/v1/alarms?state=&since=` asks (since = raised or changed at or after). */
  list(query: { state?: AlarmState; since?: string }): Alarm[];
  /** One page of the history, newest raised first, and where the next page starts (null on the last). */
  page(filter: AlarmFilter): { alarms: Alarm[]; next: PagePosition | null };
  /** An alarm and its audit trail, oldest first; null when unknown or outside the user's locations. */
  detail(alarmId: string, user: Pick<SessionUser, 'locations'>): { alarm: Alarm; transitions: AlarmTransition[] } | null;
  /** The alarm load of raises in `[sinceMs, untilMs)` at the given locations (null = all). */
  stats(range: { sinceMs: number; untilMs: number; locationIds: string[] | null }): AlarmStats;
  /** Alarms still on screen (not `cleared`), for the alerts snapshot. */
  open(): Alarm[];
  close(): void;
}
