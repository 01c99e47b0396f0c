import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ReceivedSnapshot, alertsSnapshot, deviceOffline } from './support/alarms';
import { mb, recordFigures } from './support/figures';
import { ReliabilityGateway, mintToken } from './support/gateway';
import { Peer } from './support/peer';
import { SCALE, TIMEOUT_MS, deadline } from './support/scale';

/*
 * docs/protocol.md §4.4: a snapshot over 1 MiB comes in parts of at most 1 MiB each, with `part` and `parts`,
 * and never by itself makes the connection a slow consumer. The alarms come from `deviceOffline` batches
 * of 1,000 distinct terminals, the way anyone with an ingest key can raise them.
 */
const MIB = 1024 * 1024;
const BATCH = 1000;

let gateway: ReliabilityGateway;
let snapshot: ReceivedSnapshot | null = null;
let failure: string | null = null;
let pongAfter = false;
let raiseMs = 0;
let raised = 0;
let receiveMs = 0;

beforeAll(async () => {
  gateway = await ReliabilityGateway.start();
  const started = Date.now();
  const stopAt = deadline('snapshot');
  for (let b = 0; b < SCALE.snapshotAlarms / BATCH && Date.now() < stopAt; b++) {
    await gateway.ingest(Array.from({ length: BATCH }, (_, i) => deviceOffline(`SNAP-${b}-${i}`)));
    raised += BATCH;
  }
  raiseMs = Date.now() - started;
  const peer = await Peer.login(gateway.wsUrl, await mintToken('manager', { user_id: 'u-snapshot' }), { keep: false });
  const receiving = Date.now();
  try {
    snapshot = await alertsSnapshot(peer, 'big', 120_000);
    receiveMs = Date.now() - receiving;
    const pong = await peer.request({ type: 'ping', id: 'after' }, 10_000).catch(() => null);
    pongAfter = pong?.type === 'pong';
  } catch (err) {
    failure = (err as Error).message;
  }
  peer.terminate();
  const items = snapshot?.items.filter((a) => String(a.source_ref).startsWith('SNAP-')) ?? [];
  recordFigures('4-snapshot', {
    'alarms raised': raised,
    'raise time s': (raiseMs / 1000).toFixed(1),
    'snapshot frames': snapshot?.frames.length ?? 0,
    'snapshot bytes': mb(snapshot?.bytes.reduce((s, b) => s + b, 0)),
    'largest frame': mb(snapshot ? Math.max(...snapshot.bytes) : undefined),
    'alarms reassembled': items.length,
    'delivery s': (receiveMs / 1000).toFixed(1),
    'subscriber still served after': pongAfter,
    ...(failure ? { 'delivery failed': failure } : {}),
  });
}, TIMEOUT_MS);

afterAll(async () => {
  await gateway?.dispose();
});

describe(`a ${SCALE.snapshotAlarms.toLocaleString('en')}-alarm alerts snapshot (${SCALE.name} scale)`, () => {
  it('reaches a new subscriber whole, without cutting it as a slow consumer', () => {
    expect(failure).toBeNull();
    const refs = new Set(snapshot!.items.map((a) => a.source_ref as string).filter((r) => r.startsWith('SNAP-')));
    expect(refs.size).toBe(raised);
    expect(pongAfter).toBe(true);
  });

  it(`raises ${SCALE.snapshotAlarms.toLocaleString('en')} alarms within its time budget`, () => {
    expect(raised).toBe(SCALE.snapshotAlarms);
  });

  it('comes in parts of at most 1 MiB, numbered 1..parts', () => {
    expect(failure).toBeNull();
    const { frames, bytes } = snapshot!;
    expect(Math.max(...bytes)).toBeLessThanOrEqual(MIB);
    if (frames.length > 1) {
      expect(frames.map((f) => f.part)).toEqual(frames.map((_, i) => i + 1));
      expect(new Set(frames.map((f) => f.parts))).toEqual(new Set([frames.length]));
      expect(new Set(frames.map((f) => f.seq)).size).toBe(1);
    }
  });
});
