import type { Alarm, AlarmAction, AlarmKind, AlarmState, AlarmTransition, Severity } from '../../protocol';

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
  page(filter: AlarmFilter): Alarm[];
  /** An alarm's audit trail, oldest first. */
  transitions(alarmId: string): AlarmTransition[];
  /** How many times each still-open alarm escalated, and when last. */
  escalations(): Map<string, { count: number; lastAtMs: number }>;
  /** The rows behind `GET /api/v1/alarms/stats` for raises in `[sinceMs, untilMs)` at the given locations. */
  statsRows(sinceMs: number, untilMs: number, locationIds: string[] | null): StatsRows;
}

/**
 * Where alarms and their audit trail are kept. `SqliteAlarmLedger` (`ledger.ts`) is the implementation,
 * in `DATA_DIR`'s SQLite file.
 *
 * Guarantees every implementation gives:
 * - **Durable on return.** When `commit` returns (outside `transaction`), the alarm and its audit line
 *   are stored together and survive a crash or power cut; a ledger opened again on the same storage
 *   reads back everything committed, alarms and audit lines alike, field for field (alarms in the
 *   contract's field order, so one read back serializes exactly as it was sent).
 * - **Read your writes.** `find`, `loadOpen`, `list` and the history queries see every commit made
 *   before them. The service decides each change on the alarm as last committed (the lifecycle's state
 *   checks), one change at a time, so of two operators acknowledging the same alarm the first wins
 *   and the second is refused as `already_acknowledged`. `commit` itself is unconditional: it stores
 *   the alarm as given (last write wins), except that…
 * - **One active alarm per condition.** At most one alarm not `cleared` per `(kind, source_ref)`; a
 *   commit that would make a second one throws and stores nothing.
 * - **Append-only audit.** Each commit appends one audit line with a larger id than every earlier one
 *   and returns that id; lines are never changed or removed, and `transitions` lists them oldest first.
 * - **All or nothing.** Inside `transaction`, commits become durable together when `work` returns; if it
 *   throws, none of them is kept and the error is rethrown.
 * - `loadOpen` returns every alarm not `cleared`; `list` alarms in a state and/or changed at or after
 *   `sinceMs`, newest raised first; `recentRaises` the raise time and place of every located, non-flood alarm
 *   raised at or after `sinceMs`.
 *
 * Asynchronous implementations: a networked database (PostgreSQL) would make every call return a promise,
 * and `transaction` take asynchronous work; the service's `batch` would then become asynchronous, still
 * committing before it publishes. The conformance suite (`alarmLedgerConformance`) awaits every call.
 */
export interface AlarmLedger {
  /** Runs `work` in one transaction: every commit inside it reaches the disk together, or none does. */
  transaction<T>(work: () => T): T;
  /** Stores an alarm as it is after a change, with the change's audit line; returns the audit line's id. */
  commit(alarm: Alarm, entry: AuditEntry): number;
  /** Every alarm not yet cleared, as the last commit left it. */
  loadOpen(): Alarm[];
  /** One alarm by id, whatever its state. */
  find(alarmId: string): Alarm | undefined;
  /** Alarms in a state and/or raised or changed at or after `sinceMs`, newest first. */
  list(query: { state?: AlarmState; sinceMs?: number }): Alarm[];
  /** When and where each located non-flood alarm was raised since `sinceMs`, to rebuild flood windows after a restart. */
  recentRaises(sinceMs: number): { location_id: string; raised_at_ms: number }[];
  /** Read-only queries for history pages, audit trails and stats. */
  readonly history: AlarmHistoryQueries;
  /** Releases the storage; the ledger is not used afterwards. */
  close(): void;
}
