import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';

/** The development secret used when `AUTH_SECRET` is unset; the gateway logs a warning when it is in use. */
export const DEV_AUTH_SECRET = 'floor-monitor-development-secret-change-me';

const onOff = z.enum(['on', 'off']);

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().optional(),
  NODE_ENV: z.string().default('development'),
  AUTH_SECRET: z.string().min(16, 'AUTH_SECRET must be at least 16 characters').optional(),
  AUTH_DEV_LOGIN: onOff.optional(),
  INGEST_API_KEYS: z.string().default('dev-ingest-key'),
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z
    .url('DATABASE_URL must be a URL such as postgres://user:password@host:5432/floor')
    .refine((url) => /^postgres(ql)?:\/\//i.test(url), 'DATABASE_URL must be a postgres:// or postgresql:// URL')
    .optional(),
  FLOOR_FILE: z.string().optional(),
  MOCK_STREAM: z.union([onOff, z.string().regex(/^\d+$/, 'MOCK_STREAM must be on, off or events per second')]).default('on'),
  MOCK_SEED: z.coerce.number().int().optional(),
  EXCHANGE_WS_URL: z.url().optional(),
  JACKPOT_WS_URL: z.url().optional(),
  JACKPOT_TOKEN: z.string().optional(),
  CASINO_WS_URL: z.url().optional(),
  CASINO_TOKEN: z.string().optional(),
  LOG_LEVEL: z.string().default('info'),
  CURRENCY: z
    .string()
    .regex(/^[A-Za-z]{3}$/, 'CURRENCY must be an ISO 4217 code such as EUR')
    .transform((c) => c.toUpperCase())
    .default('EUR'),
  ALARM_ESCALATE_MINUTES: z.coerce.number().positive('ALARM_ESCALATE_MINUTES must be a positive number of minutes').default(5),
  ALLOWED_ORIGINS: z.string().optional(),
  MAX_CONNECTIONS_PER_USER: z.coerce.number().int().min(1, 'MAX_CONNECTIONS_PER_USER must be at least 1').default(100),
  REDIS_URL: z.url({ protocol: /^rediss?$/, error: 'REDIS_URL must be a redis:// or rediss:// URL' }).optional(),
  NODE_ID: z
    .string()
    .regex(/^[A-Za-z0-9._-]{1,64}$/, 'NODE_ID must be 1-64 letters, digits, dots, dashes or underscores')
    .optional(),
});

/** Everything the process reads from its environment, with the defaults of docs/protocol.md §15 applied. */
export interface Config {
  port: number;
  host: string | undefined;
  production: boolean;
  authSecret: string;
  authSecretIsDefault: boolean;
  devLogin: boolean;
  ingestApiKeys: ReadonlySet<string>;
  dataDir: string;
  /** `DATABASE_URL`: the alarm ledger lives in this PostgreSQL, shared by every node; unset, in SQLite in `dataDir`. Required with `redisUrl`. */
  databaseUrl?: string;
  floorFile: string | undefined;
  /** Mock stream rate in events per second, or null when `MOCK_STREAM=off`. */
  mockRate: number | null;
  mockSeed: number | undefined;
  exchangeUrl: string | undefined;
  jackpotUrl: string | undefined;
  jackpotToken: string | undefined;
  casinoUrl: string | undefined;
  casinoToken: string | undefined;
  logLevel: string;
  /** The floor's currency (ISO 4217): amounts are shown in it, alarm messages and the mock use it. */
  currency: string;
  /** A critical alarm still unacknowledged this many minutes after it was raised escalates (fractions allowed). */
  alarmEscalateMinutes: number;
  /** Browser origins that may open `/v1/ws`; null: only the page's own origin. */
  allowedOrigins: string[] | null;
  maxConnectionsPerUser: number;
  /** Set: this node shares the floor's live state with other nodes through Redis (docs/protocol.md §10). */
  redisUrl: string | undefined;
  /** This node's name among the floor's nodes (health, metrics, presence, leases); unique per running node. */
  nodeId: string;
}

/** Default mock stream rate (events per second) for `MOCK_STREAM=on`. */
export const DEFAULT_MOCK_RATE = 40;

/** Reads the configuration; throws with every bad variable named so the process exits with a clear message. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  const e = parsed.data;
  if (e.REDIS_URL && !e.DATABASE_URL) {
    throw new Error(
      'Invalid configuration:\n  REDIS_URL is set without DATABASE_URL: nodes sharing a floor keep alarms in PostgreSQL, so set DATABASE_URL (or unset REDIS_URL for one process on SQLite)',
    );
  }
  const production = e.NODE_ENV === 'production';
  const mockRate = e.MOCK_STREAM === 'off' ? null : e.MOCK_STREAM === 'on' ? DEFAULT_MOCK_RATE : Number(e.MOCK_STREAM);
  return {
    port: e.PORT,
    host: e.HOST,
    production,
    authSecret: e.AUTH_SECRET ?? DEV_AUTH_SECRET,
    authSecretIsDefault: e.AUTH_SECRET === undefined,
    devLogin: e.AUTH_DEV_LOGIN ? e.AUTH_DEV_LOGIN === 'on' : !(production && e.AUTH_SECRET !== undefined),
    ingestApiKeys: new Set(e.INGEST_API_KEYS.split(',').map((k) => k.trim()).filter(Boolean)),
    dataDir: path.resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    floorFile: e.FLOOR_FILE,
    mockRate,
    mockSeed: e.MOCK_SEED,
    exchangeUrl: e.EXCHANGE_WS_URL,
    jackpotUrl: e.JACKPOT_WS_URL,
    jackpotToken: e.JACKPOT_TOKEN,
    casinoUrl: e.CASINO_WS_URL,
    casinoToken: e.CASINO_TOKEN,
    logLevel: e.LOG_LEVEL,
    currency: e.CURRENCY,
    alarmEscalateMinutes: e.ALARM_ESCALATE_MINUTES,
    allowedOrigins: e.ALLOWED_ORIGINS ? e.ALLOWED_ORIGINS.split(',').map((o) => o.trim().replace(/\/$/, '')).filter(Boolean) : null,
    maxConnectionsPerUser: e.MAX_CONNECTIONS_PER_USER,
    redisUrl: e.REDIS_URL,
    nodeId: e.NODE_ID ?? `${os.hostname()}-${process.pid}`,
  };
}
