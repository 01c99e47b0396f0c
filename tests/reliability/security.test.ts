import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordFigures } from './support/figures';
import { ReliabilityGateway, mintToken } from './support/gateway';
import { type Frame, Peer, sleep } from './support/peer';
import { SCALE } from './support/scale';
import { gameRound } from './support/watcher';

/*
 * docs/protocol.md §3: an upgrade from a foreign Origin gets HTTP 403, one without Origin (a service) is
 * not affected. §3.4: a token refresh replaces permissions and locations at once — subscriptions the
 * new token does not allow end with `unauthorized` and their `subscription_id`, the rest are narrowed.
 */
let gateway: ReliabilityGateway;
const peers: Peer[] = [];
const results: Record<string, string> = {};

async function open(headers: Record<string, string>): Promise<number> {
  const token = await mintToken('operator', { user_id: 'u-origin' });
  try {
    const peer = await Peer.open(gateway.wsUrl, { token, headers });
    peers.push(peer);
    return 101;
  } catch (err) {
    return (err as { status?: number }).status ?? -1;
  }
}

async function login(role: 'manager' | 'sportsbook', user: { user_id: string; locations?: string[] }): Promise<Peer> {
  const peer = await Peer.login(gateway.wsUrl, await mintToken(role, user));
  peers.push(peer);
  return peer;
}

/** The bet events this peer got after `from` frames, by their location. */
const betLocations = (peer: Peer, from: number) => peer.frames.slice(from).filter((f: Frame) => f.type === 'event' && f.event === 'bet.placed').map((f) => f.data.location_id as string);

let n = 0;
/** Publishes a bet at each location, then a last one at `loc-01`, and waits for that one to reach the peer. */
async function betsAt(peer: Peer, locations: string[]): Promise<void> {
  const items = [...locations, 'loc-01'].map((loc) => gameRound(`sec-${++n}`, `${loc}-dev-1`));
  await gateway.ingest(items);
  const last = items[items.length - 1].data.unique_id;
  await peer.next((f) => f.type === 'event' && f.id === last, 5000);
}

beforeAll(async () => {
  gateway = await ReliabilityGateway.start();
});

afterAll(async () => {
  recordFigures('8-security', results);
  for (const p of peers) p.terminate();
  await gateway?.dispose();
});

describe(`Origin check and token refresh (${SCALE.name} scale)`, () => {
  it('refuses an upgrade from a foreign Origin with 403 and accepts one without Origin or from its own', async () => {
    const foreign = await open({ origin: 'https://evil.example' });
    const none = await open({});
    const own = await open({ origin: gateway.baseUrl });
    results['upgrade status: foreign / none / own Origin'] = `${foreign} / ${none} / ${own}`;
    expect(foreign).toBe(403);
    expect(none).toBe(101);
    expect(own).toBe(101);
  });

  it('narrows a refreshed manager to its new locations and ends the subscriptions it no longer allows', async () => {
    const peer = await login('manager', { user_id: 'u-refresh' });
    const all = await peer.subscribe('all', 'game');
    const other = await peer.subscribe('other', 'game', { location_id: 'loc-02' });
    await betsAt(peer, ['loc-02', 'loc-03']);
    const from = peer.frames.length;
    const refreshed = await peer.request({ type: 'auth', id: 'refresh', token: await mintToken('manager', { user_id: 'u-refresh', locations: ['loc-01'] }) });
    expect(refreshed).toMatchObject({ type: 'response', id: 'refresh' });
    const ended = await peer.next((f) => f.type === 'error' && f.subscription_id === other.subscription_id, 3000).catch(() => null);
    await betsAt(peer, ['loc-02', 'loc-03']);
    const seen = betLocations(peer, from);
    results['manager → manager@loc-01: locations seen after'] = [...new Set(seen)].join(',');
    results['manager → manager@loc-01: loc-02 subscription ended'] = ended ? `${ended.code}` : 'no';
    expect(seen.filter((l) => l !== 'loc-01')).toEqual([]);
    expect(ended).toMatchObject({ type: 'error', code: 'unauthorized', subscription_id: other.subscription_id, channel: 'game' });
    const list = await peer.request({ type: 'list_subscriptions', id: 'list' });
    expect(list.subscriptions.map((s: Frame) => s.id)).toEqual([all.subscription_id]);
  });

  it('ends every game subscription of a manager refreshed into a sportsbook token, and keeps its markets one', async () => {
    const peer = await login('manager', { user_id: 'u-to-sportsbook' });
    const game = await peer.subscribe('game', 'game');
    const markets = await peer.subscribe('markets', 'markets');
    const refreshed = await peer.request({ type: 'auth', id: 'refresh', token: await mintToken('sportsbook', { user_id: 'u-to-sportsbook', locations: ['loc-01'] }) });
    expect(refreshed).toMatchObject({ type: 'response', id: 'refresh' });
    const ended = await peer.next((f) => f.type === 'error' && f.subscription_id === game.subscription_id, 3000).catch(() => null);
    const from = peer.frames.length;
    await gateway.ingest([gameRound(`sec-${++n}`, 'loc-01-dev-1'), gameRound(`sec-${++n}`, 'loc-04-dev-1')]);
    await sleep(500);
    const seen = betLocations(peer, from);
    results['manager → sportsbook@loc-01: game events after'] = String(seen.length);
    expect(ended).toMatchObject({ type: 'error', code: 'unauthorized', subscription_id: game.subscription_id, channel: 'game' });
    expect(seen).toEqual([]);
    const list = await peer.request({ type: 'list_subscriptions', id: 'list' });
    expect(list.subscriptions.map((s: Frame) => s.id)).toEqual([markets.subscription_id]);
  });
});
