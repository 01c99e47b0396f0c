import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Gateway, TEST_SECRET, sleep, startGateway } from '../support/gateway-harness';

describe('authentication on /v1/ws', () => {
  let gw: Gateway;
  beforeAll(async () => {
    gw = await startGateway({ authTimeoutMs: 300 });
  });
  afterAll(() => gw.close());

  it('welcomes a ?token= connection with exactly the contract fields', async () => {
    const client = await gw.connect({ token: await gw.token('manager', { user_id: 'u-42', name: 'Mia' }) });
    const welcome = await client.waitForType('welcome');
    expect(Object.keys(welcome).sort()).toEqual(['epoch', 'heartbeat_interval_ms', 'server_time', 'session_id', 'type', 'user']);
    expect(welcome).toMatchObject({ epoch: gw.hub.epoch, user: { user_id: 'u-42', name: 'Mia', role: 'manager' }, heartbeat_interval_ms: 5000 });
    expect(Object.keys(welcome.user).sort()).toEqual(['name', 'role', 'user_id']);
    expect(typeof welcome.session_id).toBe('string');
    expect(Number.isNaN(Date.parse(welcome.server_time))).toBe(false);
    await client.close();
  });

  it('accepts Authorization: Bearer', async () => {
    const client = await gw.connect({ headers: { authorization: `Bearer ${await gw.token('operator')}` } });
    expect(await client.waitForType('welcome')).toMatchObject({ user: { role: 'operator' } });
    await client.close();
  });

  it('accepts an auth frame first, and requests sent right behind it are answered after welcome', async () => {
    const client = await gw.connect();
    client.send({ type: 'auth', token: await gw.token('admin') });
    client.send({ type: 'ping', id: 'p-1' });
    const pong = await client.waitFor((f) => f.id === 'p-1');
    expect(pong.type).toBe('pong');
    expect(client.frames[0].type).toBe('welcome');
    await client.close();
  });

  it('accepts the jackpot platform Authenticate action', async () => {
    const client = await gw.connect();
    client.send({ action: { Authenticate: { auth_token: await gw.token('sportsbook') } } });
    expect(await client.waitForType('welcome')).toMatchObject({ user: { role: 'sportsbook' } });
    await client.close();
  });

  it('rejects a bad token with unauthorized and 4401', async () => {
    const client = await gw.connect({ token: 'not-a-jwt' });
    expect(await client.waitForType('error')).toMatchObject({ type: 'error', code: 'unauthorized', message: expect.any(String) });
    expect((await client.closed).code).toBe(4401);
  });

  it('rejects a token signed with another secret', async () => {
    const forged = await new SignJWT({ name: 'Eve', role: 'admin' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('eve')
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode('some-other-secret-entirely'));
    const client = await gw.connect({ token: forged });
    expect(await client.waitForType('error')).toMatchObject({ code: 'unauthorized' });
    expect((await client.closed).code).toBe(4401);
  });

  it('rejects an expired token', async () => {
    const expired = await new SignJWT({ name: 'Old', role: 'operator' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('u-old')
      .setExpirationTime(Math.floor(Date.now() / 1000) - 60)
      .sign(new TextEncoder().encode(TEST_SECRET));
    const client = await gw.connect({ token: expired });
    const error = await client.waitForType('error');
    expect(error.code).toBe('unauthorized');
    expect(error.message).toMatch(/expired/i);
    expect((await client.closed).code).toBe(4401);
  });

  it('rejects a bad token sent as the first frame', async () => {
    const client = await gw.connect();
    client.send({ type: 'auth', token: 'garbage' });
    expect(await client.waitForType('error')).toMatchObject({ code: 'unauthorized' });
    expect((await client.closed).code).toBe(4401);
  });

  it('closes with 4401 when no token comes within the auth timeout', async () => {
    const client = await gw.connect();
    expect(await client.waitForType('error')).toMatchObject({ code: 'unauthorized' });
    expect((await client.closed).code).toBe(4401);
  });

  it('closes with 4401 when the first frame is not an auth frame', async () => {
    const client = await gw.connect();
    client.send({ type: 'subscribe', id: 'r1', channel: 'game' });
    expect(await client.waitForType('error')).toMatchObject({ code: 'unauthorized', id: 'r1' });
    expect((await client.closed).code).toBe(4401);
  });

  it('closes a live connection with 4401 when its token expires, and keeps one whose token was refreshed', async () => {
    const expiring = await gw.login('operator', { ttlSeconds: 2 });
    const refreshed = await gw.login('operator', { ttlSeconds: 2 });
    const fresh = await refreshed.request({ type: 'auth', token: await gw.token('operator', { ttlSeconds: 60 }) });
    expect(fresh).toMatchObject({ type: 'response', success: true });
    const closed = await expiring.closed;
    expect(closed.code).toBe(4401);
    expect(expiring.frames.find((f) => f.type === 'error')).toMatchObject({ code: 'unauthorized' });
    await sleep(300);
    expect(refreshed.ws.readyState).toBe(refreshed.ws.OPEN);
    expect(await refreshed.request({ type: 'ping' })).toMatchObject({ type: 'pong' });
    await refreshed.close();
  });

  it('refuses a fresh token for another user and closes with 4401', async () => {
    const client = await gw.login('operator', { user_id: 'u-a' });
    client.send({ type: 'auth', id: 'a2', token: await gw.token('admin', { user_id: 'u-b' }) });
    expect(await client.waitFor((f) => f.id === 'a2')).toMatchObject({ code: 'unauthorized' });
    expect((await client.closed).code).toBe(4401);
  });
});
