import type Database from 'better-sqlite3';

/** One schema step. Versions only ever grow; a shipped step is never edited, a new one is appended. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/**
 * The alarm ledger's schema history, in order. The database file is shared with other parts of the
 * gateway, so the alarm schema keeps its own version table instead of claiming `PRAGMA user_version`.
 */
export const ALARM_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'alarms and their append-only audit trail',
    sql: `
      CREATE TABLE alarms (
        alarm_id      TEXT PRIMARY KEY,
        kind          TEXT NOT NULL,
        source_ref    TEXT NOT NULL,
        location_id   TEXT,
        severity      TEXT NOT NULL,
        state         TEXT NOT NULL CHECK (state IN ('unacked', 'acked', 'cleared', 'cleared_unacked')),
        shelved_until TEXT,
        message       TEXT NOT NULL,
        count         INTEGER NOT NULL,
        raised_at     TEXT NOT NULL,
        raised_at_ms  INTEGER NOT NULL,
        acked_at      TEXT,
        acked_by      TEXT,
        cleared_at    TEXT,
        note          TEXT,
        updated_at_ms INTEGER NOT NULL
      );
      -- One active alarm per (kind, source_ref), enforced by the database itself.
      CREATE UNIQUE INDEX alarms_active_key ON alarms (kind, source_ref) WHERE state <> 'cleared';
      CREATE INDEX alarms_updated ON alarms (updated_at_ms);
      CREATE INDEX alarms_raised ON alarms (raised_at_ms);

      CREATE TABLE alarm_transitions (
        id         INTEGER PRIMARY KEY AUTOINCREMENT,
        alarm_id   TEXT NOT NULL REFERENCES alarms (alarm_id),
        from_state TEXT,
        to_state   TEXT NOT NULL,
        action     TEXT NOT NULL,
        actor      TEXT NOT NULL,
        actor_id   TEXT,
        at         TEXT NOT NULL,
        note       TEXT
      );
      CREATE INDEX alarm_transitions_alarm ON alarm_transitions (alarm_id);
      -- The audit trail is evidence: nothing rewrites or removes it.
      CREATE TRIGGER alarm_transitions_no_update BEFORE UPDATE ON alarm_transitions
        BEGIN SELECT RAISE(ABORT, 'alarm_transitions is append-only'); END;
      CREATE TRIGGER alarm_transitions_no_delete BEFORE DELETE ON alarm_transitions
        BEGIN SELECT RAISE(ABORT, 'alarm_transitions is append-only'); END;
    `,
  },
  {
    version: 2,
    name: 'audit of shelve reasons, counts and escalations; keyset index for history pages',
    sql: `
      ALTER TABLE alarm_transitions ADD COLUMN reason TEXT;
      ALTER TABLE alarm_transitions ADD COLUMN count INTEGER;
      ALTER TABLE alarm_transitions ADD COLUMN shelved_until TEXT;
      ALTER TABLE alarm_transitions ADD COLUMN escalations INTEGER;
      -- History pages walk (raised_at_ms, alarm_id) downwards; stats read transitions by time. The new
      -- index serves every query the raised_at_ms one did, so that one goes: one index less per write.
      CREATE INDEX alarms_raised_key ON alarms (raised_at_ms DESC, alarm_id DESC);
      DROP INDEX alarms_raised;
      CREATE INDEX alarm_transitions_at ON alarm_transitions (at);
    `,
  },
  {
    version: 3,
    name: 'alarm versions, so a change decided on an old version is refused',
    sql: `
      -- Every commit adds one to an alarm's version, so it starts as the number of audit lines so far.
      ALTER TABLE alarms ADD COLUMN version INTEGER NOT NULL DEFAULT 0;
      UPDATE alarms SET version = (SELECT COUNT(*) FROM alarm_transitions t WHERE t.alarm_id = alarms.alarm_id);
    `,
  },
];

/** Brings the alarm schema up to the newest version; each step and its record commit together. Returns the versions applied. */
export function migrateAlarmSchema(db: Database.Database, migrations: readonly Migration[] = ALARM_MIGRATIONS): number[] {
  db.exec(`CREATE TABLE IF NOT EXISTS alarm_schema_migrations (
    version    INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    applied_at TEXT NOT NULL
  )`);
  const applied = new Set(
    (db.prepare('SELECT version FROM alarm_schema_migrations').all() as { version: number }[]).map((r) => r.version),
  );
  const record = db.prepare('INSERT INTO alarm_schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  const done: number[] = [];
  for (const step of [...migrations].sort((a, b) => a.version - b.version)) {
    if (applied.has(step.version)) continue;
    // IMMEDIATE takes the write lock first, so two processes starting on one file cannot both apply a step.
    db.transaction(() => {
      const again = db.prepare('SELECT 1 FROM alarm_schema_migrations WHERE version = ?').get(step.version);
      if (again) return;
      db.exec(step.sql);
      record.run(step.version, step.name, new Date().toISOString());
      done.push(step.version);
    }).immediate();
  }
  return done;
}
