import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Alarm, AlarmKind, AlarmState } from '../../protocol';
import { type AlarmLedger, type AuditEntry, AlarmConflict, NEW_ALARM, type StoredAlarm } from './alarm-ledger';
import { ALARM_COLUMNS, AlarmHistory } from './history';
import { isPending } from './maybe';
import { migrateAlarmSchema } from './migrations';

export type { AlarmLedger, AuditEntry } from './alarm-ledger';

/** The database file every gateway part shares, inside `DATA_DIR`. */
export const DATABASE_FILE = 'floor-monitor.db';

type AlarmRow = Alarm & { raised_at_ms: number; updated_at_ms: number; expected: number | null };
type StoredRow = Alarm & { version: number };

/** An alarm row with its version, split in two (the alarm keeps the contract's field order). */
export function toStored(row: StoredRow): StoredAlarm {
  const { version, ...alarm } = row;
  return { alarm, version };
}

/**
 * The `AlarmLedger` in SQLite: alarms and their audit trail. Every write is one synchronous transaction
 * that has reached the disk when `commit` returns, so an alarm the gateway has answered or broadcast
 * survives a crash or a power cut. Inside `transaction`, writes join one outer transaction instead and
 * reach the disk together when it returns (one fsync for a whole ingest batch).
 */
export class SqliteAlarmLedger implements AlarmLedger {
  private readonly upsert: Database.Statement;
  private readonly insertNew: Database.Statement;
  private readonly updateAt: Database.Statement;
  private readonly audit: Database.Statement;
  private readonly selectOpen: Database.Statement;
  private readonly selectById: Database.Statement;
  private readonly selectStored: Record<'open' | 'byId' | 'active', Database.Statement>;
  private readonly selectRecentRaises: Database.Statement;
  private readonly selectList: Record<'all' | 'state' | 'since' | 'stateSince', Database.Statement>;
  private readonly write: (alarm: Alarm, entry: AuditEntry, expected?: number) => number;
  /** Read-only queries for history pages, audit trails and stats. */
  readonly history: AlarmHistory;

  /** Opens (creating if needed) the ledger in `dataDir` and brings its schema up to date. */
  static open(dataDir: string): SqliteAlarmLedger {
    fs.mkdirSync(dataDir, { recursive: true });
    return new SqliteAlarmLedger(new Database(path.join(dataDir, DATABASE_FILE)));
  }

  constructor(private readonly db: Database.Database) {
    db.pragma('journal_mode = WAL');
    // WAL with synchronous=NORMAL survives a process crash but may lose the last commits on power loss.
    // "Never lose an acknowledged alarm" covers power loss too, and alarm changes come at human rates,
    // so an fsync of the WAL on every commit (FULL) costs nothing that matters. The pragma is per
    // connection: other parts of the gateway sharing the file keep their own setting.
    db.pragma('synchronous = FULL');
    // Other connections to the shared file may hold the write lock briefly; wait rather than fail.
    db.pragma('busy_timeout = 5000');
    db.pragma('foreign_keys = ON');
    migrateAlarmSchema(db);

    const columns = `${ALARM_COLUMNS}, raised_at_ms, updated_at_ms, version`;
    const values = `@alarm_id, @kind, @severity, @state, @shelved_until, @source_ref, @location_id, @message, @count,
              @raised_at, @acked_at, @acked_by, @cleared_at, @note, @raised_at_ms, @updated_at_ms, 1`;
    const changed = `severity = @severity, state = @state, shelved_until = @shelved_until, location_id = @location_id,
        message = @message, count = @count, acked_at = @acked_at, acked_by = @acked_by, cleared_at = @cleared_at,
        note = @note, updated_at_ms = @updated_at_ms`;
    this.upsert = db.prepare(`
      INSERT INTO alarms (${columns}) VALUES (${values})
      ON CONFLICT (alarm_id) DO UPDATE SET ${changed}, version = alarms.version + 1`);
    // A raise stores nothing when the id exists or its condition already has an active alarm (either unique index).
    this.insertNew = db.prepare(`INSERT INTO alarms (${columns}) VALUES (${values}) ON CONFLICT DO NOTHING`);
    this.updateAt = db.prepare(`UPDATE alarms SET ${changed}, version = version + 1 WHERE alarm_id = @alarm_id AND version = @expected`);
    this.audit = db.prepare(`
      INSERT INTO alarm_transitions (alarm_id, from_state, to_state, action, actor, actor_id, at, note, reason, count, shelved_until, escalations)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    this.selectOpen = db.prepare(`SELECT ${ALARM_COLUMNS} FROM alarms WHERE state <> 'cleared'`);
    this.selectById = db.prepare(`SELECT ${ALARM_COLUMNS} FROM alarms WHERE alarm_id = ?`);
    this.selectStored = {
      open: db.prepare(`SELECT ${ALARM_COLUMNS}, version FROM alarms WHERE state <> 'cleared'`),
      byId: db.prepare(`SELECT ${ALARM_COLUMNS}, version FROM alarms WHERE alarm_id = ?`),
      active: db.prepare(`SELECT ${ALARM_COLUMNS}, version FROM alarms WHERE kind = ? AND source_ref = ? AND state <> 'cleared'`),
    };
    this.selectRecentRaises = db.prepare(
      `SELECT location_id, raised_at_ms FROM alarms WHERE raised_at_ms >= ? AND kind <> 'flood' AND location_id IS NOT NULL`,
    );
    const listed = (where: string) =>
      db.prepare(`SELECT ${ALARM_COLUMNS} FROM alarms ${where} ORDER BY raised_at_ms DESC, alarm_id DESC`);
    this.selectList = {
      all: listed(''),
      state: listed('WHERE state = @state'),
      since: listed('WHERE updated_at_ms >= @since'),
      stateSince: listed('WHERE state = @state AND updated_at_ms >= @since'),
    };
    const write = (alarm: Alarm, entry: AuditEntry, expected?: number): number => {
      const row: AlarmRow = { ...alarm, raised_at_ms: Date.parse(alarm.raised_at), updated_at_ms: Date.parse(entry.at), expected: expected ?? null };
      const statement = expected === undefined ? this.upsert : expected === NEW_ALARM ? this.insertNew : this.updateAt;
      if (statement.run(row).changes === 0) throw new AlarmConflict(alarm.alarm_id, expected ?? NEW_ALARM);
      const info = this.audit.run(
        alarm.alarm_id, entry.from, alarm.state, entry.action, entry.actor, entry.actorId, entry.at, entry.note,
        entry.reason ?? null, alarm.count, entry.shelvedUntil ?? null, entry.escalations ?? null,
      );
      return Number(info.lastInsertRowid);
    };
    const writeAlone = db.transaction(write);
    // Inside a batch's transaction the two statements already commit together; a savepoint per alarm
    // would only add two statements to each of a thousand writes.
    this.write = (alarm, entry, expected) => (db.inTransaction ? write(alarm, entry, expected) : writeAlone(alarm, entry, expected));
    this.history = new AlarmHistory(db);
  }

  /** Runs `work` in one transaction: every commit inside it reaches the disk together, or none does. */
  transaction<T>(work: () => T): T {
    return this.db.transaction(() => {
      const result = work();
      // better-sqlite3 would commit as soon as an async function returned its promise.
      if (isPending(result)) throw new TypeError('the SQLite ledger runs synchronous transaction work only');
      return result;
    })();
  }

  /**
   * Stores an alarm as it is after a change, with the change's audit line; returns the audit line's id.
   * With `expected`, only while the alarm is at that version (the check and the write are one statement).
   */
  commit(alarm: Alarm, entry: AuditEntry, expected?: number): number {
    return this.write(alarm, entry, expected);
  }

  /** Every alarm not yet cleared, with its version. */
  loadOpenStored(): StoredAlarm[] {
    return (this.selectStored.open.all() as StoredRow[]).map(toStored);
  }

  /** One alarm by id with its version. */
  findStored(alarmId: string): StoredAlarm | undefined {
    const row = this.selectStored.byId.get(alarmId) as StoredRow | undefined;
    return row && toStored(row);
  }

  /** The active alarm of a condition with its version. */
  findActive(kind: AlarmKind, sourceRef: string): StoredAlarm | undefined {
    const row = this.selectStored.active.get(kind, sourceRef) as StoredRow | undefined;
    return row && toStored(row);
  }

  /** Every alarm not yet cleared, as the last commit left it. */
  loadOpen(): Alarm[] {
    return this.selectOpen.all() as Alarm[];
  }

  /** One alarm by id, whatever its state. */
  find(alarmId: string): Alarm | undefined {
    return this.selectById.get(alarmId) as Alarm | undefined;
  }

  /** Alarms in a state and/or raised or changed at or after `sinceMs`, newest first. */
  list(query: { state?: AlarmState; sinceMs?: number }): Alarm[] {
    const { state, sinceMs: since } = query;
    if (state && since !== undefined) return this.selectList.stateSince.all({ state, since }) as Alarm[];
    if (state) return this.selectList.state.all({ state }) as Alarm[];
    if (since !== undefined) return this.selectList.since.all({ since }) as Alarm[];
    return this.selectList.all.all() as Alarm[];
  }

  /** When and where each located non-flood alarm was raised since `sinceMs`, to rebuild flood windows after a restart. */
  recentRaises(sinceMs: number): { location_id: string; raised_at_ms: number }[] {
    return this.selectRecentRaises.all(sinceMs) as { location_id: string; raised_at_ms: number }[];
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
