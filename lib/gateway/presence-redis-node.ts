import { createClient } from 'redis';
import type { Connection } from './connection';
import { RedisPresence, type RedisPresenceClient, type RedisPresenceOptions } from './presence-redis';

/** A connection of node-redis's that can listen to a pub/sub channel. */
interface RedisListener {
  on(event: 'error', listener: (err: Error) => void): unknown;
  connect(): Promise<unknown>;
  subscribe(channel: string, listener: (message: string) => void): Promise<void>;
  close(): Promise<void>;
  destroy(): void;
}

/** How long closing a Redis connection may wait for its replies before it is cut. */
const CLOSE_GRACE_MS = 2_000;

/** A node-redis client the node already has (`createClient()`, connected); presence opens one more connection from it for pub/sub. */
export type SharedRedisClient = RedisPresenceClient & { duplicate(): RedisListener };

/** Presence shared through Redis: the store the hub takes, and how to leave the cluster. */
export interface RedisPresenceNode<Conn> {
  store: RedisPresence<Conn>;
  /**
   * Stops the heartbeat, waits for calls under way, takes this node's remaining connections out of
   * presence (announcing who is gone) and closes the connections it opened. Call it after the hub has closed.
   */
  close(): Promise<void>;
}

/**
 * Joins this node to presence shared through Redis (`url`: a client of its own; `client`: a connected one
 * of the node's, left open on close): listens to the presence channel, registers the node and starts its
 * heartbeat. Give `store` to `createHub({ presence })`.
 */
export async function createRedisPresence<Conn = Connection>(
  options: RedisPresenceOptions & ({ url: string } | { client: SharedRedisClient }),
): Promise<RedisPresenceNode<Conn>> {
  const { logger } = options;
  const opened: { close(): Promise<unknown>; destroy(): void }[] = [];
  try {
    let client: SharedRedisClient;
    if ('url' in options) {
      const own = createClient({ url: options.url });
      own.on('error', (err: Error) => logger.warn({ err }, 'presence Redis connection failed; reconnecting'));
      await own.connect();
      opened.push(own);
      client = own;
    } else client = options.client;
    const listener = client.duplicate();
    listener.on('error', (err) => logger.warn({ err }, 'presence Redis channel failed; reconnecting'));
    await listener.connect();
    opened.unshift(listener);
    const store = new RedisPresence<Conn>(client, options);
    await listener.subscribe(store.channel, (message) => store.receive(message));
    await store.start();
    return {
      store,
      async close() {
        await store.retire().catch((err: unknown) => logger.warn({ err, node: options.nodeId }, 'leaving presence failed; the other nodes sweep this one'));
        for (const connection of opened) await shut(connection);
      },
    };
  } catch (err) {
    for (const connection of opened) await shut(connection);
    throw err;
  }
}

/** Closes a connection gracefully, or cuts it when Redis does not answer its last replies in time (node-redis would wait forever). */
async function shut(connection: { close(): Promise<unknown>; destroy(): void }): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), CLOSE_GRACE_MS)));
  const closed = connection.close().then(
    () => false,
    () => false,
  );
  const cut = await Promise.race([closed, late]);
  clearTimeout(timer);
  if (cut) connection.destroy();
}
