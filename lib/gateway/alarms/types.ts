import type { Alarm, AlarmKind, AlarmState, AlarmStats, AlarmTransition, PublishedEvent, SessionUser, Severity } from '../../protocol';
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

/**
 * What sources call: raise on an abnormal condition, clear on its return to normal. Each promise settles
 * once the change is committed and broadcast; a failure is logged by the service, so a source that does not
 * need the alarm may leave the promise.
 */
export interface AlarmInputs {
  raise(condition: AlarmCondition): Promise<Alarm>;
  clear(kind: AlarmKind, sourceRef: string): Promise<Alarm | null>;
  /**
   * Runs `work` (raises and clears of one ingest batch; synchronous) and commits the changes it made as one
   * transaction: they reach the database together, or none does; they are broadcast after the commit, in order.
   */
  batch<T>(work: () => T): Promise<T>;
}

/** The alarm service: inputs from sources, actions from the hub, queries from HTTP. */
export interface AlarmService extends AlarmInputs, AlarmActions {
  /** Resolves once the open alarms are loaded from the ledger (at once on SQLite); rejects when they could not be. */
  readonly ready: Promise<void>;
  /** Alarms filtered as `GET /api/v1/alarms?state=&since=` asks (since = raised or changed at or after). */
  list(query: { state?: AlarmState; since?: string }): Promise<Alarm[]>;
  /** One page of the history, newest raised first, and where the next page starts (null on the last). */
  page(filter: AlarmFilter): Promise<{ alarms: Alarm[]; next: PagePosition | null }>;
  /** An alarm and its audit trail, oldest first; null when unknown or outside the user's locations. */
  detail(alarmId: string, user: Pick<SessionUser, 'locations'>): Promise<{ alarm: Alarm; transitions: AlarmTransition[] } | null>;
  /** The alarm load of raises in `[sinceMs, untilMs)` at the given locations (null = all). */
  stats(range: { sinceMs: number; untilMs: number; locationIds: string[] | null }): Promise<AlarmStats>;
  /** Alarms still on screen (not `cleared`), for the alerts snapshot. */
  open(): Alarm[];
  /**
   * Takes a change another node committed and broadcast on `alerts` (its `data` the alarm, its id
   * `<alarm_id>:<version>`) into this node's open alarms, gauges and timers, without committing or
   * publishing anything. An event older than what this node already knows of the alarm is ignored.
   */
  observe(event: PublishedEvent): void;
  close(): Promise<void>;
}
