import vm from 'node:vm';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MAX_BURST, SOCKET_WORKER_SOURCE, WorkerSocket } from './worker-socket';

/** The browser's WebSocket as the worker sees it. */
class WorkerSideSocket {
  static last: WorkerSideSocket;
  onopen: (() => void) | null = null;
  onmessage: ((e: { data: string }) => void) | null = null;
  onerror: (() => void) | null = null;
  onclose: ((e: { code: number; reason: string }) => void) | null = null;
  sent: string[] = [];
  closedWith: [number | undefined, string | undefined] | null = null;
  constructor(readonly url: string) {
    WorkerSideSocket.last = this;
  }
  send(data: string) {
    this.sent.push(data);
  }
  close(code?: number, reason?: string) {
    this.closedWith = [code, reason];
  }
}

/**
 * A dedicated worker running the real worker script in a context of its own. Messages each way are
 * cloned; what the worker posts reaches the page only when the test calls `deliver`, after the worker's
 * due timers, as a browser would run them.
 */
class FakeWorker {
  static last: FakeWorker;
  onmessage: ((m: { data: unknown }) => void) | null = null;
  onerror: (() => void) | null = null;
  terminated = false;
  private readonly scope: Record<string, unknown>;
  private readonly timers: (() => void)[] = [];
  private readonly toPage: unknown[] = [];

  constructor(readonly url: string) {
    FakeWorker.last = this;
    this.scope = {
      onmessage: null,
      postMessage: (m: unknown) => this.toPage.push(structuredClone(m)),
      setTimeout: (fn: () => void) => this.timers.push(fn),
      close: () => undefined,
      WebSocket: WorkerSideSocket,
    };
    vm.runInNewContext(SOCKET_WORKER_SOURCE, this.scope);
  }

  postMessage(m: unknown) {
    (this.scope.onmessage as (m: { data: unknown }) => void)({ data: structuredClone(m) });
  }

  terminate() {
    this.terminated = true;
  }

  /** The messages the worker posted so far, before the page takes them. */
  get posted(): unknown[] {
    return this.toPage;
  }

  /** Runs the worker's due timers. */
  tick() {
    for (const fn of this.timers.splice(0)) fn();
  }

  deliver() {
    this.tick();
    for (const m of this.toPage.splice(0)) this.onmessage?.({ data: m });
  }
}

function open() {
  const seen: string[] = [];
  const socket = new WorkerSocket('ws://floor.example/v1/ws');
  socket.onopen = () => seen.push('open');
  socket.onmessage = (ev) => seen.push(`frame ${String(ev.data)}`);
  socket.onclose = (ev) => seen.push(`close ${ev.code} ${ev.reason}`);
  socket.onerror = () => seen.push('error');
  return { socket, worker: FakeWorker.last, ws: WorkerSideSocket.last, seen };
}

describe('the worker-backed socket', () => {
  beforeEach(() => vi.stubGlobal('Worker', FakeWorker));
  afterEach(() => vi.unstubAllGlobals());

  it('opens the socket in the worker and hands the page a burst of frames in one message, in order', () => {
    const { socket, worker, ws, seen } = open();
    expect(ws.url).toBe('ws://floor.example/v1/ws');
    ws.onopen!();
    ws.onmessage!({ data: 'a' });
    ws.onmessage!({ data: 'b' });
    worker.deliver();
    expect(seen).toEqual(['open', 'frame a', 'frame b']);
    expect(socket.readyState).toBe(1);

    ws.onmessage!({ data: 'c' });
    ws.onmessage!({ data: 'd' });
    ws.onmessage!({ data: 'e' });
    worker.deliver();
    expect(seen.slice(3)).toEqual(['frame c', 'frame d', 'frame e']);
  });

  it('sends each burst once, after what came before it', () => {
    const { worker, ws } = open();
    ws.onopen!();
    ws.onmessage!({ data: 'a' });
    ws.onmessage!({ data: 'b' });
    // The frames wait for the worker's next task; the open went at once.
    expect(worker.posted).toEqual([{ t: 'open' }]);
    worker.tick();
    expect(worker.posted).toEqual([{ t: 'open' }, { t: 'frames', frames: ['a', 'b'] }]);
    worker.tick();
    expect(worker.posted).toHaveLength(2);
  });

  it('splits a burst larger than the page should handle in one task', () => {
    const { worker, ws, seen } = open();
    ws.onopen!();
    const burst = Array.from({ length: MAX_BURST * 2 + 1 }, (_, i) => String(i));
    for (const data of burst) ws.onmessage!({ data });
    worker.tick();
    expect(worker.posted.slice(1).map((m) => (m as { frames: string[] }).frames.length)).toEqual([MAX_BURST, MAX_BURST, 1]);
    worker.deliver();
    expect(seen).toEqual(['open', ...burst.map((f) => `frame ${f}`)]);
  });

  it('puts frames still in the worker before the close that follows them', () => {
    const { worker, ws, seen } = open();
    ws.onopen!();
    ws.onmessage!({ data: 'last' });
    ws.onclose!({ code: 1012, reason: 'restart' });
    expect(worker.posted).toEqual([{ t: 'open' }, { t: 'frames', frames: ['last'] }, { t: 'close', code: 1012, reason: 'restart' }]);
    worker.deliver();
    expect(seen).toEqual(['open', 'frame last', 'close 1012 restart']);
    expect(worker.terminated).toBe(true);
  });

  it('refuses to send before it opens, sends through the worker after, and drops sends once closing', () => {
    const { socket, worker, ws } = open();
    expect(() => socket.send('early')).toThrow();
    ws.onopen!();
    worker.deliver();
    socket.send('{"type":"auth"}');
    expect(ws.sent).toEqual(['{"type":"auth"}']);
    socket.close(1000, 'bye');
    socket.send('late');
    expect(ws.sent).toEqual(['{"type":"auth"}']);
    expect(ws.closedWith).toEqual([1000, 'bye']);
  });

  it('hands on no frame once the page has closed it', () => {
    const { socket, worker, ws, seen } = open();
    ws.onopen!();
    worker.deliver();
    ws.onmessage!({ data: 'a' });
    socket.close(1000, 'moved');
    worker.deliver();
    expect(seen).toEqual(['open']);
    expect(socket.readyState).toBe(2);
  });

  it('ends as an abnormal close when the worker fails', () => {
    const { socket, worker, seen } = open();
    worker.onerror!();
    expect(seen).toEqual(['close 1006 ']);
    expect(socket.readyState).toBe(3);
    expect(worker.terminated).toBe(true);
  });
});
