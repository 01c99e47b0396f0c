import type { Alarm, AlarmAction, AlarmKind, AlarmState, AlarmTransition, Severity } from '../../protocol';
import type { Maybe } from './maybe';

export type { Maybe } from './maybe';

/** One line of the audit trail. `actor` is a display name or `system`; `actor_id` the user id when a person acted. */
export interface AuditEntry {
  from: AlarmState | null;
  action: AlarmAction;
  actor: string;
  actorId: string | null;
  at: string;
  note: string | null;
  reason?: string | null;
  shelvedUntil?: string | null;
  escalations?: number | null;
}

/** Where a history page starts: strictly after this alarm in newest-raised-first order. */
export interface PagePosition {
  raisedAtMs: number;
  alarmId: string;
}

/** A history query: every field narrows; `locationIds` null means every location, alarms without one included. */
export interface AlarmFilter {
  states?: AlarmState[];
  severities?: Severity[];
  kinds?: AlarmKind[];
  locationIds: string[] | null;
  /** Raised at or after (ms). */
  sinceMs?: number;
  /** Raised before (ms). */
  untilMs?: number;
  /** Case-insensitive substring of message, source_ref or acked_by. */
  q?: string;
  limit: number;
  after?: PagePosition;
}

/** The raw rows the stats are computed from. */
export interface StatsRows {
  alarms: { kind: AlarmKind; source_ref: string; raised_at_ms: number; acked_at: string | null; cleared_at: string | null }[];
  raises: { kind: AlarmKind; source_ref: string; at: string; message: string; location_id: string | null }[];
  acknowledged: number;
  standing: number;
}

/** Read-only queries for the history, detail and stats endpoints and for re-arming escalation. */
export interface AlarmHistoryQueries {
  /** Up to `limit` alarms passing the filter, newest raised first (ties by alarm id, descending), after `filter.after`. */
  page(filter: AlarmFilter): Maybe<Alarm[]>;
  /** An alarm's audit trail, oldest first. */
  transitions(alarmId: string): Maybe<AlarmTransition[]>;
  /** How many times each still-open alarm escalated, and when last. */
  escalations(): Maybe<Map<string, { count: number; lastAtMs: number }>>;
  /** The rows behind `GET /api/v1/alarms/stats` for raises in `[sinceMs, untilMs)` at the given locations. */
  statsRows(sinceMs: number, untilMs: number, locationIds: string[] | null): Maybe<StatsRows>;
}

/**
 * An alarm as stored, with its version: how many commits it has had. A change decided on this version
 * names it as its precondition, so of two changes decided on the same version only one is stored.
 */
export interface StoredAlarm {
  alarm: Alarm;
  version: number;
}

/** The precondition of a change to an alarm not stored yet (a raise): version 0. */
export const NEW_ALARM = 0;

/**
 * A commit refused because what its change was decided on no longer holds: the alarm moved past the
 * expected version, or (for a raise) the alarm exists or its condition already has an active alarm.
 * Nothing of it is stored, and an enclosing transaction carries on.
 */
export class AlarmConflict extends Error {
  constructor(
    readonly alarmId: string,
    readonly expected: number,
  ) {
    super(`alarm ${alarmId} is no longer at version ${expected}: it changed elsewhere`);
    this.name = 'AlarmConflict';
  }
}

/**
 * Where alarms and their audit trail are kept: `SqliteAlarmLedger` (`ledger.ts`) in `DATA_DIR`'s SQLite
 * file, or `PgAlarmLedger` (`pg-ledger.ts`) in PostgreSQL, shared by every gateway node.
 *
 * Guarantees every implementation gives:
 * - **Durable on return.** When `commit` returns (outside `transaction`), the alarm and its audit line
 *   are stored together and survive a crash or power cut; a ledger opened again on the same storage
 *   reads back everything committed, alarms and audit lines alike, field for field (alarms in the
 *   contract's field order, so one read back serializes exactly as it was sent).
 * - **Read your writes.** `find`, `loadOpen`, `list` and the history queries see every commit made
 *   before them (inside `transaction`, its own commits too).
 * - **One winner.** A commit given `expected` stores the change only if the alarm is still at that
 *   version (`NEW_ALARM`: not stored at all, and its condition without an active alarm), atomically
 *   with the check, and then the alarm is at `expected + 1`; otherwise it throws `AlarmConflict` and
 *   stores nothing. Of two operators (or two nodes) acknowledging the same alarm, the one who commits
 *   first wins; the other's change, decided on the old version, is refused and decided again on the
 *   alarm as it now is (then `already_acknowledged`). Without `expected` the commit stores the alarm as
 *   given (last write wins) and adds one to its version.
 * - **One active alarm per condition.** At most one alarm not `cleared` per `(kind, source_ref)`; a
 *   commit that would make a second one throws and stores nothing.
 * - **Append-only audit.** Each commit appends one audit line with a larger id than every earlier one
 *   and returns that id; lines are never changed or removed, and `transitions` lists them oldest first.
 * - **All or nothing.** Inside `transaction`, commits become durable together when `work` returns (or
 *   the promise it returns resolves); if it throws, none of them is kept and the error is rethrown.
 * - `loadOpen` returns every alarm not `cleared`; `list` alarms in a state and/or changed at or after
 *   `sinceMs`, newest raised first; `recentRaises` the raise time and place of every located, non-flood alarm
 *   raised at or after `sinceMs`.
 *
 * Every call answers now (SQLite) or with a promise (PostgreSQL): see `Maybe`. A networked ledger's
 * `transaction` takes asynchronous work. The conformance suite (`alarmLedgerConformance`) awaits every call.
 */
export interface AlarmLedger {
  /** Runs `work` in one transaction: every commit inside it reaches the disk together, or none does. */
  transaction<T>(work: () => Maybe<T>): Maybe<T>;
  /**
   * Stores an alarm as it is after a change, with the change's audit line; returns the audit line's id.
   * With `expected` (the version the change was decided on, `NEW_ALARM` for a raise) only if that still
   * holds, else it throws `AlarmConflict`.
   */
  commit(alarm: Alarm, entry: AuditEntry, expected?: number): Maybe<number>;
  /** Every alarm not yet cleared, as the last commit left it. */
  loadOpen(): Maybe<Alarm[]>;
  /** Every alarm not yet cleared, with its version. */
  loadOpenStored(): Maybe<StoredAlarm[]>;
  /** One alarm by id, whatever its state. */
  find(alarmId: string): Maybe<Alarm | undefined>;
  /** One alarm by id with its version, whatever its state. */
  findStored(alarmId: string): Maybe<StoredAlarm | undefined>;
  /** The active (not `cleared`) alarm of a condition with its version, if any. */
  findActive(kind: AlarmKind, sourceRef: string): Maybe<StoredAlarm | undefined>;
  /** Alarms in a state and/or raised or changed at or after `sinceMs`, newest first. */
  list(query: { state?: AlarmState; sinceMs?: number }): Maybe<Alarm[]>;
  /** When and where each located non-flood alarm was raised since `sinceMs`, to rebuild flood windows after a restart. */
  recentRaises(sinceMs: number): Maybe<{ location_id: string; raised_at_ms: number }[]>;
  /** Read-only queries for history pages, audit trails and stats. */
  readonly history: AlarmHistoryQueries;
  /** Releases the storage; the ledger is not used afterwards. */
  close(): Maybe<void>;
}
