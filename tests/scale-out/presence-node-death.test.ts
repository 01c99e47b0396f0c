import { type ChildProcess, spawn } from 'node:child_process';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RedisPresenceNode, createRedisPresence } from '../../lib/gateway/presence-redis-node';
import type { PresenceAnnouncement } from '../../lib/gateway/presence-store';
import { type TestService, startRedis } from '../support/services';

/*
 * docs/protocol.md §10: a node that dies takes its users out of presence within 15 s. A node in a process
 * of its own, with the production heartbeat, is killed with SIGKILL; the surviving node hears each of its
 * users leave once, and keeps a user who is still present through a tab of its own.
 */

const hall = { channel: 'alerts', location_id: 'loc-a' } as const;
let redis: TestService;
let survivor: RedisPresenceNode<string>;
let child: ChildProcess | undefined;

beforeAll(async () => {
  redis = await startRedis();
  survivor = await createRedisPresence<string>({ url: redis.url, nodeId: 'survivor', logger: pino({ level: 'silent' }) });
}, 30_000);

afterAll(async () => {
  child?.kill('SIGKILL');
  await survivor?.close();
  await redis?.stop();
});

/** Starts the doomed node and resolves once its users are joined. */
function startDoomedNode(users: string[]): Promise<ChildProcess> {
  const proc = spawn(process.execPath, ['--import', 'tsx', 'tests/scale-out/support/presence-node.ts'], {
    env: { ...process.env, REDIS_URL: redis.url, NODE_ID: 'doomed', PRESENCE_USERS: users.join(',') },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    proc.stdout!.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('ready')) resolve(proc);
    });
    proc.once('exit', (code) => reject(new Error(`the doomed node exited with ${code} before it was ready`)));
  });
}

describe('a node killed with SIGKILL', () => {
  it('takes its users out of presence within 15 s, announcing each departure once', async () => {
    const heard: PresenceAnnouncement[] = [];
    survivor.store.onAnnouncement((a) => heard.push(a));
    await survivor.store.join(hall, 'here-ada', { user_id: 'u-ada', user_info: { name: 'Ada' }, joined_at: 't0' });
    child = await startDoomedNode(['u-ada', 'u-bob', 'u-cy']);
    expect((await survivor.store.list(hall)).map((u) => u.user_id).sort()).toEqual(['u-ada', 'u-bob', 'u-cy']);

    child.kill('SIGKILL');
    const killedAt = Date.now();
    for (;;) {
      const present = (await survivor.store.list(hall)).map((u) => u.user_id).sort();
      if (present.length === 1) break;
      expect(Date.now() - killedAt).toBeLessThan(15_000);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(Date.now() - killedAt).toBeLessThan(15_000);
    expect((await survivor.store.list(hall)).map((u) => u.user_id)).toEqual(['u-ada']);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const departures = heard.filter((a) => a.event === 'user_left').map((a) => a.user.user_id).sort();
    expect(departures).toEqual(['u-bob', 'u-cy']);
  }, 30_000);
});
