import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPLY_TYPES, outcomeOf } from './support/contract';
import { recordFigures } from './support/figures';
import { FuzzFrames, seededRandom } from './support/fuzz-frames';
import { ReliabilityGateway, mintToken } from './support/gateway';
import { type Frame, Peer, pacer, sleep } from './support/peer';
import { FULL, SCALE, TIMEOUT_MS, deadline } from './support/scale';
import { EventWatcher, gameRound } from './support/watcher';

/*
 * docs/protocol.md §6, §13.1: whatever a signed-in client sends, every reply is a known frame with the error code
 * the contract names, only oversize (1009), non-UTF-8 (1007) and failed authentication (4401) close the
 * connection, the process stays up, and a watcher on `game` sees every event published meanwhile, in order.
 */
const SEED = Number(process.env.RELIABILITY_SEED ?? 20261129);
/** Frames per second per fuzz connection: under the 100/s limit, so replies are the frame's own. */
const PACE_PER_SECOND = 90;
const CLOSERS = FULL ? { utf8: 1000, oversize: 1000, badAuth: 300, bursts: 100 } : { utf8: 8, oversize: 8, badAuth: 4, bursts: 2 };
const BURST = 250;

interface Failure {
  count: number;
  example: string;
}

const tally = {
  sent: 0,
  checked: 0,
  rateLimitedWhilePaced: 0,
  failures: {} as Record<string, Failure>,
  violations: [] as string[],
  closes: { utf8: [] as number[], oversize: [] as number[], badAuth: [] as string[] },
  bursts: { sent: 0, pongs: 0, rateLimited: 0, unanswered: 0, idsEchoed: true, usableAfter: 0 },
};

function fail(kind: string, what: string, text: string): void {
  const key = `${kind}: ${what}`;
  const entry = (tally.failures[key] ??= { count: 0, example: text.slice(0, 300) });
  entry.count++;
}

let gateway: ReliabilityGateway;
let watcher: EventWatcher;
let healthyAfter = false;
let stopAt = Infinity;
let budgetSpent = false;
const inBudget = () => Date.now() < stopAt || !(budgetSpent = true);

async function fuzzLane(lane: number, frames: number): Promise<void> {
  const token = await mintToken('manager', { user_id: `fuzz-${lane}`, name: `Fuzz ${lane}` });
  const peer = await Peer.login(gateway.wsUrl, token, { keep: false });
  const frames$ = new FuzzFrames(seededRandom(SEED + lane), lane, token);
  const pace = pacer(PACE_PER_SECOND);
  for (let i = 0; i < frames && inBudget(); i++) {
    await pace();
    const c = frames$.next();
    const reply = peer.next((f) => REPLY_TYPES.has(f.type), 10_000).catch((err: Error) => err);
    peer.send(c.text);
    tally.sent++;
    const f = await reply;
    if (f instanceof Error) {
      fail(c.kind, f.message, c.text);
      if (!peer.isOpen) break;
      continue;
    }
    tally.checked++;
    const got = outcomeOf(f);
    if (got === 'error:rate_limited') tally.rateLimitedWhilePaced++;
    else if (!c.expect.includes(got)) fail(c.kind, `got ${got}, expected ${c.expect.join(' or ')}`, c.text);
  }
  if (!peer.isOpen) fail('any', `connection closed by the gateway (${JSON.stringify(peer.closeState)})`, '');
  tally.violations.push(...peer.violations);
  peer.terminate();
}

/** Connections that each send one frame the contract answers by closing. */
async function closerLane(kind: 'utf8' | 'oversize' | 'badAuth', count: number): Promise<void> {
  for (let i = 0; i < count && inBudget(); i++) {
    if (kind === 'badAuth') {
      const peer = await Peer.open(gateway.wsUrl, { keep: true });
      const forged = i % 2 === 0 ? 'not-a-jwt' : `${(await mintToken('admin')).slice(0, -4)}AAAA`;
      peer.send({ type: 'auth', token: forged });
      tally.sent++;
      const error = await peer.next((f) => f.type === 'error', 5000).catch(() => null);
      const { code } = await peer.closed;
      tally.closes.badAuth.push(`${error?.code ?? 'none'}/${code}`);
      tally.violations.push(...peer.violations);
      continue;
    }
    const peer = await Peer.login(gateway.wsUrl, await mintToken('operator', { user_id: `closer-${kind}` }), { keep: false });
    const pong = peer.next((f) => f.type === 'pong', 5000);
    peer.send({ type: 'ping', id: 'before' });
    await pong;
    if (kind === 'utf8') {
      // Lone continuation bytes, a truncated sequence, an overlong encoding: none is UTF-8.
      const bad = [Buffer.from([0x7b, 0x22, 0x80, 0x22, 0x7d]), Buffer.from([0xe2, 0x82]), Buffer.from([0xc0, 0xaf]), Buffer.from('{"type":"ping","id":"\xff"}', 'latin1')];
      peer.sendRawText(bad[i % bad.length]);
    } else {
      peer.send(i % 2 === 0 ? 'x'.repeat(64 * 1024 + 1 + i) : JSON.stringify({ type: 'ping', id: 'big', pad: 'y'.repeat(70_000 + i) }));
    }
    tally.sent++;
    const { code } = await Promise.race([peer.closed, sleep(5000).then(() => ({ code: -1 }))]);
    tally.closes[kind].push(code);
    peer.terminate();
  }
}

/** Bursts over the 100 frames/s limit: every frame is answered, the excess with `rate_limited`, and the connection stays usable. */
async function burstLane(lane: number): Promise<void> {
  const peer = await Peer.login(gateway.wsUrl, await mintToken('operator', { user_id: `burst-${lane}` }), { keep: true });
  const ids = Array.from({ length: BURST }, (_, i) => `b${lane}-${i}`);
  for (const id of ids) peer.send({ type: 'ping', id });
  tally.sent += BURST;
  tally.bursts.sent += BURST;
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline && peer.frames.filter((f) => REPLY_TYPES.has(f.type)).length < BURST) await sleep(50);
  const replies = peer.frames.filter((f: Frame) => REPLY_TYPES.has(f.type));
  tally.bursts.pongs += replies.filter((f) => f.type === 'pong').length;
  tally.bursts.rateLimited += replies.filter((f) => f.code === 'rate_limited').length;
  tally.bursts.unanswered += Math.max(0, BURST - replies.length);
  if (replies.some((f) => !ids.includes(f.id))) tally.bursts.idsEchoed = false;
  await sleep(1100);
  const after = await peer.request({ type: 'ping', id: 'after' }, 5000).catch(() => null);
  if (after?.type === 'pong') tally.bursts.usableAfter++;
  tally.violations.push(...peer.violations);
  peer.terminate();
}

async function sequential(count: number, work: (i: number) => Promise<void>): Promise<void> {
  for (let i = 0; i < count && inBudget(); i++) await work(i);
}

/** A lane that fails is a finding, not the end of the run: the other lanes and the checks go on. */
function guarded(name: string, work: Promise<void>): Promise<void> {
  return work.catch((err: Error) => fail(name, `lane stopped: ${err.message}`, ''));
}

beforeAll(async () => {
  gateway = await ReliabilityGateway.start({ MAX_CONNECTIONS_PER_USER: '1000' });
  watcher = await EventWatcher.start(gateway, 'game');
  const started = Date.now();
  stopAt = deadline('fuzz');
  const perLane = Math.ceil(SCALE.fuzzFrames / SCALE.fuzzConnections);
  let fuzzing = true;
  const publishing = watcher.publishWhile(() => fuzzing, (n) => gameRound(`w-${n}`, 'loc-01-dev-1'));
  await Promise.all([
    ...Array.from({ length: SCALE.fuzzConnections }, (_, lane) => guarded('fuzz lane', fuzzLane(lane, perLane))),
    guarded('non-UTF-8 lane', closerLane('utf8', CLOSERS.utf8)),
    guarded('oversize lane', closerLane('oversize', CLOSERS.oversize)),
    guarded('bad auth lane', closerLane('badAuth', CLOSERS.badAuth)),
    guarded('burst lane', sequential(CLOSERS.bursts, burstLane)),
  ]).finally(() => (fuzzing = false));
  await publishing;
  await watcher.settle();
  healthyAfter = gateway.alive && (await gateway.healthy());
  recordFigures('1-fuzz', {
    'frames sent': tally.sent,
    'replies checked': tally.checked,
    'replies not as the contract says': Object.values(tally.failures).reduce((n, f) => n + f.count, 0),
    'frames outside the contract': tally.violations.length,
    'rate_limited while paced': tally.rateLimitedWhilePaced,
    'closes 1007 / 1009 / 4401': `${tally.closes.utf8.filter((c) => c === 1007).length}/${CLOSERS.utf8}, ${tally.closes.oversize.filter((c) => c === 1009).length}/${CLOSERS.oversize}, ${tally.closes.badAuth.filter((c) => c === 'unauthorized/4401').length}/${CLOSERS.badAuth}`,
    'burst frames / pong / rate_limited': `${tally.bursts.sent} / ${tally.bursts.pongs} / ${tally.bursts.rateLimited}`,
    'watcher events seen / published': `${watcher.seen.size} / ${watcher.published.length}`,
    'watcher seq gaps / duplicates': `${watcher.gaps.length} / ${watcher.duplicates}`,
    'process up after': healthyAfter,
    'duration s': Math.round((Date.now() - started) / 1000),
    'stopped by its time budget': budgetSpent,
  });
  for (const [what, f] of Object.entries(tally.failures).sort((a, b) => b[1].count - a[1].count).slice(0, 12)) {
    recordFigures('1-fuzz', { [`failed ×${f.count}: ${what}`.slice(0, 160)]: f.example.slice(0, 100) });
  }
}, TIMEOUT_MS);

afterAll(async () => {
  watcher?.close();
  await gateway?.dispose();
});

describe(`fuzzed frames against the real gateway (${SCALE.name} scale)`, () => {
  it('answers every frame with a known frame and the error code the contract names', () => {
    expect(tally.failures).toEqual({});
    expect(tally.violations.slice(0, 10)).toEqual([]);
  });

  it(`sends ${SCALE.fuzzFrames.toLocaleString('en')} fuzzed frames within its time budget`, () => {
    expect(tally.checked, `stopped by the ${SCALE.budgetS.fuzz} s budget`).toBeGreaterThanOrEqual(SCALE.fuzzFrames * 0.99);
  });

  it('keeps a paced client under the rate limit', () => {
    expect(tally.rateLimitedWhilePaced).toBeLessThanOrEqual(tally.checked * 0.001);
  });

  it('closes only for non-UTF-8 text (1007), oversize frames (1009) and failed authentication (4401)', () => {
    expect(tally.closes.utf8.length).toBeGreaterThan(0);
    expect(tally.closes.utf8.filter((c) => c !== 1007)).toEqual([]);
    expect(tally.closes.oversize.length).toBeGreaterThan(0);
    expect(tally.closes.oversize.filter((c) => c !== 1009)).toEqual([]);
    expect(tally.closes.badAuth.length).toBeGreaterThan(0);
    expect(tally.closes.badAuth.filter((c) => c !== 'unauthorized/4401')).toEqual([]);
  });

  it('answers every frame of a burst over 100 frames/s, the excess with rate_limited echoing its id, and stays usable', () => {
    // Every burst: 100 frames within the bucket, the rest over it unless the sender was slowed down.
    const bursts = tally.bursts.sent / BURST;
    expect(bursts).toBeGreaterThan(0);
    expect(tally.bursts.unanswered).toBe(0);
    expect(tally.bursts.rateLimited).toBeGreaterThanOrEqual(bursts * (BURST - 150));
    expect(tally.bursts.pongs).toBeGreaterThanOrEqual(bursts * 100);
    expect(tally.bursts.idsEchoed).toBe(true);
    expect(tally.bursts.usableAfter).toBe(bursts);
  });

  it('stays up', () => {
    expect(gateway.unexpectedExit, gateway.output.slice(-2000)).toBeNull();
    expect(healthyAfter).toBe(true);
  });

  it('delivers every event published meanwhile to a watcher, in order, none twice', () => {
    expect(watcher.published.length).toBeGreaterThan(0);
    expect(watcher.missing().slice(0, 10)).toEqual([]);
    expect(watcher.gaps.slice(0, 10)).toEqual([]);
    expect(watcher.duplicates).toBe(0);
  });
});
