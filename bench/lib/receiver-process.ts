/**
 * A child process holding part of a receiver pool, so the clients get a CPU of their own instead
 * of sharing the event loop with the load generator. Driven over IPC by `spawnReceivers`.
 */
import { type FramePoolOptions, type LocalPool, connectFramePool, connectSocketIoPool } from './receivers';

type Request =
  | { id: number; op: 'connect'; kind: 'frames' | 'socket.io'; url: string; clients: number; options?: FramePoolOptions }
  | { id: number; op: 'received' | 'closes' | 'start' | 'stop' | 'close' };

let pool: LocalPool | null = null;

async function handle(req: Request): Promise<unknown> {
  if (req.op === 'connect') {
    pool = req.kind === 'socket.io' ? await connectSocketIoPool(req.url, req.clients) : await connectFramePool(req.url, req.clients, req.options);
    return true;
  }
  if (!pool) throw new Error('not connected');
  switch (req.op) {
    case 'received':
      return pool.received();
    case 'closes':
      return pool.closes();
    case 'start':
      return pool.startRecording();
    case 'stop':
      return pool.stopRecording();
    case 'close':
      await pool.close();
      setImmediate(() => process.exit(0));
      return true;
  }
}

process.on('message', (req: Request) => {
  handle(req).then(
    (result) => process.send?.({ id: req.id, result: result ?? null }),
    (err: unknown) => process.send?.({ id: req.id, error: String(err instanceof Error ? err.message : err) }),
  );
});
// Never outlive the bench run that started this process.
process.on('disconnect', () => process.exit(0));
setTimeout(() => process.exit(0), 3600_000).unref();
