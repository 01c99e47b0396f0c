import type { ServerFrame } from '@/lib/protocol';
import type { Clock, RequestResult } from './socket-types';

type Pending = { done: (result: RequestResult) => void; timer: unknown };

/** Requests sent and not yet answered, by `id`: each settles once, with its answer, a timeout or the connection's end. */
export class PendingRequests {
  private readonly pending = new Map<string, Pending>();

  constructor(private readonly clock: Clock) {}

  /** How many requests wait for an answer. */
  get size(): number {
    return this.pending.size;
  }

  /** Waits for the answer to `id`; past `timeoutMs` it settles as a timeout. */
  add(id: string, done: (result: RequestResult) => void, timeoutMs: number): void {
    const timer = this.clock.setTimeout(() => {
      this.pending.delete(id);
      done({ ok: false, error: { code: 'timeout', message: 'The gateway did not answer in time' } });
    }, timeoutMs);
    this.pending.set(id, { done, timer });
  }

  /** Settles the request `id` with this frame (an error frame as a failure); false when none waits for it. */
  answer(id: string, frame: ServerFrame): boolean {
    const pending = this.pending.get(id);
    if (!pending) return false;
    this.pending.delete(id);
    this.clock.clearTimeout(pending.timer);
    if (frame.type === 'error') pending.done({ ok: false, error: { code: frame.code, message: frame.message } });
    else pending.done({ ok: true, frame });
    return true;
  }

  /** Fails every waiting request (the connection ended). */
  failAll(code: 'not_connected', message: string): void {
    const entries = [...this.pending.values()];
    this.pending.clear();
    for (const p of entries) {
      this.clock.clearTimeout(p.timer);
      p.done({ ok: false, error: { code, message } });
    }
  }
}
