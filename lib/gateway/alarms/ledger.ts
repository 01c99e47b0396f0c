import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Alarm, AlarmState } from '../../protocol';
import type { AlarmLedger, AuditEntry } from './alarm-ledger';
import { ALARM_COLUMNS, AlarmHistory } from './history';
import { migrateAlarmSchema } from './migrations';

export type { AlarmLedger, AuditEntry } from './alarm-ledger';

/** The database file every gateway part shares, inside `DATA_DIR`. */
export const DATABASE_FILE = 'floor-monitor.db';

type AlarmRow = Alarm & { raised_at_ms: number; updated_at_ms: number };

/**
 * The `AlarmLedger` in SQLite: alarms and their audit trail. Every write is one synchronous transaction
 * that has reached the disk when `commit` returns, so an alarm the gateway has answered or broadcast
 * survives a crash or a power cut. Inside `transaction`, writes join one outer transaction instead and
 * reach the disk together when it returns (one fsync for a whole ingest batch).
 */
export class SqliteAlarmLedger implements AlarmLedger {
  private readonly upsert: Database.Statement;
  private readonly audit: Database.Statement;
  private readonly selectOpen: Database.Statement;
  private readonly selectById: Database.Statement;
  private readonly selectRecentRaises: Database.Statement;
  private readonly selectList: Record<'all' | 'state' | 'since' | 'stateSince', Database.Statement>;
  private readonly write: (alarm: Alarm, entry: AuditEntry) => number;
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

    const columns = `${ALARM_COLUMNS}, raised_at_ms, updated_at_ms`;
    this.upsert = db.prepare(`
      INSERT INTO alarms (${columns})
      VALUES (@alarm_id, @kind, @severity, @state, @shelved_until, @source_ref, @location_id, @message, @count,
              @raised_at, @acked_at, @acked_by, @cleared_at, @note, @raised_at_ms, @updated_at_ms)
      ON CONFLICT (alarm_id) DO UPDATE SET
        severity = excluded.severity, state = excluded.state, shelved_until = excluded.shelved_until,
        location_id = excluded.location_id, message = excluded.message, count = excluded.count,
        acked_at = excluded.acked_at, acked_by = excluded.acked_by, cleared_at = excluded.cleared_at,
        note = excluded.note, updated_at_ms = excluded.updated_at_ms`);
    this.audit = db.prepare(`
      INSERT INTO alarm_transitions (alarm_id, from_state, to_state, action, actor, actor_id, at, note, reason, count, shelved_until, escalations)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    this.selectOpen = db.prepare(`SELECT ${ALARM_COLUMNS} FROM alarms WHERE state <> 'cleared'`);
    this.selectById = db.prepare(`SELECT ${ALARM_COLUMNS} FROM alarms WHERE alarm_id = ?`);
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
    const write = (alarm: Alarm, entry: AuditEntry): number => {
      const row: AlarmRow = { ...alarm, raised_at_ms: Date.parse(alarm.raised_at), updated_at_ms: Date.parse(entry.at) };
      this.upsert.run(row);
      const info = this.audit.run(
        alarm.alarm_id, entry.from, alarm.state, entry.action, entry.actor, entry.actorId, entry.at, entry.note,
        entry.reason ?? null, alarm.count, entry.shelvedUntil ?? null, entry.escalations ?? null,
      );
      return Number(info.lastInsertRowid);
    };
    const writeAlone = db.transaction(write);
    // Inside a batch's transaction the two statements already commit together; a savepoint per alarm
    // would only add two statements to each of a thousand writes.
    this.write = (alarm, entry) => (db.inTransaction ? write(alarm, entry) : writeAlone(alarm, entry));
    this.history = new AlarmHistory(db);
  }

  /** Runs `work` in one transaction: every commit inside it reaches the disk together, or none does. */
  transaction<T>(work: () => T): T {
    return this.db.transaction(work)();
  }

  /** Stores an alarm as it is after a change, with the change's audit line; returns the audit line's id. */
  commit(alarm: Alarm, entry: AuditEntry): number {
    return this.write(alarm, entry);
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
