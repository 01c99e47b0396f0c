import fs from 'node:fs';
import pg from 'pg';
import { createClient } from 'redis';
import { afterAll, describe, expect, it } from 'vitest';
import { type TestService, servicesAvailable, startPostgres, startRedis } from '../support/services';

/*
 * The scale-out suites run against real Redis and PostgreSQL of their own. This proves the harness
 * itself: each service starts on its own port in its own folder, answers, and leaves nothing behind.
 */

const started: TestService[] = [];
afterAll(async () => {
  for (const service of started.splice(0)) await service.stop();
});

describe('test services', () => {
  it('are installed (npm test installs them when missing, as root)', () => {
    expect(servicesAvailable()).toEqual({ redis: true, postgres: true });
  });

  it('start a Redis of their own that answers and keeps nothing on disk', async () => {
    const redis = await startRedis();
    started.push(redis);
    const client = createClient({ url: redis.url });
    await client.connect();
    try {
      expect(await client.ping()).toBe('PONG');
      await client.set('fm:probe', 'on');
      expect(await client.get('fm:probe')).toBe('on');
      expect(await client.configGet('save')).toEqual({ save: '' });
    } finally {
      await client.quit();
    }
    await redis.stop();
    started.pop();
    expect(fs.existsSync(redis.dir)).toBe(false);
  }, 30_000);

  it('start a PostgreSQL cluster of their own that answers, and remove it when stopped', async () => {
    const postgres = await startPostgres();
    started.push(postgres);
    const client = new pg.Client({ connectionString: postgres.url });
    await client.connect();
    try {
      const { rows } = await client.query<{ version: string; port: string }>("select version(), current_setting('port') as port");
      expect(rows[0].version).toMatch(/^PostgreSQL 15/);
      expect(Number(rows[0].port)).toBe(postgres.port);
    } finally {
      await client.end();
    }
    await postgres.stop();
    started.pop();
    expect(fs.existsSync(postgres.dir)).toBe(false);
  }, 60_000);

  it('give two Redis servers two ports and two folders', async () => {
    const [a, b] = await Promise.all([startRedis(), startRedis()]);
    started.push(a, b);
    expect(a.port).not.toBe(b.port);
    expect(a.dir).not.toBe(b.dir);
  }, 30_000);
});
