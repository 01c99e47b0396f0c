import path from 'node:path';
import { type HistogramData, LatencyHistogram } from './histogram';
import { cpuSeconds, spawnNode } from './processes';
import type { FramePoolOptions, Group } from './receivers';

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
 * so both groups stay half and half), all connected to `url`; `options` are the frame clients' (see `connectFramePool`).
 */
export async function spawnReceivers(
  kind: 'frames' | 'socket.io',
  url: string,
  clients: number,
  processes: number,
  options: FramePoolOptions = {},
): Promise<ReceiverPool> {
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
  // Thousands of clients per process take longer than a few hundred: 40 ms each is generous on a busy machine.
  try {
    await Promise.all(children.map((c, i) => ask(c, { op: 'connect', kind, url, clients: shares[i], options }, Math.max(60_000, shares[i] * 40))));
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
