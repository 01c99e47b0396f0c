import { describe, expect, it } from 'vitest';
import { DEFAULT_MOCK_RATE, DEV_AUTH_SECRET, loadConfig } from './config';

describe('loadConfig', () => {
  it('has a working default for every variable', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.authSecret).toBe(DEV_AUTH_SECRET);
    expect(config.authSecretIsDefault).toBe(true);
    expect(config.devLogin).toBe(true);
    expect([...config.ingestApiKeys]).toEqual(['dev-ingest-key']);
    expect(config.mockRate).toBe(DEFAULT_MOCK_RATE);
  });

  it('turns the dev login off in production with a real secret, unless asked for', () => {
    const secret = 'a-production-secret-0123456789';
    expect(loadConfig({ NODE_ENV: 'production', AUTH_SECRET: secret }).devLogin).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production' }).devLogin).toBe(true);
    expect(loadConfig({ NODE_ENV: 'production', AUTH_SECRET: secret, AUTH_DEV_LOGIN: 'on' }).devLogin).toBe(true);
  });

  it('reads MOCK_STREAM as on, off or a rate', () => {
    expect(loadConfig({ MOCK_STREAM: 'off' }).mockRate).toBeNull();
    expect(loadConfig({ MOCK_STREAM: '200' }).mockRate).toBe(200);
  });

  it('plays and shows amounts in CURRENCY, EUR unless set', () => {
    expect(loadConfig({}).currency).toBe('EUR');
    expect(loadConfig({ CURRENCY: 'GBP' }).currency).toBe('GBP');
    expect(() => loadConfig({ CURRENCY: 'euro' })).toThrow(/CURRENCY/);
  });

  it('splits INGEST_API_KEYS on commas', () => {
    expect([...loadConfig({ INGEST_API_KEYS: 'a, b,,c' }).ingestApiKeys]).toEqual(['a', 'b', 'c']);
  });

  it('names every bad variable', () => {
    expect(() => loadConfig({ PORT: 'abc', MOCK_STREAM: 'fast' })).toThrow(/PORT[\s\S]*MOCK_STREAM|MOCK_STREAM[\s\S]*PORT/);
  });
});

describe('loadConfig: alarms and currency', () => {
  it('defaults to EUR and five minutes before a critical alarm escalates', () => {
    expect(loadConfig({})).toMatchObject({ currency: 'EUR', alarmEscalateMinutes: 5 });
  });

  it('takes a fraction of a minute for escalation and a currency code in any case', () => {
    expect(loadConfig({ ALARM_ESCALATE_MINUTES: '0.05', CURRENCY: 'gbp' })).toMatchObject({ alarmEscalateMinutes: 0.05, currency: 'GBP' });
  });

  it('refuses a non-positive escalation time and a currency that is not a code', () => {
    expect(() => loadConfig({ ALARM_ESCALATE_MINUTES: '0' })).toThrow(/ALARM_ESCALATE_MINUTES/);
    expect(() => loadConfig({ CURRENCY: 'euro' })).toThrow(/CURRENCY/);
  });
});

describe('loadConfig: DATABASE_URL', () => {
  it('keeps alarms in SQLite unless a PostgreSQL URL is given', () => {
    expect(loadConfig({}).databaseUrl).toBeUndefined();
    expect(loadConfig({ DATABASE_URL: 'postgres://floor:secret@db.internal:5432/floor' }).databaseUrl).toBe('postgres://floor:secret@db.internal:5432/floor');
    expect(loadConfig({ DATABASE_URL: 'postgresql://db/floor' }).databaseUrl).toBe('postgresql://db/floor');
  });

  it('refuses a DATABASE_URL that is not a PostgreSQL URL', () => {
    expect(() => loadConfig({ DATABASE_URL: 'not a url' })).toThrow(/DATABASE_URL/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://db/floor' })).toThrow(/DATABASE_URL must be a postgres/);
  });
});

describe('loadConfig: REDIS_URL and NODE_ID', () => {
  it('shares the floor through Redis only with PostgreSQL for the alarms, and says why otherwise', () => {
    expect(() => loadConfig({ REDIS_URL: 'redis://127.0.0.1:6379' })).toThrow(/REDIS_URL is set without DATABASE_URL/);
    const config = loadConfig({ REDIS_URL: 'redis://127.0.0.1:6379', DATABASE_URL: 'postgres://db/floor', NODE_ID: 'node-a' });
    expect(config).toMatchObject({ redisUrl: 'redis://127.0.0.1:6379', databaseUrl: 'postgres://db/floor', nodeId: 'node-a' });
  });

  it('refuses a REDIS_URL that is not a Redis URL and a NODE_ID with other characters', () => {
    expect(() => loadConfig({ REDIS_URL: 'http://cache', DATABASE_URL: 'postgres://db/floor' })).toThrow(/REDIS_URL must be a redis/);
    expect(() => loadConfig({ NODE_ID: 'node a/1' })).toThrow(/NODE_ID must be/);
  });

  it('names a node by its host and process when NODE_ID is unset', () => {
    expect(loadConfig({}).nodeId).toMatch(new RegExp(`-${process.pid}$`));
  });
});
