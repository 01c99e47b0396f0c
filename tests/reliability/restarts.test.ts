import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alertsSnapshot, deviceOffline } from './support/alarms';
import { recordFigures } from './support/figures';
import { ReliabilityGateway, mintToken } from './support/gateway';
import { Peer } from './support/peer';
import { SCALE, TIMEOUT_MS, deadline } from './support/scale';

/*
 * docs/protocol.md §10.2: every alarm change is committed before it is answered, so a SIGKILL right after an
 * acknowledgement's answer loses nothing: after each restart the alerts snapshot shows every alarm acked
 * so far as acked, by the same person.
 */
const ACKS_PER_CYCLE = 5;

let gateway: ReliabilityGateway;
const acked = new Map<string, { acked_by: string; acked_at: string }>();
const lost: string[] = [];
let restarts = 0;
let startMs = 0;

async function verifyAcked(token: string, tag: string): Promise<void> {
  const peer = await Peer.login(gateway.wsUrl, token, { keep: true });
  try {
    const { items } = await alertsSnapshot(peer, `check-${tag}`);
    const byId = new Map(items.map((a) => [a.alarm_id as string, a]));
    for (const [id, want] of acked) {
      const alarm = byId.get(id);
      if (!alarm || alarm.state !== 'acked' || alarm.acked_by !== want.acked_by || alarm.acked_at !== want.acked_at) {
        lost.push(`${tag}: ${id} is ${alarm ? `${String(alarm.state)} by ${String(alarm.acked_by)}` : 'missing'}`);
      }
    }
  } finally {
    peer.terminate();
  }
}

beforeAll(async () => {
  gateway = await ReliabilityGateway.start();
  const token = await mintToken('manager', { user_id: 'u-restarts', name: 'Maya Chen' });
  const started = Date.now();
  const stopAt = deadline('restarts');
  for (let cycle = 0; cycle < SCALE.killRestarts && Date.now() < stopAt; cycle++) {
    const peer = await Peer.login(gateway.wsUrl, token, { keep: true });
    await peer.subscribe(`alerts-${cycle}`, 'alerts', { events: ['alarm.raised'] });
    const refs = Array.from({ length: ACKS_PER_CYCLE }, (_, i) => `KR-${cycle}-${i}`);
    await gateway.ingest(refs.map(deviceOffline));
    const raised = await Promise.all(refs.map((ref) => peer.next((f) => f.type === 'event' && f.data.source_ref === ref, 10_000)));
    const answers = await Promise.all(raised.map((e, i) => peer.request({ type: 'ack', id: `ack-${cycle}-${i}`, alarm_id: e.data.alarm_id, note: `cycle ${cycle}` }, 10_000)));
    // At once, before anything else: nothing may be flushed after the answers went out.
    await gateway.kill();
    restarts++;
    for (const a of answers) {
      if (a.type === 'response' && a.alarm?.state === 'acked') acked.set(a.alarm.alarm_id, { acked_by: a.alarm.acked_by, acked_at: a.alarm.acked_at });
      else lost.push(`cycle ${cycle}: ack answered ${JSON.stringify(a).slice(0, 200)}`);
    }
    peer.terminate();
    await gateway.launch();
    await verifyAcked(token, `after restart ${cycle + 1}`);
  }
  startMs = Math.round((Date.now() - started) / Math.max(1, restarts));
  recordFigures('3-restarts', {
    'kill -9 restarts': restarts,
    'acks answered before the kill': acked.size,
    'acked alarms lost or changed': lost.length,
    'mean cycle ms': startMs,
  });
}, TIMEOUT_MS);

afterAll(async () => {
  await gateway?.dispose();
});

describe(`kill -9 right after acknowledged acks (${SCALE.name} scale)`, () => {
  it('keeps every acknowledged alarm acked, by the same person, across every restart', () => {
    expect(restarts).toBeGreaterThan(0);
    expect(acked.size).toBe(restarts * ACKS_PER_CYCLE);
    expect(lost).toEqual([]);
  });

  it(`restarts ${SCALE.killRestarts} times within its time budget`, () => {
    expect(restarts).toBe(SCALE.killRestarts);
  });
});
