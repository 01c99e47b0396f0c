import type pg from 'pg';
import type { Migration } from './migrations';

/**
 * The alarm ledger's schema history in PostgreSQL: the same steps, versions and tables as the SQLite
 * schema (`migrations.ts`), in PostgreSQL's dialect. Ids and ISO times compare byte for byte (`COLLATE "C"`),
 * as SQLite compares them, whatever the database's locale. Versions only ever grow; a shipped step is never edited.
 */
export const PG_ALARM_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'alarms and their append-only audit trail',
    sql: `
      CREATE TABLE alarms (
        alarm_id      TEXT COLLATE "C" PRIMARY KEY,
        kind          TEXT NOT NULL,
        source_ref    TEXT NOT NULL,
        location_id   TEXT,
        severity      TEXT NOT NULL,
        state         TEXT NOT NULL CHECK (state IN ('unacked', 'acked', 'cleared', 'cleared_unacked')),
        shelved_until TEXT,
        message       TEXT NOT NULL,
        count         INTEGER NOT NULL,
        raised_at     TEXT NOT NULL,
        raised_at_ms  BIGINT NOT NULL,
        acked_at      TEXT,
        acked_by      TEXT,
        cleared_at    TEXT COLLATE "C",
        note          TEXT,
        updated_at_ms BIGINT NOT NULL
      );
      -- One active alarm per (kind, source_ref), enforced by the database itself, across every node.
      CREATE UNIQUE INDEX alarms_active_key ON alarms (kind, source_ref) WHERE state <> 'cleared';
      CREATE INDEX alarms_updated ON alarms (updated_at_ms);
      CREATE INDEX alarms_raised ON alarms (raised_at_ms);

      CREATE TABLE alarm_transitions (
        id         BIGSERIAL PRIMARY KEY,
        alarm_id   TEXT COLLATE "C" NOT NULL REFERENCES alarms (alarm_id),
        from_state TEXT,
        to_state   TEXT NOT NULL,
        action     TEXT NOT NULL,
        actor      TEXT NOT NULL,
        actor_id   TEXT,
        at         TEXT COLLATE "C" NOT NULL,
        note       TEXT
      );
      CREATE INDEX alarm_transitions_alarm ON alarm_transitions (alarm_id);
      -- The audit trail is evidence: nothing rewrites or removes it.
      CREATE FUNCTION alarm_transitions_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'alarm_transitions is append-only'; END $$;
      CREATE TRIGGER alarm_transitions_no_update BEFORE UPDATE OR DELETE ON alarm_transitions
        FOR EACH ROW EXECUTE FUNCTION alarm_transitions_append_only();
      CREATE TRIGGER alarm_transitions_no_truncate BEFORE TRUNCATE ON alarm_transitions
        FOR EACH STATEMENT EXECUTE FUNCTION alarm_transitions_append_only();
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
      CREATE INDEX alarms_raised_key ON alarms (raised_at_ms DESC, alarm_id DESC);
      DROP INDEX alarms_raised;
      CREATE INDEX alarm_transitions_at ON alarm_transitions (at);
    `,
  },
  {
    version: 3,
    name: 'alarm versions, so a change decided on an old version is refused',
    sql: `
      ALTER TABLE alarms ADD COLUMN version INTEGER NOT NULL DEFAULT 0;
      UPDATE alarms SET version = (SELECT COUNT(*) FROM alarm_transitions t WHERE t.alarm_id = alarms.alarm_id);
    `,
  },
];

/** Any fixed number: the advisory lock that keeps two nodes starting at once from migrating together. */
const MIGRATION_LOCK = 0x616c726d;

/**
 * Brings the alarm schema in PostgreSQL up to the newest version; each step and its record commit together,
 * under an advisory lock, so nodes starting together apply each step once. Returns the versions applied.
 */
export async function migratePgAlarmSchema(pool: pg.Pool, migrations: readonly Migration[] = PG_ALARM_MIGRATIONS): Promise<number[]> {
  const client = await pool.connect();
  const done: number[] = [];
  let lost: Error | undefined;
  const onError = (err: Error) => (lost = err);
  client.on('error', onError);
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await client.query(`CREATE TABLE IF NOT EXISTS alarm_schema_migrations (
      version    INTEGER PRIMARY KEY,
      name       TEXT NOT NULL,
      applied_at TEXT NOT NULL
    )`);
    const { rows } = await client.query<{ version: number }>('SELECT version FROM alarm_schema_migrations');
    const applied = new Set(rows.map((r) => r.version));
    for (const step of [...migrations].sort((a, b) => a.version - b.version)) {
      if (applied.has(step.version)) continue;
      await client.query('BEGIN');
      try {
        await client.query(step.sql);
        await client.query('INSERT INTO alarm_schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [step.version, step.name, new Date().toISOString()]);
        await client.query('COMMIT');
      } catch (err) {
        await client.query('ROLLBACK');
        throw err;
      }
      done.push(step.version);
    }
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => {});
    client.off('error', onError);
    client.release(lost);
  }
  return done;
}
