import pino from 'pino';
import { createRedisPresence } from '../../../lib/gateway/presence-redis-node';

/*
 * A gateway node's presence in a process of its own, for tests that kill it: joins `PRESENCE_USERS`
 * (comma-separated user ids) to the `alerts` scope of loc-a on `REDIS_URL` as `NODE_ID`, prints `ready`, and waits.
 */
const node = await createRedisPresence<string>({ url: process.env.REDIS_URL!, nodeId: process.env.NODE_ID!, logger: pino({ level: 'silent' }) });
for (const userId of (process.env.PRESENCE_USERS ?? '').split(',')) {
  await node.store.join({ channel: 'alerts', location_id: 'loc-a' }, `conn-${userId}`, { user_id: userId, user_info: { name: userId }, joined_at: new Date().toISOString() });
}
process.stdout.write('ready\n');
setInterval(() => undefined, 60_000);
