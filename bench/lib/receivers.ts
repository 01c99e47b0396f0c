import { io, type Socket } from 'socket.io-client';
import WebSocket from 'ws';
import path from 'node:path';
import { type HistogramData, LatencyHistogram } from './histogram';
import { cpuSeconds, spawnNode } from './processes';
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

function groupOf(i: number): Group {
  return i % 2 === 0 ? 'all' : 'filtered';
}

/**
 * Connects `clients` WebSocket clients that speak the dashboard protocol (docs/protocol.md §3):
 * wait for `welcome`, subscribe to `game` (odd clients with `location_id`), wait for the response.
 * Used for the gateway and for the bare `ws` ceiling, which answers the same two frames.
 */
export async function connectFramePool(url: string, clients: number, timeoutMs = 15_000): Promise<LocalPool> {
  const counter = new Counter();
  const sockets: WebSocket[] = [];
  let closing = false;

  const connectOne = (i: number) =>
    new Promise<void>((resolve, reject) => {
      const group = groupOf(i);
      const ws = new WebSocket(url, { perMessageDeflate: false, skipUTF8Validation: true });
      sockets.push(ws);
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

/** Receivers spread over child processes; every method asks all of them and adds up the answers. */
export interface ReceiverPool {
  readonly clients: number;
  received(): Promise<Record<Group, number>>;
  closes(): Promise<{ count: number; codes: Record<string, number> }>;
  startRecording(): Promise<void>;
  /** Stops recording and returns the merged latency histogram. */
  stopRecording(): Promise<LatencyHistogram>;
  /** Stops recording and returns the latencies per origin letter of the events (see `GameroundFactory`). */
  stopRecordingByOrigin(): Promise<Map<string, LatencyHistogram>>;
  /** CPU seconds the receiver processes have used so far. */
  cpuSeconds(): Promise<number>;
  close(): Promise<void>;
}

/**
 * Starts `processes` receiver processes holding `clients` clients between them (an even share each,
 * so both groups stay half and half), all connected to `url`.
 */
export async function spawnReceivers(kind: 'frames' | 'socket.io', url: string, clients: number, processes: number): Promise<ReceiverPool> {
  const script = path.join('bench', 'lib', 'receiver-process.ts');
  const children = Array.from({ length: processes }, () => spawnNode(script, [], { NODE_ENV: 'production' }, { ipc: true }));
  let nextId = 0;
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  for (const c of children) {
    c.child.on('message', (msg: { id: number; result?: unknown; error?: string }) => {
      const p = pending.get(msg.id);
      if (!p) return;
      pending.delete(msg.id);
      if (msg.error) p.reject(new Error(msg.error));
      else p.resolve(msg.result);
    });
    c.child.once('exit', (code) => {
      for (const [id, p] of pending) {
        pending.delete(id);
        p.reject(new Error(`receiver process exited (${code}): ${c.stderrTail()}`));
      }
    });
  }
  const ask = <T>(child: (typeof children)[number], req: Record<string, unknown>, timeoutMs = 60_000) =>
    new Promise<T>((resolve, reject) => {
      const id = ++nextId;
      const timer = setTimeout(() => {
        pending.delete(id);
        reject(new Error(`receiver process did not answer ${String(req.op)} within ${timeoutMs} ms`));
      }, timeoutMs);
      pending.set(id, {
        resolve: (v) => {
          clearTimeout(timer);
          resolve(v as T);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      });
      child.child.send({ id, ...req });
    });
  const askAll = <T>(req: Record<string, unknown>) => Promise.all(children.map((c) => ask<T>(c, req)));
  const stopRecordingByOrigin = async () => {
    const byOrigin = new Map<string, LatencyHistogram>();
    for (const part of await askAll<Record<string, HistogramData>>({ op: 'stop' })) {
      for (const [origin, data] of Object.entries(part)) {
        let hist = byOrigin.get(origin);
        if (!hist) byOrigin.set(origin, (hist = new LatencyHistogram()));
        hist.merge(data);
      }
    }
    return byOrigin;
  };
  const stopAll = () => Promise.all(children.map((c) => c.stop(2000)));

  const share = Math.floor(clients / processes / 2) * 2;
  const shares = children.map((_, i) => (i === children.length - 1 ? clients - share * (processes - 1) : share));
  try {
    await Promise.all(children.map((c, i) => ask(c, { op: 'connect', kind, url, clients: shares[i] })));
  } catch (err) {
    await stopAll();
    throw err;
  }
  return {
    clients,
    async received() {
      const all = await askAll<Record<Group, number>>({ op: 'received' });
      return all.reduce((a, b) => ({ all: a.all + b.all, filtered: a.filtered + b.filtered }), { all: 0, filtered: 0 });
    },
    async closes() {
      const all = await askAll<{ count: number; codes: Record<string, number> }>({ op: 'closes' });
      const codes: Record<string, number> = {};
      for (const c of all) for (const [k, v] of Object.entries(c.codes)) codes[k] = (codes[k] ?? 0) + v;
      return { count: all.reduce((n, c) => n + c.count, 0), codes };
    },
    async startRecording() {
      await askAll({ op: 'start' });
    },
    async stopRecording() {
      const hist = new LatencyHistogram();
      for (const part of (await stopRecordingByOrigin()).values()) hist.merge(part.toJSON());
      return hist;
    },
    stopRecordingByOrigin,
    async cpuSeconds() {
      const all = await Promise.all(children.map((c) => cpuSeconds(c.pid)));
      return all.reduce((a, b) => a + b, 0);
    },
    async close() {
      await Promise.all(children.map((c) => ask(c, { op: 'close' }, 10_000).catch(() => undefined)));
      await stopAll();
    },
  };
}
