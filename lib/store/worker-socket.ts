/**
 * The dashboard's connection, run in a dedicated worker. The browser hands each socket frame to the
 * thread that owns the socket as a task of its own, which on the page's main thread costs about as much
 * as the page's own handling of the frame; at thousands of events a second that alone keeps the page
 * from drawing on time. The worker owns the WebSocket instead and hands the page every frame that
 * arrived in one burst as a single message.
 *
 * The page sees it as a WebSocket, so the store's client takes it as it takes the browser's own. The
 * first connection of a page is still the head script's (a worker starting while the page loads delays
 * it by hundreds of milliseconds); the client moves onto one of these once the page is up.
 */
import type { SocketLike } from './socket-types';

/** Messages from the page to the worker. */
type ToWorker = { t: 'open'; url: string } | { t: 'send'; data: string } | { t: 'close'; code?: number; reason?: string };

/** Messages from the worker to the page, in the order the socket's events happened; `frames` carries one burst. */
type FromWorker = { t: 'open' } | { t: 'frames'; frames: string[] } | { t: 'error' } | { t: 'close'; code: number; reason: string };

/**
 * Most frames the page gets in one message. The page handles a message in one task, at some 50 µs a
 * frame; a burst larger than this goes as several messages, so the page can draw between them.
 */
export const MAX_BURST = 100;

/**
 * The worker: opens the socket it is told to, and gathers the frames of a burst (those that arrive before
 * its next task) into messages of at most `MAX_BURST`. Anything else the socket does goes out after the
 * frames before it.
 */
export const SOCKET_WORKER_SOURCE = `'use strict';
var ws = null, frames = [], queued = false;
function flush() {
  queued = false;
  for (var i = 0; i < frames.length; i += ${MAX_BURST}) postMessage({ t: 'frames', frames: frames.slice(i, i + ${MAX_BURST}) });
  frames = [];
}
onmessage = function (m) {
  var c = m.data;
  if (c.t === 'open' && !ws) {
    ws = new WebSocket(c.url);
    ws.onopen = function () { postMessage({ t: 'open' }); };
    ws.onmessage = function (e) {
      frames.push(e.data);
      if (!queued) { queued = true; setTimeout(flush, 0); }
    };
    ws.onerror = function () { flush(); postMessage({ t: 'error' }); };
    ws.onclose = function (e) { flush(); postMessage({ t: 'close', code: e.code, reason: e.reason }); close(); };
  } else if (c.t === 'send' && ws) ws.send(c.data);
  else if (c.t === 'close' && ws) ws.close(c.code, c.reason);
};`;

const CONNECTING = 0;
const OPEN = 1;
const CLOSING = 2;
const CLOSED = 3;

/** The worker's script, as a `blob:` address made once per page. */
let workerUrl: string | null = null;

/** Whether this browser can run the connection in a worker. */
export function workerSocketSupported(): boolean {
  return typeof Worker === 'function' && typeof Blob === 'function' && typeof URL.createObjectURL === 'function';
}

/**
 * A WebSocket to `url` whose socket lives in a worker. It behaves as the browser's does for what the
 * page uses: `send` before the socket opens throws, after `close` it is dropped; no frame is handed on
 * once the page has closed the socket; a worker that fails is a connection closed abnormally (1006).
 */
export class WorkerSocket implements SocketLike {
  readyState = CONNECTING;
  onopen: SocketLike['onopen'] = null;
  onmessage: SocketLike['onmessage'] = null;
  onclose: SocketLike['onclose'] = null;
  onerror: SocketLike['onerror'] = null;
  private readonly worker: Worker;

  constructor(url: string) {
    workerUrl ??= URL.createObjectURL(new Blob([SOCKET_WORKER_SOURCE], { type: 'text/javascript' }));
    this.worker = new Worker(workerUrl);
    this.worker.onmessage = (m: MessageEvent<FromWorker>) => this.receive(m.data);
    this.worker.onerror = () => this.end(1006, '');
    this.post({ t: 'open', url });
  }

  send(data: string): void {
    if (this.readyState === CONNECTING) throw new Error('the socket is not open yet');
    if (this.readyState === OPEN) this.post({ t: 'send', data });
  }

  close(code?: number, reason?: string): void {
    if (this.readyState >= CLOSING) return;
    this.readyState = CLOSING;
    this.post({ t: 'close', code, reason });
  }

  private receive(message: FromWorker): void {
    switch (message.t) {
      case 'frames':
        for (let i = 0; i < message.frames.length && this.readyState === OPEN; i++) this.onmessage?.({ data: message.frames[i] });
        return;
      case 'open':
        if (this.readyState !== CONNECTING) return;
        this.readyState = OPEN;
        this.onopen?.({});
        return;
      case 'error':
        this.onerror?.({});
        return;
      case 'close':
        this.end(message.code, message.reason);
    }
  }

  private end(code: number, reason: string): void {
    if (this.readyState === CLOSED) return;
    this.readyState = CLOSED;
    this.worker.terminate();
    this.onclose?.({ code, reason });
  }

  private post(message: ToWorker): void {
    this.worker.postMessage(message);
  }
}
