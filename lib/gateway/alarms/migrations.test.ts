import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { ALARM_MIGRATIONS, migrateAlarmSchema } from './migrations';

function tables(db: Database.Database): string[] {
  return (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((r) => r.name);
}

/** The version after the newest shipped step, for steps a later release would add. */
const NEXT = Math.max(...ALARM_MIGRATIONS.map((m) => m.version)) + 1;

describe('alarm schema migrations', () => {
  it('applies every step once on a new database and nothing on a second run', () => {
    const db = new Database(':memory:');
    expect(migrateAlarmSchema(db)).toEqual(ALARM_MIGRATIONS.map((m) => m.version));
    const before = tables(db);
    expect(migrateAlarmSchema(db)).toEqual([]);
    expect(tables(db)).toEqual(before);
    expect(before).toEqual(expect.arrayContaining(['alarms', 'alarm_transitions', 'alarm_schema_migrations']));
  });

  it('applies only the steps a database has not seen, in version order', () => {
    const db = new Database(':memory:');
    migrateAlarmSchema(db);
    const later = [
      ...ALARM_MIGRATIONS,
      { version: NEXT + 1, name: 'third', sql: 'CREATE TABLE third_step (x INTEGER)' },
      { version: NEXT, name: 'second', sql: 'CREATE TABLE second_step (x INTEGER)' },
    ];
    expect(migrateAlarmSchema(db, later)).toEqual([NEXT, NEXT + 1]);
    expect(migrateAlarmSchema(db, later)).toEqual([]);
  });

  it('rolls a failing step back entirely, recording nothing', () => {
    const db = new Database(':memory:');
    migrateAlarmSchema(db);
    const broken = [...ALARM_MIGRATIONS, { version: NEXT, name: 'broken', sql: 'CREATE TABLE half (x INTEGER); NOT SQL' }];
    expect(() => migrateAlarmSchema(db, broken)).toThrow();
    expect(tables(db)).not.toContain('half');
    expect(migrateAlarmSchema(db)).toEqual([]);
  });

  it('does not touch PRAGMA user_version, which other parts of the gateway may own', () => {
    const db = new Database(':memory:');
    db.pragma('user_version = 7');
    migrateAlarmSchema(db);
    expect(db.pragma('user_version', { simple: true })).toBe(7);
  });

  it('keeps the audit trail append-only', () => {
    const db = new Database(':memory:');
    migrateAlarmSchema(db);
    db.prepare(
      `INSERT INTO alarms (alarm_id, kind, source_ref, severity, state, message, count, raised_at, raised_at_ms, updated_at_ms)
       VALUES ('alm-1', 'device_offline', 'T-19', 'high', 'unacked', 'm', 1, '2025-01-01T00:00:00Z', 0, 0)`,
    ).run();
    db.prepare(`INSERT INTO alarm_transitions (alarm_id, to_state, action, actor, at) VALUES ('alm-1', 'unacked', 'raise', 'system', 'x')`).run();
    expect(() => db.prepare("UPDATE alarm_transitions SET actor = 'someone else'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM alarm_transitions').run()).toThrow(/append-only/);
  });

  it('refuses a second active alarm for the same kind and source', () => {
    const db = new Database(':memory:');
    migrateAlarmSchema(db);
    const insert = db.prepare(
      `INSERT INTO alarms (alarm_id, kind, source_ref, severity, state, message, count, raised_at, raised_at_ms, updated_at_ms)
       VALUES (?, 'device_offline', 'T-19', 'high', ?, 'm', 1, '2025-01-01T00:00:00Z', 0, 0)`,
    );
    insert.run('alm-1', 'cleared');
    insert.run('alm-2', 'unacked');
    expect(() => insert.run('alm-3', 'acked')).toThrow(/UNIQUE/);
  });
});

describe('alarm schema migrations: a database from before the audit columns', () => {
  it('keeps its alarms and audit lines, and takes reasons, counts and escalations afterwards', () => {
    const db = new Database(':memory:');
    expect(migrateAlarmSchema(db, ALARM_MIGRATIONS.slice(0, 1))).toEqual([1]);
    db.prepare(
      `INSERT INTO alarms (alarm_id, kind, source_ref, severity, state, message, count, raised_at, raised_at_ms, updated_at_ms)
       VALUES ('alm-old', 'device_offline', 'T-19', 'high', 'unacked', 'm', 1, '2025-01-01T00:00:00.000Z', 0, 0)`,
    ).run();
    db.prepare(`INSERT INTO alarm_transitions (alarm_id, to_state, action, actor, at) VALUES ('alm-old', 'unacked', 'raise', 'system', '2025-01-01T00:00:00.000Z')`).run();

    expect(migrateAlarmSchema(db)).toEqual(ALARM_MIGRATIONS.slice(1).map((m) => m.version));
    expect(db.prepare('SELECT alarm_id, action, reason, count FROM alarm_transitions').all()).toEqual([
      { alarm_id: 'alm-old', action: 'raise', reason: null, count: null },
    ]);
    db.prepare(
      `INSERT INTO alarm_transitions (alarm_id, from_state, to_state, action, actor, at, reason, count, shelved_until, escalations)
       VALUES ('alm-old', 'unacked', 'unacked', 'shelve', 'Maya', '2025-01-01T00:01:00.000Z', 'technician on site', 1, '2025-01-01T00:31:00.000Z', NULL)`,
    ).run();
    expect(db.prepare("SELECT reason FROM alarm_transitions WHERE action = 'shelve'").get()).toEqual({ reason: 'technician on site' });
    expect(() => db.prepare("UPDATE alarm_transitions SET reason = 'other'").run()).toThrow(/append-only/);
  });
});

describe('alarm schema migrations: a database from before alarm versions', () => {
  it('gives each alarm the version its audit lines count, so changes decided on it commit', () => {
    const db = new Database(':memory:');
    migrateAlarmSchema(db, ALARM_MIGRATIONS.filter((m) => m.version < 3));
    const insert = db.prepare(
      `INSERT INTO alarms (alarm_id, kind, source_ref, severity, state, message, count, raised_at, raised_at_ms, updated_at_ms)
       VALUES (?, 'device_offline', ?, 'high', 'unacked', 'm', 1, '2025-01-01T00:00:00.000Z', 0, 0)`,
    );
    const audit = db.prepare(`INSERT INTO alarm_transitions (alarm_id, to_state, action, actor, at) VALUES (?, 'unacked', ?, 'system', '2025-01-01T00:00:00.000Z')`);
    insert.run('alm-1', 'T-1');
    audit.run('alm-1', 'raise');
    audit.run('alm-1', 'repeat');
    insert.run('alm-2', 'T-2');
    audit.run('alm-2', 'raise');
    expect(migrateAlarmSchema(db)).toEqual([3]);
    expect(db.prepare('SELECT alarm_id, version FROM alarms ORDER BY alarm_id').all()).toEqual([
      { alarm_id: 'alm-1', version: 2 },
      { alarm_id: 'alm-2', version: 1 },
    ]);
  });
});
