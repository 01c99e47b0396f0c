import { io, type Socket } from 'socket.io-client';
import WebSocket from 'ws';
import { type HistogramData, LatencyHistogram } from './histogram';
import { FILTER_LOCATION, nowUs, originFromFrame, originFromId, sentUsFromFrame, sentUsFromId } from './seed-items';

/** Which half of the pool a client belongs to: all game events, or only the filtered location's. */
export type Group = 'all' | 'filtered';

/**
 * A pool of dashboard-like receivers in this process. Counts bench events as they arrive and, while
 * recording, the publish→receive latency each one carries.
 */
export interface LocalPool {
  readonly clients: number;
  /** Bench events received so far, per group (summed over the group's clients). */
  received(): Record<Group, number>;
  /** Clients closed by the server since they connected, and with which codes. */
  closes(): { count: number; codes: Record<string, number> };
  startRecording(): void;
  /** Stops recording; the latencies per origin letter of the events ('' for events without one). */
  stopRecording(): Record<string, HistogramData>;
  close(): Promise<void>;
}

class Counter {
  readonly got: Record<Group, number> = { all: 0, filtered: 0 };
  closeCount = 0;
  readonly closeCodes: Record<string, number> = {};
  /** Latencies by the events' origin while recording, else null (no origin is read then). */
  hists: Map<string, LatencyHistogram> | null = null;

  get recording(): boolean {
    return this.hists !== null;
  }

  hit(group: Group, sentUs: number, origin = ''): void {
    if (sentUs < 0) return;
    this.got[group]++;
    if (!this.hists) return;
    let hist = this.hists.get(origin);
    if (!hist) this.hists.set(origin, (hist = new LatencyHistogram()));
    hist.record((nowUs() - sentUs) / 1000);
  }

  closed(code: string | number): void {
    this.closeCount++;
    this.closeCodes[code] = (this.closeCodes[code] ?? 0) + 1;
  }
}

async function inBatches<T>(count: number, batch: number, make: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < count; i += batch) {
    out.push(...(await Promise.all(Array.from({ length: Math.min(batch, count - i) }, (_, j) => make(i + j)))));
  }
  return out;
}

function groupOf(i: number, unfiltered = false): Group {
  return unfiltered || i % 2 === 0 ? 'all' : 'filtered';
}

/** How the clients of a frame pool sign in and what they subscribe to. */
export interface FramePoolOptions {
  /**
   * Sent as the first frame (`{"type":"auth"}`), as the dashboard signs in (docs/protocol.md §3);
   * without it the URL carries the token.
   */
  authToken?: string;
  /** Every client subscribes to all of `game` (group `all`), instead of every other one filtered to a location. */
  unfiltered?: boolean;
}

/**
 * Connects `clients` WebSocket clients that speak the dashboard protocol (docs/protocol.md §3):
 * sign in (by the URL's token, or `options.authToken` as the first frame), wait for `welcome`,
 * subscribe to `game` (odd clients with `location_id` unless `options.unfiltered`), wait for the response.
 * Used for the gateway and for the bare `ws` ceiling, which answers the same two frames.
 */
export async function connectFramePool(url: string, clients: number, options: FramePoolOptions = {}, timeoutMs = 15_000): Promise<LocalPool> {
  const counter = new Counter();
  const sockets: WebSocket[] = [];
  let closing = false;

  const connectOne = (i: number) =>
    new Promise<void>((resolve, reject) => {
      const group = groupOf(i, options.unfiltered);
      const ws = new WebSocket(url, { perMessageDeflate: false, skipUTF8Validation: true });
      sockets.push(ws);
      const { authToken } = options;
      if (authToken) ws.once('open', () => ws.send(JSON.stringify({ type: 'auth', token: authToken })));
      let subscribed = false;
      const timer = setTimeout(() => reject(new Error(`client ${i} did not subscribe within ${timeoutMs} ms`)), timeoutMs);
      ws.on('message', (data: Buffer) => {
        if (subscribed) return counter.hit(group, sentUsFromFrame(data), counter.recording ? originFromFrame(data) : '');
        const text = data.toString();
        const frame = JSON.parse(text) as { type?: string; success?: boolean; code?: string; message?: string };
        if (frame.type === 'welcome') {
          const params = group === 'filtered' ? { location_id: FILTER_LOCATION } : {};
          ws.send(JSON.stringify({ type: 'subscribe', id: `sub-${i}`, channel: 'game', params }));
        } else if (frame.type === 'response' && frame.success) {
          subscribed = true;
          clearTimeout(timer);
          resolve();
        } else if (frame.type === 'error') {
          clearTimeout(timer);
          reject(new Error(`client ${i}: ${frame.code}: ${frame.message}`));
        }
      });
      ws.on('error', (err) => {
        clearTimeout(timer);
        reject(err);
      });
      ws.on('close', (code) => {
        if (!closing) counter.closed(code);
      });
    });

  await connectAll(clients, connectOne, () => sockets.forEach((ws) => ws.terminate()));
  return localPool(clients, counter, async () => {
    closing = true;
    await Promise.all(
      sockets.map(
        (ws) =>
          new Promise<void>((resolve) => {
            if (ws.readyState === WebSocket.CLOSED) return resolve();
            const timer = setTimeout(() => {
              ws.terminate();
              resolve();
            }, 2000);
            ws.once('close', () => {
              clearTimeout(timer);
              resolve();
            });
            ws.close();
          }),
      ),
    );
  });
}

/**
 * Connects `clients` Socket.IO clients (WebSocket transport only, one connection each), each joining
 * the room of its group: `game` or `game:<location>`.
 */
export async function connectSocketIoPool(url: string, clients: number, timeoutMs = 15_000): Promise<LocalPool> {
  const counter = new Counter();
  const sockets: Socket[] = [];
  let closing = false;

  const connectOne = (i: number) =>
    new Promise<void>((resolve, reject) => {
      const group = groupOf(i);
      const socket = io(url, { transports: ['websocket'], forceNew: true, reconnection: false, timeout: timeoutMs });
      sockets.push(socket);
      const timer = setTimeout(() => reject(new Error(`Socket.IO client ${i} did not join within ${timeoutMs} ms`)), timeoutMs);
      socket.on('event', (frame: { id?: unknown }) => counter.hit(group, sentUsFromId(frame.id), counter.recording ? originFromId(frame.id) : ''));
      socket.on('connect', () => {
        socket.emit('join', group === 'filtered' ? `game:${FILTER_LOCATION}` : 'game', () => {
          clearTimeout(timer);
          resolve();
        });
      });
      socket.on('connect_error', (err) => {
        clearTimeout(timer);
        reject(err);
      });
      socket.on('disconnect', (reason) => {
        if (!closing) counter.closed(reason);
      });
    });

  await connectAll(clients, connectOne, () => sockets.forEach((s) => s.disconnect()));
  return localPool(clients, counter, async () => {
    closing = true;
    for (const s of sockets) s.disconnect();
  });
}

/** Connects every client, 25 at a time; on a failure `abort` drops the ones already connected. */
async function connectAll(clients: number, connectOne: (i: number) => Promise<void>, abort: () => void): Promise<void> {
  try {
    await inBatches(clients, 25, connectOne);
  } catch (err) {
    abort();
    throw err;
  }
}

/** A pool's answers, read from its counter. */
function localPool(clients: number, counter: Counter, close: () => Promise<void>): LocalPool {
  return {
    clients,
    received: () => ({ ...counter.got }),
    closes: () => ({ count: counter.closeCount, codes: { ...counter.closeCodes } }),
    startRecording: () => void (counter.hists = new Map()),
    stopRecording() {
      const data = Object.fromEntries([...(counter.hists ?? [])].map(([origin, hist]) => [origin, hist.toJSON()]));
      counter.hists = null;
      return data;
    },
    close,
  };
}
