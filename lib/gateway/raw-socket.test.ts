import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { rawSocketOf } from './raw-socket';
import { PING_FRAME } from './ws-frame';

/** A final unmasked text frame, as a server sends it (payloads under 126 bytes, or 16-bit lengths). */
function textFrame(text: string): Buffer {
  const payload = Buffer.from(text);
  const header = payload.length < 126 ? Buffer.from([0x81, payload.length]) : Buffer.from([0x81, 126, payload.length >> 8, payload.length & 0xff]);
  return Buffer.concat([header, payload]);
}

const closers: (() => void)[] = [];
afterEach(() => {
  for (const close of closers.splice(0)) close();
});

/** A `ws` server and client on 127.0.0.1, returning the server side of the one connection and the client's messages. */
async function connectedPair() {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: false });
  closers.push(() => wss.close());
  await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
  const serverSide = new Promise<WebSocket>((resolve) => wss.once('connection', resolve));
  const client = new WebSocket(`ws://127.0.0.1:${(wss.address() as AddressInfo).port}`);
  closers.push(() => client.terminate());
  const received: string[] = [];
  client.on('message', (data) => received.push(String(data)));
  await new Promise<void>((resolve) => client.once('open', () => resolve()));
  return { server: await serverSide, client, received };
}

const until = async (done: () => boolean) => {
  for (let i = 0; i < 200 && !done(); i++) await new Promise((r) => setTimeout(r, 10));
};

describe('the raw socket under ws (what the gateway relies on)', () => {
  it('is there on an open server-side connection, with cork, uncork and write', async () => {
    const { server } = await connectedPair();
    const socket = rawSocketOf(server);
    expect(socket).toBeDefined();
    expect(typeof socket?.cork).toBe('function');
    expect(typeof socket?.uncork).toBe('function');
  });

  it('carries pre-framed text frames as ordinary messages, in order with ws.send', async () => {
    const { server, received } = await connectedPair();
    const socket = rawSocketOf(server)!;
    server.send('one');
    socket.write(textFrame('two'));
    server.send('three');
    socket.cork();
    socket.write(Buffer.concat([textFrame('four'), textFrame('x'.repeat(300))]));
    server.send('six');
    socket.uncork();
    await until(() => received.length === 6);
    expect(received).toEqual(['one', 'two', 'three', 'four', 'x'.repeat(300), 'six']);
  });

  it('counts bytes written to it in bufferedAmount until they leave', async () => {
    const { server } = await connectedPair();
    const socket = rawSocketOf(server)!;
    const before = server.bufferedAmount;
    socket.cork();
    const frame = textFrame('y'.repeat(60_000));
    socket.write(frame);
    expect(server.bufferedAmount - before).toBeGreaterThanOrEqual(frame.length);
    socket.uncork();
    await until(() => server.bufferedAmount === 0);
    expect(server.bufferedAmount).toBe(0);
  });

  it('keeps a written buffer in writableLength until it has left, so a batch reuses it only then', async () => {
    const { server } = await connectedPair();
    const socket = rawSocketOf(server)!;
    socket.cork();
    const frame = textFrame('z'.repeat(60_000));
    socket.write(frame);
    expect(socket.writableLength).toBeGreaterThanOrEqual(frame.length);
    socket.uncork();
    await until(() => socket.writableLength === 0);
    expect(socket.writableLength).toBe(0);
  });

  it('carries a pre-framed ping to the client, whose pong reaches the server socket', async () => {
    const { server, client } = await connectedPair();
    let pinged = 0;
    let ponged = 0;
    client.on('ping', () => pinged++);
    server.on('pong', () => ponged++);
    rawSocketOf(server)!.write(PING_FRAME);
    await until(() => ponged === 1);
    expect([pinged, ponged]).toEqual([1, 1]);
  });
});
