import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestService, startPostgres } from '../../../tests/support/services';
import { alarmLedgerConformance } from './alarm-ledger.conformance';
import { PgAlarmLedger } from './pg-ledger';
import { PG_ALARM_MIGRATIONS, migratePgAlarmSchema } from './pg-migrations';

/* The PostgreSQL ledger on a PostgreSQL 15 of the tests' own passes the suite the SQLite ledger passes. */

let postgres: TestService;
let admin: pg.Client;
let databases = 0;

beforeAll(async () => {
  postgres = await startPostgres();
  admin = new pg.Client({ connectionString: postgres.url });
  await admin.connect();
}, 60_000);

afterAll(async () => {
  await admin?.end();
  await postgres?.stop();
});

/** A new, empty database in the test cluster, and its URL. */
async function freshDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `ledger_${process.pid}_${++databases}`;
  await admin.query(`CREATE DATABASE ${name}`);
  return {
    url: postgres.url.replace(/\/postgres$/, `/${name}`),
    drop: async () => void (await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)),
  };
}

alarmLedgerConformance(async () => {
  const db = await freshDatabase();
  return { open: () => PgAlarmLedger.connect(db.url), dispose: db.drop };
});

describe('PgAlarmLedger', () => {
  it('migrates once, however many nodes start on the database together', async () => {
    const db = await freshDatabase();
    const pools = [0, 1, 2].map(() => {
      const pool = new pg.Pool({ connectionString: db.url, max: 1 });
      // `end()` resolves before an ended client's backend is gone; dropping the database then terminates it,
      // and a pool without a listener would throw that from its idle client.
      pool.on('error', () => {});
      return pool;
    });
    try {
      const applied = await Promise.all(pools.map((pool) => migratePgAlarmSchema(pool)));
      expect(applied.flat().sort()).toEqual(PG_ALARM_MIGRATIONS.map((m) => m.version));
      const { rows } = await pools[0].query('SELECT version FROM alarm_schema_migrations ORDER BY version');
      expect(rows.map((r) => r.version)).toEqual(PG_ALARM_MIGRATIONS.map((m) => m.version));
    } finally {
      await Promise.all(pools.map((pool) => pool.end()));
      await db.drop();
    }
  });

  it('keeps the audit trail append-only', async () => {
    const db = await freshDatabase();
    const ledger = await PgAlarmLedger.connect(db.url);
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      await client.query(
        `INSERT INTO alarms (alarm_id, kind, source_ref, severity, state, message, count, raised_at, raised_at_ms, updated_at_ms)
         VALUES ('alm-1', 'device_offline', 'T-19', 'high', 'unacked', 'm', 1, '2025-01-01T00:00:00Z', 0, 0)`,
      );
      await client.query(`INSERT INTO alarm_transitions (alarm_id, to_state, action, actor, at) VALUES ('alm-1', 'unacked', 'raise', 'system', 'x')`);
      await expect(client.query("UPDATE alarm_transitions SET actor = 'someone else'")).rejects.toThrow(/append-only/);
      await expect(client.query('DELETE FROM alarm_transitions')).rejects.toThrow(/append-only/);
      await expect(client.query('TRUNCATE alarm_transitions CASCADE')).rejects.toThrow(/append-only/);
    } finally {
      await client.end();
      await ledger.close();
      await db.drop();
    }
  });
});
