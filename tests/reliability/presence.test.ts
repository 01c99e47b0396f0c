import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mb, recordFigures } from './support/figures';
import { LOCATIONS, ReliabilityGateway, mintToken } from './support/gateway';
import { type Frame, Peer, pacer, sleep } from './support/peer';
import { SCALE, TIMEOUT_MS } from './support/scale';

/*
 * docs/protocol.md §9: presence tells the truth (name and role from the token), keeps `user_info` flat and
 * under 1 KiB, admits only locations of the floor the user may see, and holds a connection to 10 scopes;
 * §3.5: no input makes memory unbounded — here, a flood of joins and leaves with the largest
 * `user_info` allowed, over many locations.
 */
const HEAP_BOUND = 64 * 1024 * 1024;
const PACE_PER_SECOND = 90;
/** A flat `user_info` just under 1 KiB as JSON, with room for the flood's `seq`. */
const MAX_INFO = { note: 'n'.repeat(960), shift: 3, lead: true };

let gateway: ReliabilityGateway;
const peers: Peer[] = [];
/** Joins per flood connection that the contract refuses (unknown location, 60 KB user_info): they must leave nothing behind. */
const BAD_JOINS = SCALE.name === 'full' ? 125 : 60;
const flood = { frames: 0, errors: new Map<string, number>(), badJoins: 0, badAccepted: 0, audienceBytes: 0 };
let heapBefore: number | undefined;
let heapAfter: number | undefined;
let rssBefore: number | undefined;
let rssAfter: number | undefined;

async function login(role: 'operator' | 'manager', user: { user_id: string; name?: string; locations?: string[] }, keep = true): Promise<Peer> {
  const peer = await Peer.login(gateway.wsUrl, await mintToken(role, user), { keep });
  peers.push(peer);
  return peer;
}

async function floodLane(lane: number, until: number): Promise<void> {
  const peer = await login('operator', { user_id: `flood-${lane}` }, false);
  const pace = pacer(PACE_PER_SECOND);
  let n = 0;
  let bad = 0;
  while (Date.now() < until && peer.isOpen) {
    for (let i = 0; i < 2 && bad < BAD_JOINS; i++, bad++) {
      await pace();
      const id = `p${lane}-${n++}`;
      const params = { location_id: `loc-void-${lane}-${bad}` };
      const answer = await peer.request({ type: 'presence_join', id, channel: 'game', params, user_info: { note: 'v'.repeat(60_000) } }, 10_000).catch(() => null);
      flood.frames++;
      flood.badJoins++;
      if (answer?.type !== 'error') flood.badAccepted++;
    }
    const scopes = Array.from({ length: 10 }, (_, i) => LOCATIONS[(lane * 7 + n + i * 3) % LOCATIONS.length]);
    for (const type of ['presence_join', 'presence_leave']) {
      for (const location_id of scopes) {
        await pace();
        const id = `p${lane}-${n++}`;
        const answer = await peer.request({ type, id, channel: 'game', params: { location_id }, user_info: { ...MAX_INFO, seq: n } }, 10_000).catch(() => null);
        flood.frames++;
        const outcome = answer?.type === 'error' ? `error:${answer.code}` : (answer?.type ?? 'no answer');
        if (outcome !== 'response') flood.errors.set(outcome, (flood.errors.get(outcome) ?? 0) + 1);
      }
    }
  }
}

beforeAll(async () => {
  gateway = await ReliabilityGateway.start();
  // An audience: subscribers of `game` hear every join and leave of the locations they see.
  const audience = await Promise.all(Array.from({ length: 5 }, (_, i) => login('manager', { user_id: `audience-${i}` }, false)));
  await Promise.all(audience.map((p, i) => p.request({ type: 'subscribe', id: `a${i}`, channel: 'game' })));
  for (const p of audience) p.onRaw = (bytes) => (flood.audienceBytes += bytes);
  await sleep(500);
  heapBefore = await gateway.metric('nodejs_heap_size_used_bytes');
  rssBefore = gateway.rssBytes();
  const until = Date.now() + SCALE.presenceSeconds * 1000;
  await Promise.all(Array.from({ length: SCALE.presenceConnections }, (_, lane) => floodLane(lane, until)));
  await sleep(1000);
  heapAfter = await gateway.metric('nodejs_heap_size_used_bytes');
  rssAfter = gateway.rssBytes();
  recordFigures('5-presence', {
    'flood connections': SCALE.presenceConnections,
    'join/leave frames': flood.frames,
    'answers other than response': [...flood.errors.entries()].map(([k, v]) => `${k}×${v}`).join(', ') || 'none',
    'refusable joins sent / accepted': `${flood.badJoins} / ${flood.badAccepted}`,
    'heap used before / after': `${mb(heapBefore)} / ${mb(heapAfter)}`,
    'RSS before / after': `${mb(rssBefore)} / ${mb(rssAfter)}`,
    'presence bytes to 5 subscribers': mb(flood.audienceBytes),
  });
}, TIMEOUT_MS);

afterAll(async () => {
  for (const p of peers) p.terminate();
  await gateway?.dispose();
});

describe(`presence under a join/leave flood (${SCALE.name} scale)`, () => {
  it(`keeps the gateway's heap within +${HEAP_BOUND / 1024 / 1024} MB`, () => {
    expect(gateway.unexpectedExit).toBeNull();
    expect(flood.frames).toBeGreaterThan(0);
    expect(heapBefore).toBeDefined();
    expect(heapAfter! - heapBefore!).toBeLessThan(HEAP_BOUND);
  });

  it('answers every join and leave of the flood with a response, and refuses every join to an unknown location', () => {
    expect(Object.fromEntries(flood.errors)).toEqual({});
    expect(flood.badAccepted).toBe(0);
  });

  it('holds a connection to 10 presence scopes (presence_limit with current and limit)', async () => {
    const peer = await login('operator', { user_id: 'u-limit' });
    for (const location_id of LOCATIONS.slice(0, 10)) {
      expect(await peer.request({ type: 'presence_join', id: `j-${location_id}`, channel: 'game', params: { location_id } })).toMatchObject({ type: 'response' });
    }
    const over = await peer.request({ type: 'presence_join', id: 'j-11', channel: 'game', params: { location_id: LOCATIONS[10] } });
    expect(over).toMatchObject({ type: 'error', id: 'j-11', code: 'presence_limit', current: 10, limit: 10 });
    expect(await peer.request({ type: 'presence_leave', id: 'l-1', channel: 'game', params: { location_id: LOCATIONS[0] } })).toMatchObject({ type: 'response' });
    expect(await peer.request({ type: 'presence_join', id: 'j-12', channel: 'game', params: { location_id: LOCATIONS[10] } })).toMatchObject({ type: 'response' });
  });

  it('refuses unknown locations, locations outside the token, and user_info that is large or nested', async () => {
    const anywhere = await login('operator', { user_id: 'u-anywhere' });
    expect(await anywhere.request({ type: 'presence_join', id: 'unknown', channel: 'game', params: { location_id: 'loc-nowhere' } })).toMatchObject({ code: 'invalid_params' });
    const peer = await login('operator', { user_id: 'u-bad-presence', locations: ['loc-01', 'loc-02'] });
    const join = (id: string, location_id: string, user_info?: object) => peer.request({ type: 'presence_join', id, channel: 'game', params: { location_id }, user_info });
    expect(await join('outside', 'loc-03')).toMatchObject({ code: 'unauthorized' });
    expect(await join('large', 'loc-01', { note: 'x'.repeat(1100) })).toMatchObject({ code: 'invalid_params' });
    expect(await join('nested', 'loc-01', { team: { name: 'pit' } })).toMatchObject({ code: 'invalid_params' });
    expect(await join('array', 'loc-01', { tags: ['a'] })).toMatchObject({ code: 'invalid_params' });
    expect(await join('fine', 'loc-01', { ...MAX_INFO })).toMatchObject({ type: 'response' });
  });

  it('shows name and role from the token, whatever user_info says', async () => {
    const observer = await login('manager', { user_id: 'u-observer', name: 'Observer' });
    await observer.request({ type: 'presence_join', id: 'o', channel: 'game', params: { location_id: 'loc-05' } });
    const spoofer = await login('operator', { user_id: 'u-olga', name: 'Olga Operator' });
    await spoofer.request({ type: 'presence_join', id: 's', channel: 'game', params: { location_id: 'loc-05' }, user_info: { name: 'Floor Director', role: 'admin', desk: '7' } });
    const joined = await observer.next((f: Frame) => f.type === 'presence' && f.event === 'user_joined' && f.data.user_id === 'u-olga');
    expect(joined.data.user_info).toMatchObject({ name: 'Olga Operator', role: 'operator', desk: '7' });
    const list = await observer.request({ type: 'presence_list', id: 'list', channel: 'game', params: { location_id: 'loc-05' } });
    expect(list.users.find((u: Frame) => u.user_id === 'u-olga')?.user_info).toMatchObject({ name: 'Olga Operator', role: 'operator' });
  });
});
