import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordFigures } from './support/figures';
import { ReliabilityGateway, mintToken } from './support/gateway';
import { Peer, inParallel, sleep } from './support/peer';
import { FULL, SCALE, TIMEOUT_MS, deadline } from './support/scale';
import { gameRound } from './support/watcher';

/*
 * Many dashboards at once: every connection authenticated, subscribed, and reached by one event; and
 * the per-user cap of docs/protocol.md §3.1: past MAX_CONNECTIONS_PER_USER the new connection gets
 * `too_many_connections` and close 4429.
 */
const PER_USER_LIMIT = FULL ? 200 : 20;

let gateway: ReliabilityGateway;
const peers: Peer[] = [];
let opened = 0;
let subscribed = 0;
let reached = 0;
let openFailures: string[] = [];
let connectionsGauge: number | undefined;
let openMs = 0;

beforeAll(async () => {
  gateway = await ReliabilityGateway.start({ MAX_CONNECTIONS_PER_USER: String(PER_USER_LIMIT) });
  const perUser = PER_USER_LIMIT / 2;
  const tokens = await Promise.all(Array.from({ length: Math.ceil(SCALE.connections / perUser) }, (_, u) => mintToken('operator', { user_id: `crowd-${u}` })));
  const started = Date.now();
  const failures: string[] = [];
  const stopAt = deadline('connections');
  await inParallel(
    Array.from({ length: SCALE.connections }, (_, i) => i),
    64,
    async (i) => {
      if (Date.now() > stopAt) return void failures.push('time budget spent');
      try {
        const peer = await Peer.login(gateway.wsUrl, tokens[Math.floor(i / perUser)], { keep: true });
        peers.push(peer);
        opened++;
        await peer.subscribe(`s-${i}`, 'game', { location_id: 'loc-07' });
        peer.clear();
        subscribed++;
      } catch (err) {
        failures.push((err as Error).message);
      }
    },
  );
  openFailures = failures;
  openMs = Date.now() - started;
  connectionsGauge = await gateway.metric('ws_connections');
  await gateway.ingest([gameRound('crowd-event', 'loc-07-dev-2')]);
  const waitUntil = Date.now() + 30_000;
  while (Date.now() < waitUntil) {
    reached = peers.filter((p) => p.frames.some((f) => f.type === 'event' && f.id === 'crowd-event')).length;
    if (reached >= subscribed) break;
    await sleep(100);
  }
  recordFigures('6-connections', {
    'connections opened / asked': `${opened} / ${SCALE.connections}`,
    'authenticated and subscribed': subscribed,
    'reached by the event': reached,
    'gateway connections gauge': connectionsGauge ?? 'n/a',
    'open + subscribe s': (openMs / 1000).toFixed(1),
    'MAX_CONNECTIONS_PER_USER': PER_USER_LIMIT,
    ...(failures.length ? { 'first open failure': failures[0].slice(0, 120) } : {}),
  });
}, TIMEOUT_MS);

afterAll(async () => {
  for (const p of peers) p.terminate();
  await gateway?.dispose();
});

describe(`${SCALE.connections.toLocaleString('en')} connections at once (${SCALE.name} scale)`, () => {
  it('authenticates and subscribes every one of them, and reaches each with an event', () => {
    expect(openFailures.slice(0, 5)).toEqual([]);
    expect(subscribed).toBe(SCALE.connections);
    expect(reached).toBe(SCALE.connections);
  });

  it(`closes a user's connection past MAX_CONNECTIONS_PER_USER (${PER_USER_LIMIT}) with too_many_connections and 4429`, { timeout: 60_000 }, async () => {
    const token = await mintToken('operator', { user_id: 'u-capped' });
    const own = await inParallel(Array.from({ length: PER_USER_LIMIT }, (_, i) => i), 32, () => Peer.login(gateway.wsUrl, token, { keep: false }));
    peers.push(...own);
    const extra = await Peer.open(gateway.wsUrl, { token });
    peers.push(extra);
    const error = await extra.next((f) => f.type === 'error' || f.type === 'welcome', 5000).catch(() => null);
    const closed = await Promise.race([extra.closed, sleep(5000).then(() => null)]);
    expect(error).toMatchObject({ type: 'error', code: 'too_many_connections' });
    expect(closed?.code).toBe(4429);
    // The cap counts open connections: one closed, one more may open.
    own[0].terminate();
    await sleep(300);
    const again = await Peer.login(gateway.wsUrl, token, { keep: false }).catch((err: Error) => err);
    expect(again).toBeInstanceOf(Peer);
    if (again instanceof Peer) peers.push(again);
  });
});
