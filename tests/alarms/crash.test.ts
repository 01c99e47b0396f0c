import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TokenAuthority } from '../../lib/gateway/auth';
import { DEV_AUTH_SECRET } from '../../lib/runtime/config';
import { DashboardClient, GatewayProcess, freePort } from './gateway-process';

/**
 * "Never lose an acknowledged alarm": an alarm raised through the real ingest path and acknowledged over
 * the real WebSocket survives a SIGKILL right after the acknowledgement's answer, in the same state, by
 * the same person, with its audit line on disk.
 */
const FLOOD_TERMINALS = Array.from({ length: 11 }, (_, i) => `T-${200 + i}`);
const floor = {
  locations: [
    { id: 'loc-main', name: 'Main floor', devices: [{ id: 'T-19', type: 'terminal', game_id: null }] },
    { id: 'loc-annex', name: 'Annex', devices: FLOOD_TERMINALS.map((id) => ({ id, type: 'terminal', game_id: null })) },
  ],
};
const offline = (terminalId: string) => {
  const at = new Date().toISOString();
  return { event: 'deviceOffline', timestamp: at, data: { terminalId, lostAt: at } };
};

let dir: string;
let gateway: GatewayProcess;
let token: string;
const clients: DashboardClient[] = [];
async function connect(): Promise<DashboardClient> {
  const client = await DashboardClient.connect(gateway.baseUrl, token);
  clients.push(client);
  return client;
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'floor-crash-'));
  const floorFile = path.join(dir, 'floor.json');
  fs.writeFileSync(floorFile, JSON.stringify(floor));
  gateway = new GatewayProcess(await freePort(), { DATA_DIR: path.join(dir, 'data'), FLOOR_FILE: floorFile });
  token = await new TokenAuthority(DEV_AUTH_SECRET).mint({ user_id: 'user-maya-chen', name: 'Maya Chen', role: 'manager' }, 600);
  await gateway.start();
});
afterAll(async () => {
  for (const c of clients) c.close();
  await gateway?.kill();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('alarm ledger across a crash of the real gateway', () => {
  it('keeps an acknowledged alarm acknowledged, by the same person, after SIGKILL and restart', { timeout: 90_000 }, async () => {
    await gateway.ingest([offline('T-19')]);
    const before = await connect();
    const snapshot = await before.subscribeAlerts('s1');
    const alarm = snapshot.find((a) => a.kind === 'device_offline' && a.source_ref === 'T-19');
    expect(alarm).toMatchObject({ state: 'unacked', location_id: 'loc-main', severity: 'high' });

    const answer = await before.request({ type: 'ack', id: 'r1', alarm_id: alarm!.alarm_id as string, note: 'checked' });
    expect(answer).toMatchObject({ type: 'response', id: 'r1', success: true, alarm: { alarm_id: alarm!.alarm_id, state: 'acked', acked_by: 'Maya Chen' } });
    await gateway.kill(); // at once: no graceful shutdown, nothing flushed after the answer

    await gateway.start();
    const after = await connect();
    const restored = (await after.subscribeAlerts('s2')).find((a) => a.alarm_id === alarm!.alarm_id);
    expect(restored).toMatchObject({ state: 'acked', acked_by: 'Maya Chen', note: 'checked', acked_at: (answer.alarm as { acked_at: string }).acked_at });

    const again = await after.request({ type: 'ack', id: 'r2', alarm_id: alarm!.alarm_id as string });
    expect(again).toMatchObject({ type: 'error', id: 'r2', code: 'already_acknowledged' });
    const unknown = await after.request({ type: 'ack', id: 'r3', alarm_id: 'alm-does-not-exist' });
    expect(unknown).toMatchObject({ type: 'error', id: 'r3', code: 'alarm_not_found' });

    const db = new Database(path.join(dir, 'data', 'floor-monitor.db'), { readonly: true, fileMustExist: true });
    try {
      const trail = db
        .prepare('SELECT from_state, to_state, action, actor, note FROM alarm_transitions WHERE alarm_id = ? ORDER BY id')
        .all(alarm!.alarm_id);
      expect(trail).toEqual([
        { from_state: null, to_state: 'unacked', action: 'raise', actor: 'system', note: null },
        { from_state: 'unacked', to_state: 'acked', action: 'ack', actor: 'Maya Chen', note: 'checked' },
      ]);
    } finally {
      db.close();
    }
  });

  it('raises a flood alarm for a location after a burst of eleven devices going offline there', { timeout: 30_000 }, async () => {
    const client = await connect();
    await client.subscribeAlerts('s3');
    await gateway.ingest(FLOOD_TERMINALS.map(offline));
    const raised = await client.next((f) => f.type === 'event' && f.event === 'alarm.raised' && (f.data as { kind: string }).kind === 'flood');
    expect(raised.data).toMatchObject({ kind: 'flood', source_ref: 'loc-annex', location_id: 'loc-annex', severity: 'critical', state: 'unacked' });

    const res = await fetch(`${gateway.baseUrl}/api/v1/alarms?state=unacked`, { headers: { authorization: `Bearer ${token}` } });
    const { alarms } = (await res.json()) as { alarms: { kind: string; location_id: string }[] };
    expect(alarms.filter((a) => a.kind === 'device_offline' && a.location_id === 'loc-annex')).toHaveLength(11);
    expect(alarms.filter((a) => a.kind === 'flood')).toEqual([expect.objectContaining({ location_id: 'loc-annex' })]);
  });
});
