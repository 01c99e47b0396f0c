import { createClient } from 'redis';
import type { AlarmLedger } from '../gateway/alarms/alarm-ledger';
import { PgAlarmLedger } from '../gateway/alarms/pg-ledger';
import type { Broker } from '../gateway/broker/broker';
import { RedisBroker } from '../gateway/broker/redis-broker';
import type { Connection } from '../gateway/connection';
import { type SharedRedisClient, createRedisPresence } from '../gateway/presence-redis-node';
import type { PresenceStore } from '../gateway/presence-store';
import type { Config } from '../runtime/config';
import type { Logger } from '../runtime/logger';

/**
 * Where the floor's state lives: live state in this process's memory or in Redis shared with the floor's
 * other nodes; alarms in SQLite in `DATA_DIR` or in PostgreSQL.
 */
export interface Engines {
  engine: 'memory' | 'redis';
  database: 'sqlite' | 'postgres';
  /** Absent: SQLite in `DATA_DIR`, opened by the alarm service. */
  alarmLedger?: AlarmLedger;
  nodeId: string;
  /** Absent: the hub's own in-memory broker and presence. */
  broker?: Broker;
  presence?: PresenceStore<Connection>;
  /** The connected Redis client the node's shared stores use (null on one process). */
  redis: SharedRedisClient | null;
  /** Whether the shared store is reachable (always, in memory). */
  ready(): boolean;
  /** Leaves the floor: presence first (announcing who is gone), then the broker and the client. Call after the hub has closed. */
  close(): Promise<void>;
}

/** One process: everything in memory, nothing to open. */
export function memoryEngines(config: Pick<Config, 'nodeId'>): Engines {
  return { engine: 'memory', database: 'sqlite', nodeId: config.nodeId, redis: null, ready: () => true, close: async () => {} };
}

/** Retry delay of a lost Redis connection: doubling from 100 ms up to 3 s. */
const reconnectStrategy = (retries: number) => Math.min(100 * 2 ** retries, 3000);

/**
 * Opens the engines the configuration asks for: with `REDIS_URL`, the broker on Redis streams and presence
 * in Redis; otherwise memory. Warns when Redis would evict keys, since evicted history or presence is lost.
 */
export async function openEngines(config: Pick<Config, 'redisUrl' | 'databaseUrl' | 'nodeId'>, logger: Logger): Promise<Engines> {
  const alarmLedger = config.databaseUrl ? await PgAlarmLedger.connect(config.databaseUrl, { logger }) : undefined;
  const database = alarmLedger ? 'postgres' : 'sqlite';
  if (!config.redisUrl) return { ...memoryEngines(config), database, alarmLedger };
  const url = config.redisUrl;
  const client = createClient({ url, socket: { reconnectStrategy } });
  client.on('error', (err) => logger.warn({ err: String(err) }, 'redis connection error'));
  await client.connect();
  await warnOnEviction(client, logger);
  const broker = await RedisBroker.connect({ url, nodeId: config.nodeId, logger });
  const presence = await createRedisPresence<Connection>({ client, nodeId: config.nodeId, logger });
  logger.info({ node_id: config.nodeId }, 'sharing the floor through Redis');
  return {
    engine: 'redis',
    database,
    alarmLedger,
    nodeId: config.nodeId,
    broker,
    presence: presence.store,
    redis: client,
    ready: () => client.isReady && (broker.ready ?? true),
    async close() {
      await presence.close().catch((err) => logger.warn({ err: String(err) }, 'leaving presence failed'));
      await broker.close();
      await client.close().catch(() => client.destroy());
    },
  };
}

/** Redis must keep every key: an evicted stream or presence entry is state lost without a trace. */
async function warnOnEviction(client: { sendCommand(args: string[]): Promise<unknown> }, logger: Logger): Promise<void> {
  try {
    const reply = (await client.sendCommand(['CONFIG', 'GET', 'maxmemory-policy'])) as string[] | Record<string, string>;
    const policy = Array.isArray(reply) ? reply[1] : reply['maxmemory-policy'];
    if (policy && policy !== 'noeviction') {
      logger.warn({ policy }, `Redis maxmemory-policy is ${policy}: set it to noeviction, or Redis may evict history and presence under memory pressure (docs/deploy.md)`);
    }
  } catch (err) {
    logger.info({ err: String(err) }, 'could not read Redis maxmemory-policy (CONFIG may be disabled); make sure it is noeviction');
  }
}
