import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestService, startPostgres } from '../../tests/support/services';
import { loadConfig } from '../runtime/config';
import { createFloorMonitor, openFloorMonitor } from './floor-monitor';

/* The composition root picks the alarm ledger: PostgreSQL when DATABASE_URL is set, else SQLite in DATA_DIR. */

const logger = pino({ level: 'silent' });
let postgres: TestService;
let dataDir = '';

beforeAll(async () => {
  postgres = await startPostgres();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'floor-monitor-'));
}, 60_000);
afterAll(async () => {
  await postgres?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const T19 = { kind: 'device_offline', source_ref: 'T-19', location_id: null, message: 'Terminal T-19 offline' } as const;

describe('openFloorMonitor', () => {
  it('keeps alarms in PostgreSQL when DATABASE_URL is set, and loads them again on the next start', async () => {
    const config = loadConfig({ MOCK_STREAM: 'off', DATA_DIR: dataDir, DATABASE_URL: postgres.url });
    const first = await openFloorMonitor(config, logger);
    const raised = await first.services.alarms.raise(T19);
    await first.close();
    expect(fs.existsSync(path.join(dataDir, 'floor-monitor.db'))).toBe(false);

    const client = new pg.Client({ connectionString: postgres.url });
    await client.connect();
    const { rows } = await client.query('SELECT alarm_id FROM alarms');
    await client.end();
    expect(rows).toEqual([{ alarm_id: raised.alarm_id }]);

    const second = await openFloorMonitor(config, logger);
    expect(second.services.alarms.open()).toEqual([raised]);
    await second.close();
  });

  it('keeps alarms in SQLite in DATA_DIR without DATABASE_URL', async () => {
    const monitor = await openFloorMonitor(loadConfig({ MOCK_STREAM: 'off', DATA_DIR: dataDir }), logger);
    await monitor.services.alarms.raise({ ...T19, source_ref: 'T-20' });
    await monitor.close();
    expect(fs.existsSync(path.join(dataDir, 'floor-monitor.db'))).toBe(true);
  });

  it('refuses to build a gateway with DATABASE_URL synchronously, before PostgreSQL is connected', () => {
    const config = loadConfig({ MOCK_STREAM: 'off', DATA_DIR: dataDir, DATABASE_URL: postgres.url });
    expect(() => createFloorMonitor(config, logger)).toThrow(/openFloorMonitor/);
  });
});
