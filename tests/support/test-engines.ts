import { createClient } from 'redis';
import type { Broker } from '../../lib/gateway/broker/broker';
import { MemoryBroker } from '../../lib/gateway/broker/memory-broker';
import { RedisBroker } from '../../lib/gateway/broker/redis-broker';
import type { Connection } from '../../lib/gateway/connection';
import { DEFAULT_HISTORY, type HistoryOptions } from '../../lib/gateway/history';
import { createRedisPresence } from '../../lib/gateway/presence-redis-node';
import type { PresenceStore } from '../../lib/gateway/presence-store';
import type { Logger } from '../../lib/runtime/logger';
import { type TestService, startRedis } from './services';

/*
 * The engines a test gateway runs on: in memory by default, or on Redis with `GATEWAY_ENGINE=redis`, as a
 * node of a floor runs with `REDIS_URL` (lib/server/engines.ts). In Redis mode a test file has one Redis of
 * its own, started on first use and stopped after the file (tests/support/redis-engine.setup.ts); each
 * gateway keeps its keys under a prefix of its own there, so no test sees another's events or presence.
 */

/** Which engines the test gateways run on. */
export type GatewayEngine = 'memory' | 'redis';

export const GATEWAY_ENGINE: GatewayEngine = process.env.GATEWAY_ENGINE === 'redis' ? 'redis' : 'memory';

let testRedis: Promise<TestService> | null = null;

/** The test file's Redis, started on first use. */
function sharedRedis(): Promise<TestService> {
  return (testRedis ??= startRedis());
}

/** Stops the test file's Redis, if one was started. */
export async function stopTestRedis(): Promise<void> {
  const started = testRedis;
  testRedis = null;
  if (started) await (await started).stop();
}

/** One life of a node's engines: what its hub takes, and how to release them once the hub has closed. */
export interface NodeEngines {
  broker: Broker;
  /** Absent: the hub's own in-memory presence. */
  presence?: PresenceStore<Connection>;
  /** Leaves presence, then closes the broker. */
  close(): Promise<void>;
}

/** Where one test gateway keeps its state, across restarts of its node. */
export interface NodeState {
  engine: GatewayEngine;
  /** Opens the engines of a new life of the node, on whatever state survived the last one. */
  open(): Promise<NodeEngines>;
  /** Forgets the floor's shared state (flushing its keys from Redis); nothing to forget in memory. Call between lives. */
  forget(): Promise<void>;
}

let gateways = 0;

/**
 * The state of one test gateway on the configured engine. `presence` given by the test replaces the
 * engine's presence (the test owns it); `history` bounds the broker's history as `HubOptions.history` does.
 */
export function nodeState(opts: { history?: HistoryOptions; presence?: PresenceStore<Connection>; logger: Logger }): NodeState {
  const history = opts.history ?? DEFAULT_HISTORY;
  if (GATEWAY_ENGINE === 'memory') {
    return {
      engine: 'memory',
      // The memory broker's history ends with it: every life starts a new epoch.
      open: async () => ({ broker: new MemoryBroker(history), presence: opts.presence, close: async () => {} }),
      forget: async () => {},
    };
  }
  const name = `conformance-${++gateways}`;
  const prefix = `fm:${name}`;
  const presenceKeys = `fm:presence:${name}:`;
  return {
    engine: 'redis',
    async open() {
      const { url } = await sharedRedis();
      // Opened side by side: each costs a few round trips, and every test's gateway opens both.
      const [opened, joined] = await Promise.allSettled([
        RedisBroker.connect({ url, nodeId: name, prefix, history, logger: opts.logger }),
        opts.presence ? null : createRedisPresence<Connection>({ url, nodeId: name, namespace: name, logger: opts.logger }),
      ]);
      if (opened.status === 'rejected' || joined.status === 'rejected') {
        if (joined.status === 'fulfilled') await joined.value?.close();
        if (opened.status === 'fulfilled') await opened.value.close();
        throw opened.status === 'rejected' ? opened.reason : (joined as PromiseRejectedResult).reason;
      }
      const broker = opened.value;
      const presence = joined.value;
      return {
        broker,
        presence: opts.presence ?? presence!.store,
        async close() {
          await presence?.close();
          await broker.close();
        },
      };
    },
    async forget() {
      const client = createClient({ url: (await sharedRedis()).url });
      await client.connect();
      try {
        for (const pattern of [`${prefix}:*`, `${presenceKeys}*`]) {
          const keys = (await client.sendCommand(['KEYS', pattern])) as string[];
          if (keys.length) await client.sendCommand(['DEL', ...keys]);
        }
      } finally {
        await client.close();
      }
    },
  };
}
