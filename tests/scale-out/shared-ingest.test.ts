import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestService, startPostgres, startRedis } from '../support/services';
import { type GatewayNode, startNode } from './support/gateway-node';

/*
 * docs/protocol.md §10: two gateway nodes on one Redis share ingest dedup and bet/win pairing. A batch
 * retried at the other node is published once; a win ingested at one node carries the bet taken at the other.
 */

let redis: TestService;
let postgres: TestService;
let nodes: GatewayNode[] = [];

const round = (id: string, roundId: string, amount: number, win: boolean) => ({
  event: 'gameround',
  data: { unique_id: id, timestamp: new Date().toISOString(), player_id: 'p-shared', game_id: 'GD8', round_id: roundId, amount, currency: 'EUR', is_win: win, is_bonus: false },
});

beforeAll(async () => {
  [redis, postgres] = await Promise.all([startRedis(), startPostgres()]);
  const env = { REDIS_URL: redis.url, DATABASE_URL: postgres.url };
  nodes = await Promise.all(['node-a', 'node-b'].map((id) => startNode(id, env)));
}, 120_000);

afterAll(async () => {
  await Promise.all(nodes.map((n) => n.stop()));
  await Promise.all([redis?.stop(), postgres?.stop()]);
}, 60_000);

describe('ingest on two gateway nodes sharing Redis', () => {
  it('publishes a batch sent to both nodes at once a single time, and pairs a win at B with its bet taken at A', async () => {
    const [a, b] = nodes;
    const watcher = await b.login('operator');
    const sub = await watcher.subscribe('game');
    const batch = [round('sh-bet-1', 'sh-r-1', 2.5, false), round('sh-bet-2', 'sh-r-2', 4, false), round('sh-bet-1', 'sh-r-1', 2.5, false)];
    expect(await Promise.all([a.ingest(batch), b.ingest(batch)])).toEqual([204, 204]);
    expect(await b.ingest([round('sh-win-1', 'sh-r-1', 10, true)])).toBe(204);
    expect(await a.ingest([round('sh-win-2', 'sh-r-2', 1, true)])).toBe(204);

    await expect.poll(() => watcher.events(sub.subscription_id).length, { timeout: 5000 }).toBe(4);
    expect(await watcher.quiet(300, (f) => f.type === 'event')).toEqual([]);
    const events = watcher.events(sub.subscription_id);
    expect(events.map((f) => f.id).sort()).toEqual(['sh-bet-1', 'sh-bet-2', 'sh-win-1', 'sh-win-2']);
    const won = events.filter((f) => f.event === 'round.won').map((f) => [f.id, f.data.bet_amount]);
    expect(won).toEqual([
      ['sh-win-1', 2.5],
      ['sh-win-2', 4],
    ]);
    await watcher.close();
  });
});
