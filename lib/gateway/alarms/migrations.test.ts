import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { ALARM_MIGRATIONS, migrateAlarmSchema } from './migrations';

function tables(db: Database.Database): string[] {
  return (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((r) => r.name);
}

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
      { version: 3, name: 'third', sql: 'CREATE TABLE third_step (x INTEGER)' },
      { version: 2, name: 'second', sql: 'CREATE TABLE second_step (x INTEGER)' },
    ];
    expect(migrateAlarmSchema(db, later)).toEqual([2, 3]);
    expect(migrateAlarmSchema(db, later)).toEqual([]);
  });

  it('rolls a failing step back entirely, recording nothing', () => {
    const db = new Database(':memory:');
    migrateAlarmSchema(db);
    const broken = [...ALARM_MIGRATIONS, { version: 2, name: 'broken', sql: 'CREATE TABLE half (x INTEGER); NOT SQL' }];
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
