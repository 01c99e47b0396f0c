import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { WebSocket } from 'ws';
import { TokenAuthority } from '../../lib/gateway/auth';
import type { Broker, Publication, PublicationDraft } from '../../lib/gateway/broker/broker';
import { type HubDeps, createHub } from '../../lib/gateway/hub';
import type { HubOptions } from '../../lib/gateway/hub-context';
import type { Hub } from '../../lib/gateway/types';
import type { Channel, EventName, Role } from '../../lib/protocol';
import { type Metrics, createMetrics } from '../../lib/runtime/metrics';
import { type GatewayEngine, nodeState } from './test-engines';

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
 * send only the fields it checks (the gateway frames whatever data it is given), and resolves with where the
 * event landed once the broker holds it and this node's `onPublish` listeners have seen it (at once in
 * memory; with Redis, once the shared stream gave it back).
 */
export type TestHub = Omit<Hub, 'publish'> & {
  publish(channel: Channel, event: EventName, data: object, meta?: { id?: string; ts?: string }): Promise<PublishPosition>;
};

/** Where a test's event landed. */
export interface PublishPosition {
  seq: number;
  id: string;
  ts: string;
}

/** What the broker answered to one publish: the event's id and time, and its publication (or the promise of it). */
interface Landing {
  draft: PublicationDraft;
  publication: Publication | Promise<Publication>;
}

/** The broker, telling `onPublish` what it answers to each publish. */
function watchedBroker(broker: Broker, onPublish: (landing: Landing) => void): Broker {
  return new Proxy(broker, {
    get(target, prop) {
      if (prop === 'publish') {
        return (channel: Channel, draft: PublicationDraft) => {
          const publication = target.publish(channel, draft);
          onPublish({ draft, publication });
          return publication;
        };
      }
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/** The hub with a `publish` that says where the event landed, from what its broker answered. */
function asTestHub(hub: Hub, lastLanding: { take(): Landing | null }): TestHub {
  const publish: TestHub['publish'] = (channel, event, data, meta) => {
    lastLanding.take();
    (hub.publish as (c: Channel, e: EventName, d: object, m?: { id?: string; ts?: string }) => void)(channel, event, data, meta);
    const landing = lastLanding.take();
    if (!landing) throw new Error(`the hub did not hand ${event} to its broker`);
    const { id, ts } = landing.draft;
    // `settled` covers this publish: its onPublish listeners have run when the position resolves.
    const position = Promise.all([landing.publication, hub.settled()]).then(([publication]) => ({ seq: publication.seq, id, ts }));
    // A test that does not wait for the position still sees a failed publish: the event never reaches its clients.
    position.catch(() => {});
    return position;
  };
  return new Proxy(hub, { get: (target, prop) => (prop === 'publish' ? publish : Reflect.get(target, prop)) }) as unknown as TestHub;
}

/** A real HTTP server on 127.0.0.1 with the hub on its upgrade event, as `server.ts` wires it. */
export interface Gateway {
  url: string;
  hub: TestHub;
  /** The engines behind the hub: in memory, or on Redis (`GATEWAY_ENGINE=redis`). */
  engine: GatewayEngine;
  tokens: TokenAuthority;
  metrics: Metrics;
  token(role: Role, user?: TestUser): Promise<string>;
  /** Opens a socket; `token` goes in the query unless `headers` carry it. */
  connect(opts?: { token?: string; headers?: Record<string, string> }): Promise<TestClient>;
  /** Connects as a role and waits for `welcome`. */
  login(role: Role, user?: TestUser): Promise<TestClient>;
  /**
   * Restarts the node on the same port: a new hub on new engines. In memory its history is gone (a new
   * epoch); on Redis the shared history outlives the node (the same epoch).
   */
  restartHub(): Promise<void>;
  /** Restarts the node with the floor's history lost as well: in memory any restart; on Redis, its keys flushed. */
  restartLosingHistory(): Promise<void>;
  close(): Promise<void>;
}

/** Resolves after `ms`. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Starts a gateway on an ephemeral port, on the engines `GATEWAY_ENGINE` names (memory by default);
 * `engines.presence` replaces the engine's presence store (a shared or slow one, say) and stays the test's.
 */
export async function startGateway(options: Partial<HubOptions> = {}, engines: Pick<HubDeps, 'presence'> = {}): Promise<Gateway> {
  const tokens = new TokenAuthority(TEST_SECRET);
  const metrics = createMetrics();
  const logger = pino({ level: 'silent' });
  const state = nodeState({ history: options.history, presence: engines.presence, logger });
  let landing: Landing | null = null;
  const lastLanding = {
    take() {
      const taken = landing;
      landing = null;
      return taken;
    },
  };
  const startNode = async () => {
    const node = await state.open();
    const broker = watchedBroker(node.broker, (l) => (landing = l));
    return { node, hub: createHub({ tokens, metrics, logger, options, broker, presence: node.presence }) };
  };
  let { node, hub } = await startNode();
  const stopNode = async () => {
    await hub.close();
    await hub.settled();
    await node.close();
  };
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
      return asTestHub(hub, lastLanding);
    },
    engine: state.engine,
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
      await stopNode();
      ({ node, hub } = await startNode());
    },
    async restartLosingHistory() {
      await stopNode();
      await state.forget();
      ({ node, hub } = await startNode());
    },
    async close() {
      for (const client of clients) client.ws.terminate();
      await stopNode();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return gateway;
}
