import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TokenAuthority } from '../../lib/gateway/auth';
import { DEV_AUTH_SECRET } from '../../lib/runtime/config';
import { DashboardClient, GatewayProcess } from './gateway-process';

/**
 * Escalation and the alarm actions through the real process: config, ingest, ledger, hub and notifier.
 * Eleven terminals going offline at one location raise a critical flood alarm; with escalation after
 * 1.2 s, the managers who may acknowledge it are told again, with a link to it, until one acknowledges.
 */
const PORT = 3302;
const ANNEX = Array.from({ length: 11 }, (_, i) => `T-${300 + i}`);
const floor = {
  locations: [
    { id: 'loc-annex', name: 'Annex', devices: ANNEX.map((id) => ({ id, type: 'terminal', game_id: null })) },
    { id: 'loc-vip', name: 'VIP Lounge', devices: [{ id: 'V-1', type: 'slot', game_id: null }] },
  ],
};
const offline = (terminalId: string) => {
  const at = new Date().toISOString();
  return { event: 'deviceOffline', timestamp: at, data: { terminalId, lostAt: at } };
};

let dir: string;
let gateway: GatewayProcess;
const clients: DashboardClient[] = [];
const authority = new TokenAuthority(DEV_AUTH_SECRET);
type Frame = Record<string, unknown> & { type: string };

async function connect(user_id: string, name: string, role: 'manager' | 'operator', locations?: string[]) {
  const token = await authority.mint({ user_id, name, role, locations }, 600);
  const client = await DashboardClient.connect(gateway.baseUrl, token);
  clients.push(client);
  const sub = await client.request({ type: 'subscribe', id: `n-${user_id}`, channel: 'notifications', params: { user_id } });
  expect(sub).toMatchObject({ type: 'response', success: true });
  return { client, token };
}
const isEvent = (name: string, extra: (f: Frame) => boolean = () => true) => (f: Frame) => f.type === 'event' && f.event === name && extra(f);
const data = (f: Frame) => f.data as Record<string, unknown>;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'floor-escalation-'));
  const floorFile = path.join(dir, 'floor.json');
  fs.writeFileSync(floorFile, JSON.stringify(floor));
  gateway = new GatewayProcess(PORT, { DATA_DIR: path.join(dir, 'data'), FLOOR_FILE: floorFile, ALARM_ESCALATE_MINUTES: '0.02' });
  await gateway.start();
}, 60_000);
afterAll(async () => {
  for (const c of clients) c.close();
  await gateway?.kill();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('escalation in the running gateway', () => {
  it('tells every manager who may acknowledge, again each period, with a link, until one acknowledges', async () => {
    const maya = await connect('user-maya', 'Maya Chen', 'manager');
    const sam = await connect('user-sam', 'Sam Ortiz', 'manager', ['loc-vip']);
    const olu = await connect('user-olu', 'Olu', 'operator');
    await gateway.ingest(ANNEX.map(offline));

    const raised = await maya.client.next(isEvent('notification.alert'));
    const alarmId = data(raised).alarm_id as string;
    expect(data(raised)).toMatchObject({ user_id: 'user-maya', severity: 'critical', link: `/alarms?alarm=${alarmId}` });
    const escalated = await maya.client.next(isEvent('notification.alert', (f) => String(data(f).title).startsWith('Escalated')), 8000);
    expect(data(escalated)).toMatchObject({ alarm_id: alarmId, link: `/alarms?alarm=${alarmId}` });

    const ack = await maya.client.request({ type: 'ack', id: 'ack-flood', alarm_id: alarmId, note: 'technician sent to the annex' });
    expect(ack).toMatchObject({ type: 'response', success: true, alarm: { state: 'acked', note: 'technician sent to the annex' } });
    const res = await fetch(`${gateway.baseUrl}/api/v1/alarms/${alarmId}`, { headers: { authorization: `Bearer ${maya.token}` } });
    const detail = (await res.json()) as { transitions: { action: string; escalations: number | null }[] };
    const escalations = detail.transitions.filter((t) => t.action === 'escalate');
    expect(escalations.length).toBeGreaterThanOrEqual(1);
    expect(detail.transitions.at(-1)).toMatchObject({ action: 'ack' });

    await new Promise((r) => setTimeout(r, 3000)); // two more periods: nothing more once acknowledged
    const after = await fetch(`${gateway.baseUrl}/api/v1/alarms/${alarmId}`, { headers: { authorization: `Bearer ${maya.token}` } });
    expect(((await after.json()) as typeof detail).transitions.filter((t) => t.action === 'escalate')).toHaveLength(escalations.length);
    for (const other of [sam, olu]) {
      await expect(other.client.next(isEvent('notification.alert'), 200)).rejects.toThrow(/no matching frame/);
    }
  }, 30_000);

  it('shelves only with a reason, unshelves on request, and audits both', async () => {
    const { client, token } = await connect('user-ana', 'Ana Ruiz', 'manager');
    await gateway.ingest([offline('V-1')]);
    const list = await fetch(`${gateway.baseUrl}/api/v1/alarms?location_id=loc-vip&state=unacked`, { headers: { authorization: `Bearer ${token}` } });
    const { alarms } = (await list.json()) as { alarms: { alarm_id: string; message: string }[] };
    expect(alarms[0].message).toBe('Slot machine V-1 at VIP Lounge is offline');
    const alarmId = alarms[0].alarm_id;

    expect(await client.request({ type: 'shelve', id: 's-0', alarm_id: alarmId, minutes: 30 })).toMatchObject({ type: 'error', code: 'invalid_params', message: expect.stringContaining('reason') });
    expect(await client.request({ type: 'shelve', id: 's-1', alarm_id: alarmId, minutes: 30, reason: 'door being repaired' })).toMatchObject({ type: 'response', success: true });
    await client.request({ type: 'subscribe', id: 'alerts', channel: 'alerts', params: { location_id: 'loc-vip' } });
    expect(await client.request({ type: 'unshelve', id: 'u-1', alarm_id: alarmId })).toMatchObject({ type: 'response', success: true, alarm: { shelved_until: null } });
    await client.next(isEvent('alarm.unshelved', (f) => data(f).alarm_id === alarmId));

    const res = await fetch(`${gateway.baseUrl}/api/v1/alarms/${alarmId}`, { headers: { authorization: `Bearer ${token}` } });
    const { transitions } = (await res.json()) as { transitions: Record<string, unknown>[] };
    expect(transitions.map((t) => [t.action, t.by_name, t.reason])).toEqual([
      ['raise', 'system', null],
      ['shelve', 'Ana Ruiz', 'door being repaired'],
      ['unshelve', 'Ana Ruiz', null],
    ]);
  }, 30_000);
});
