import WebSocket from 'ws';
import { contractViolation } from './contract';

/** A frame as received; tests read fields freely. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Frame = Record<string, any>;

export interface PeerOptions {
  token?: string;
  headers?: Record<string, string>;
  /** Keep every frame in `frames` (off for long fuzz runs). */
  keep?: boolean;
}

/**
 * A dashboard connection for the reliability suite: checks every frame it receives against the
 * contract, counts what it got, and lets a test await the frame it expects. Frames are kept only on request.
 */
export class Peer {
  readonly frames: Frame[] = [];
  /** Contract violations seen on this connection (bad shape, unknown type, unparseable text). */
  readonly violations: string[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;
  received = 0;
  /** Byte length of every raw frame, when `onRaw` is set. */
  onRaw: ((bytes: number, frame: Frame) => void) | null = null;
  private waiters: { match: (f: Frame) => boolean; resolve: (f: Frame) => void; reject: (e: Error) => void }[] = [];
  private closeInfo: { code: number; reason: string } | null = null;

  private constructor(
    readonly ws: WebSocket,
    private keep: boolean,
  ) {
    this.closed = new Promise((resolve) =>
      ws.once('close', (code, reason) => {
        this.closeInfo = { code, reason: reason.toString() };
        for (const w of this.waiters) w.reject(new Error(`connection closed with ${code} ${reason.toString()}`));
        this.waiters = [];
        resolve(this.closeInfo);
      }),
    );
    ws.on('error', () => {});
    ws.on('message', (raw: Buffer) => {
      this.received++;
      let frame: Frame;
      try {
        frame = JSON.parse(raw.toString('utf8')) as Frame;
      } catch {
        this.violations.push(`unparseable frame: ${raw.toString('utf8').slice(0, 120)}`);
        return;
      }
      const violation = contractViolation(frame);
      if (violation) this.violations.push(violation);
      this.onRaw?.(raw.length, frame);
      if (this.keep) this.frames.push(frame);
      if (this.waiters.length === 0) return;
      const still: typeof this.waiters = [];
      for (const w of this.waiters) if (w.match(frame)) w.resolve(frame);
      else still.push(w);
      this.waiters = still;
    });
  }

  /** Opens a socket (`?token=` when a token is given) and waits for the upgrade. */
  static async open(url: string, options: PeerOptions = {}): Promise<Peer> {
    const target = options.token ? `${url}?token=${encodeURIComponent(options.token)}` : url;
    const ws = new WebSocket(target, { headers: options.headers, perMessageDeflate: false, maxPayload: 64 * 1024 * 1024 });
    // Frames are kept until the caller has seen the first ones: `welcome` may arrive with the upgrade itself.
    const peer = new Peer(ws, true);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('unexpected-response', (_req, res) => reject(Object.assign(new Error(`upgrade answered HTTP ${res.statusCode}`), { status: res.statusCode })));
      ws.once('error', reject);
    });
    if (options.keep === false) peer.keepFrames(false);
    return peer;
  }

  /** Opens a socket with a token and waits for `welcome`. */
  static async login(url: string, token: string, options: Omit<PeerOptions, 'token'> = {}): Promise<Peer> {
    const peer = await Peer.open(url, { ...options, token, keep: true });
    const first = await peer.next((f) => f.type === 'welcome' || f.type === 'error', 10_000);
    if (first.type !== 'welcome') throw new Error(`login refused: ${JSON.stringify(first)}`);
    peer.keepFrames(options.keep ?? true);
    return peer;
  }

  /** Whether frames are kept from now on; turning it off forgets the kept ones. */
  keepFrames(keep: boolean): void {
    this.keep = keep;
    if (!keep) this.frames.length = 0;
  }

  get isOpen(): boolean {
    return this.ws.readyState === WebSocket.OPEN;
  }

  /** The close code and reason, once closed. */
  get closeState(): { code: number; reason: string } | null {
    return this.closeInfo;
  }

  /** The next frame that matches (a kept one first); rejects after `timeoutMs` or when the socket closes. */
  next(match: (f: Frame) => boolean, timeoutMs = 5000): Promise<Frame> {
    const seen = this.frames.find(match);
    if (seen) return Promise.resolve(seen);
    if (this.closeInfo) return Promise.reject(new Error(`connection closed with ${this.closeInfo.code}`));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(new Error(`no matching frame within ${timeoutMs} ms (close: ${JSON.stringify(this.closeInfo)})`));
      }, timeoutMs);
      const waiter = {
        match,
        resolve: (f: Frame) => {
          clearTimeout(timer);
          resolve(f);
        },
        reject: (e: Error) => {
          clearTimeout(timer);
          reject(e);
        },
      };
      this.waiters.push(waiter);
    });
  }

  /** Sends an object as JSON, or text or bytes as they are. */
  send(frame: object | string | Buffer): void {
    if (!this.isOpen) return;
    this.ws.send(typeof frame === 'string' || Buffer.isBuffer(frame) ? frame : JSON.stringify(frame));
  }

  /** Sends bytes as a text frame as they are, valid UTF-8 or not. */
  sendRawText(bytes: Buffer): void {
    if (this.isOpen) this.ws.send(bytes, { binary: false });
  }

  /** Sends a request and resolves with the response or error echoing its id. */
  request(frame: Frame & { id: string }, timeoutMs = 5000): Promise<Frame> {
    const answer = this.next((f) => f.id === frame.id && f.type !== 'event' && f.type !== 'snapshot', timeoutMs);
    this.send(frame);
    return answer;
  }

  /** Subscribes and returns the success response; throws on an error answer. */
  async subscribe(id: string, channel: string, params?: object): Promise<Frame> {
    const res = await this.request({ type: 'subscribe', id, channel, ...(params ? { params } : {}) });
    if (res.type !== 'response') throw new Error(`subscribe ${channel} refused: ${JSON.stringify(res)}`);
    return res;
  }

  /** Forgets kept frames (long-lived peers). */
  clear(): void {
    this.frames.length = 0;
  }

  /** Closes at once. */
  terminate(): void {
    this.ws.terminate();
  }
}

/** Runs `work` over `items` with at most `limit` at a time. */
export async function inParallel<T, R>(items: T[], limit: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i], i);
    }
  });
  await Promise.all(lanes);
  return results;
}

/**
 * Spaces sends at most `perSecond` apart. A sender that fell behind (a stalled reply) does not catch up
 * in a burst: the gateway's limit is a rate, and a burst past it would be rate-limited by right.
 */
export function pacer(perSecond: number): () => Promise<void> {
  const interval = 1000 / perSecond;
  let next = performance.now();
  return async () => {
    const now = performance.now();
    if (next > now + 1) await sleep(next - now);
    next = Math.max(now, next) + interval;
  };
}

/** Resolves after `ms`. */
export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
