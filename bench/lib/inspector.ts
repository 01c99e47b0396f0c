import WebSocket from 'ws';
import { freePort } from './processes';

/**
 * The V8 inspector of a server under test, for what only the process itself can do: a full garbage
 * collection before its memory is read, so a figure counts what the server retains, not garbage
 * that happens not to be collected yet. Only the bench starts a server this way; the product has no hook.
 */
export interface ServerInspector {
  /** Node flags that open the inspector on 127.0.0.1 (pass as `nodeArgs`). */
  readonly nodeArgs: string[];
  /** Runs a full garbage collection in the server; resolves with its V8 heap in use afterwards (bytes). */
  collectGarbage(): Promise<number>;
  /** A full garbage collection, then a heap snapshot of the server as `.heapsnapshot` JSON text. */
  heapSnapshot(): Promise<string>;
}

/** Picks a free port for a server's inspector; start the server with `nodeArgs`, then call `collectGarbage`. */
export async function serverInspector(): Promise<ServerInspector> {
  const port = await freePort();
  const withSession = async <T>(work: (session: Session) => Promise<T>): Promise<T> => {
    const targets = (await (await fetch(`http://127.0.0.1:${port}/json/list`)).json()) as { webSocketDebuggerUrl?: string }[];
    const url = targets.find((t) => t.webSocketDebuggerUrl)?.webSocketDebuggerUrl;
    if (!url) throw new Error(`no inspector target on 127.0.0.1:${port}`);
    const session = await open(url);
    try {
      return await work(session);
    } finally {
      session.close();
    }
  };
  return {
    nodeArgs: [`--inspect=127.0.0.1:${port}`],
    collectGarbage: () =>
      withSession(async (session) => {
        await session.call('HeapProfiler.collectGarbage');
        const usage = (await session.call('Runtime.getHeapUsage')) as { usedSize: number };
        return usage.usedSize;
      }),
    heapSnapshot: () =>
      withSession(async (session) => {
        const chunks: string[] = [];
        session.onEvent = (method, params) => {
          if (method === 'HeapProfiler.addHeapSnapshotChunk') chunks.push((params as { chunk: string }).chunk);
        };
        await session.call('HeapProfiler.enable');
        await session.call('HeapProfiler.collectGarbage');
        await session.call('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
        return chunks.join('');
      }),
  };
}

interface Session {
  call(method: string, params?: Record<string, unknown>): Promise<unknown>;
  /** Receives the protocol's events (messages without an id). */
  onEvent: ((method: string, params: unknown) => void) | null;
  close(): void;
}

/** One DevTools protocol session over the inspector's WebSocket; every call times out after 60 s. */
function open(url: string): Promise<Session> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { perMessageDeflate: false });
    const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
    let next = 0;
    let session: Session | null = null;
    ws.on('message', (data: Buffer) => {
      const msg = JSON.parse(data.toString()) as { id?: number; method?: string; params?: unknown; result?: unknown; error?: { message: string } };
      if (msg.id === undefined && msg.method) return session?.onEvent?.(msg.method, msg.params);
      const p = msg.id === undefined ? undefined : pending.get(msg.id);
      if (!p) return;
      pending.delete(msg.id!);
      if (msg.error) p.reject(new Error(msg.error.message));
      else p.resolve(msg.result);
    });
    ws.on('close', () => {
      for (const p of pending.values()) p.reject(new Error('inspector session closed'));
      pending.clear();
    });
    ws.once('error', reject);
    ws.once('open', () => {
      session = {
        onEvent: null,
        call(method, params) {
          return new Promise((res, rej) => {
            const id = ++next;
            const timer = setTimeout(() => {
              pending.delete(id);
              rej(new Error(`inspector did not answer ${method} within 60 s`));
            }, 60_000);
            pending.set(id, {
              resolve: (v) => (clearTimeout(timer), res(v)),
              reject: (e) => (clearTimeout(timer), rej(e)),
            });
            ws.send(JSON.stringify({ id, method, params }));
          });
        },
        close: () => ws.close(),
      };
      resolve(session);
    });
  });
}
