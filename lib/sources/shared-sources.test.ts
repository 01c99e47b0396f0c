import { createClient } from 'redis';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type TestService, startRedis } from '../../tests/support/services';
import { createSources, redisSourceStores } from './index';
import type { RedisScripts } from './redis-store';
import { fakeDeps } from './test-support/fakes';

/* Two gateway nodes' sources on one Redis of the tests' own (docs/protocol.md §10): what one took, the other knows. */

const open = (url: string) => createClient({ url });
type Client = ReturnType<typeof open>;

let redis: TestService;
const clients: Client[] = [];

beforeAll(async () => {
  redis = await startRedis();
  for (let i = 0; i < 2; i++) {
    const client = open(redis.url);
    await client.connect();
    clients.push(client);
  }
}, 30_000);

afterAll(async () => {
  for (const client of clients) await client.quit();
  await redis?.stop();
});

beforeEach(async () => {
  await clients[0].flushDb();
});

/** A node's sources on its own connection, counting the scripts it sends Redis. */
function node(client: Client) {
  const f = fakeDeps();
  let scripts = 0;
  const counted: RedisScripts = {
    eval(script, options) {
      scripts++;
      return client.eval(script, options);
    },
  };
  const sources = createSources({ ...f.deps, config: f.config, defaultFloor: null, stores: redisSourceStores(counted) });
  return { ...f, sources, scripts: () => scripts };
}

const round = (n: number, win: boolean, amount: number) => ({
  event: 'gameround',
  data: { unique_id: `${win ? 'win' : 'bet'}-${n}`, timestamp: '2025-01-15T12:00:00Z', player_id: 'StQ-1', game_id: 'GD8', round_id: `round-${n}`, amount, currency: 'EUR', is_win: win },
});
const deposit = (n: number) => ({ event: 'deposit', data: { unique_id: `dep-${n}`, timestamp: '2025-01-15T12:01:00Z', player_id: 'StQ-1', amount: 100, currency: 'EUR', method: 'Card' } });

describe('ingest on two nodes sharing Redis', () => {
  it('publishes an item sent to both nodes at once on one of them only', async () => {
    const [a, b] = [node(clients[0]), node(clients[1])];
    const items = Array.from({ length: 300 }, (_, i) => (i % 3 === 0 ? deposit(i) : round(i, i % 3 === 2, 1)));
    const [atA, atB] = await Promise.all([a.sources.ingest({ items }), b.sources.ingest({ items: [...items].reverse() })]);
    expect(atA).toMatchObject({ ok: true, accepted: 300 });
    expect(atB).toMatchObject({ ok: true, accepted: 300 });
    const ids = [...a.events, ...b.events].map((e) => e.id);
    expect(ids).toHaveLength(300);
    expect(new Set(ids).size).toBe(300);
  });

  it('pairs a win taken at one node with the bet taken at the other', async () => {
    const [a, b] = [node(clients[0]), node(clients[1])];
    await a.sources.ingest({ items: [round(1, false, 0.5), round(2, false, 0)] });
    await b.sources.ingest({ items: [round(1, true, 1.2), round(2, true, 3), round(3, true, 4)] });
    expect(b.named('round.won').map((e) => [e.id, (e.data as { bet_amount: number | null }).bet_amount])).toEqual([
      ['win-1', 0.5],
      ['win-2', 0],
      ['win-3', null],
    ]);
  });

  it('publishes a duplicate within a batch once and pairs a bet and its win within it; the other node publishes neither again', async () => {
    const [a, b] = [node(clients[0]), node(clients[1])];
    expect(await a.sources.ingest({ items: [round(1, false, 2), round(1, false, 2), round(1, true, 5)] })).toEqual({ ok: true, accepted: 3, published: 2 });
    expect(a.events.map((e) => e.event)).toEqual(['bet.placed', 'round.won']);
    expect(a.named('round.won')[0].data).toMatchObject({ bet_amount: 2 });
    expect(await b.sources.ingest({ items: [round(1, true, 5), deposit(1), round(1, false, 2)] })).toEqual({ ok: true, accepted: 3, published: 1 });
    expect(b.events.map((e) => e.id)).toEqual(['dep-1']);
  });

  it('decides a batch in one script for dedup and, when it has rounds, one to look up the bets of its wins and one to record its bets', async () => {
    const a = node(clients[0]);
    await a.sources.ingest({ items: Array.from({ length: 500 }, (_, i) => round(i, false, i)) });
    expect(a.scripts()).toBe(2);
    const mixed = Array.from({ length: 1000 }, (_, i) => (i % 2 === 0 ? round(i / 2, true, 1) : i % 4 === 1 ? round(1000 + i, false, 1) : deposit(i)));
    expect(await a.sources.ingest({ items: mixed })).toEqual({ ok: true, accepted: 1000, published: 1000 });
    expect(a.scripts()).toBe(5);
    expect(a.named('round.won').map((e) => (e.data as { bet_amount: number }).bet_amount)).toEqual(Array.from({ length: 500 }, (_, i) => i));
    await a.sources.ingest({ items: [deposit(1), deposit(2)] });
    expect(a.scripts()).toBe(6);
  });
});
