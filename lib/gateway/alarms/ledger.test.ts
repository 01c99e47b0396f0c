import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { alarmLedgerConformance } from './alarm-ledger.conformance';
import { DATABASE_FILE, SqliteAlarmLedger } from './ledger';

const tempDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'floor-ledger-'));

alarmLedgerConformance(() => {
  const dir = tempDir();
  return { open: () => SqliteAlarmLedger.open(dir), dispose: () => fs.rmSync(dir, { recursive: true, force: true }) };
});

describe('SqliteAlarmLedger', () => {
  it('keeps its alarms in DATA_DIR/floor-monitor.db, in WAL mode, creating the directory', () => {
    const root = tempDir();
    const dir = path.join(root, 'nested', 'data');
    try {
      SqliteAlarmLedger.open(dir).close();
      expect(fs.existsSync(path.join(dir, DATABASE_FILE))).toBe(true);
      const db = new Database(path.join(dir, DATABASE_FILE), { readonly: true });
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      db.close();
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
