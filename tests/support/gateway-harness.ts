import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { WebSocket } from 'ws';
import { TokenAuthority } from '../../lib/gateway/auth';
import { type HubDeps, createHub } from '../../lib/gateway/hub';
import type { HubOptions } from '../../lib/gateway/hub-context';
import type { Hub } from '../../lib/gateway/types';
import type { Channel, EventName, Role } from '../../lib/protocol';
import { type Metrics, createMetrics } from '../../lib/runtime/metrics';

export const TEST_SECRET = 'conformance-secret-0123456789abcdef';

/** A frame as the client received it; tests read fields freely. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Frame = Record<string, any>;

/** A user for `token()`; the role decides permissions, the rest defaults from it. */
export interface TestUser {
  user_id?: string;
  name?: string;
  locations?: string[];
  ttlSeconds?: number;
}

/** A real `ws` client that records every frame and lets tests await them. */
export class TestClient {
  readonly frames: Frame[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;
  readonly opened: Promise<void>;
  private waiters: { pred: (f: Frame) => boolean; resolve: (f: Frame) => void }[] = [];
  private nextId = 0;

  constructor(readonly ws: WebSocket) {
    this.opened = new Promise((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    this.closed = new Promise((resolve) => ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() })));
    ws.on('message', (raw) => {
      const frame = JSON.parse(raw.toString()) as Frame;
      this.frames.push(frame);
      this.waiters = this.waiters.filter((w) => {
        if (!w.pred(frame)) return true;
        w.resolve(frame);
        return false;
      });
    });
    ws.on('error', () => {});
  }

  /** Sends an object as JSON, or a raw string as is. */
  send(frame: object | string): void {
    this.ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }

  /** The first frame (already received or still to come) that matches, within the timeout. */
  waitFor(pred: (f: Frame) => boolean, timeoutMs = 3000, what = 'frame'): Promise<Frame> {
    const seen = this.frames.find(pred);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}; got ${JSON.stringify(this.frames.slice(-5))}`)), timeoutMs);
      this.waiters.push({
        pred,
        resolve: (f) => {
          clearTimeout(timer);
          resolve(f);
        },
      });
    });
  }

  /** The first frame of a type. */
  waitForType(type: string, timeoutMs?: number): Promise<Frame> {
    return this.waitFor((f) => f.type === type, timeoutMs, `a '${type}' frame`);
  }

  /** Sends a request with a fresh id and resolves with the frame that echoes it. */
  request(frame: Frame, timeoutMs?: number): Promise<Frame> {
    const id = frame.id ?? `req-${++this.nextId}`;
    this.send({ ...frame, id });
    return this.waitFor((f) => f.id === id, timeoutMs, `an answer to ${id}`);
  }

  /** Subscribes and returns the response (which must be a success). */
  async subscribe(channel: string, params?: object, extra?: object): Promise<Frame> {
    const res = await this.request({ type: 'subscribe', channel, params, ...extra });
    if (res.type !== 'response') throw new Error(`subscribe ${channel} failed: ${JSON.stringify(res)}`);
    return res;
  }

  /** Event frames received so far, optionally for one subscription. */
  events(subscriptionId?: string): Frame[] {
    return this.frames.filter((f) => f.type === 'event' && (subscriptionId === undefined || f.subscription_id === subscriptionId));
  }

  /** Resolves after `ms`, then returns the frames that matched in the meantime. */
  async quiet(ms: number, pred: (f: Frame) => boolean): Promise<Frame[]> {
    const start = this.frames.length;
    await sleep(ms);
    return this.frames.slice(start).filter(pred);
  }

  /** Closes from the client side and waits for the close. */
  async close(): Promise<void> {
    if (this.ws.readyState === WebSocket.OPEN || this.ws.readyState === WebSocket.CONNECTING) this.ws.close();
    await this.closed;
  }
}

/**
 * The hub as the conformance tests drive it: `publish` takes any object as an event's data, so a test can
 * send only the fields it checks (the gateway frames whatever data it is given).
 */
export type TestHub = Omit<Hub, 'publish'> & {
  publish(channel: Channel, event: EventName, data: object, meta?: { id?: string; ts?: string }): PublishPosition;
};

/** Where a test's event landed. */
export interface PublishPosition {
  seq: number;
  id: string;
  ts: string;
}

/** The hub with a `publish` that says where the event landed (its in-memory broker publishes before returning). */
function asTestHub(hub: Hub): TestHub {
  const publish: TestHub['publish'] = (channel, event, data, meta) => {
    let position: PublishPosition | null = null;
    const stop = hub.onPublish((published) => void (position ??= { seq: published.seq, id: published.id, ts: published.ts }));
    try {
      (hub.publish as (c: Channel, e: EventName, d: object, m?: { id?: string; ts?: string }) => void)(channel, event, data, meta);
    } finally {
      stop();
    }
    if (!position) throw new Error('the test hub publishes on an in-memory broker only');
    return position;
  };
  return new Proxy(hub, { get: (target, prop) => (prop === 'publish' ? publish : Reflect.get(target, prop)) }) as unknown as TestHub;
}

/** A real HTTP server on 127.0.0.1 with the hub on its upgrade event, as `server.ts` wires it. */
export interface Gateway {
  url: string;
  hub: TestHub;
  tokens: TokenAuthority;
  metrics: Metrics;
  token(role: Role, user?: TestUser): Promise<string>;
  /** Opens a socket; `token` goes in the query unless `headers` carry it. */
  connect(opts?: { token?: string; headers?: Record<string, string> }): Promise<TestClient>;
  /** Connects as a role and waits for `welcome`. */
  login(role: Role, user?: TestUser): Promise<TestClient>;
  /** Replaces the hub with a new one (a new epoch) on the same port, as a restart would. */
  restartHub(): Promise<void>;
  close(): Promise<void>;
}

/** Resolves after `ms`. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Starts a gateway on an ephemeral port; `engines` replace the in-memory ones (a shared presence store, say). */
export async function startGateway(options: Partial<HubOptions> = {}, engines: Pick<HubDeps, 'presence'> = {}): Promise<Gateway> {
  const tokens = new TokenAuthority(TEST_SECRET);
  const metrics = createMetrics();
  const logger = pino({ level: 'silent' });
  let hub = createHub({ tokens, metrics, logger, options, ...engines });
  const clients = new Set<TestClient>();
  const server: Server = createServer((_req, res) => res.writeHead(404).end());
  server.on('upgrade', (req, socket, head) => {
    if ((req.url ?? '').split('?')[0] === '/v1/ws') hub.handleUpgrade(req, socket, head);
    else socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/v1/ws`;

  const gateway: Gateway = {
    url,
    get hub() {
      return asTestHub(hub);
    },
    tokens,
    metrics,
    token: (role, user = {}) =>
      tokens.mint({ user_id: user.user_id ?? `u-${role}`, name: user.name ?? `Test ${role}`, role, locations: user.locations }, user.ttlSeconds),
    async connect(opts = {}) {
      const target = opts.token ? `${url}?token=${encodeURIComponent(opts.token)}` : url;
      const client = new TestClient(new WebSocket(target, { headers: opts.headers, perMessageDeflate: false }));
      clients.add(client);
      await client.opened;
      return client;
    },
    async login(role, user) {
      const client = await gateway.connect({ token: await gateway.token(role, user) });
      await client.waitForType('welcome');
      return client;
    },
    async restartHub() {
      await hub.close();
      hub = createHub({ tokens, metrics, logger, options, ...engines });
    },
    async close() {
      for (const client of clients) client.ws.terminate();
      await hub.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return gateway;
}
