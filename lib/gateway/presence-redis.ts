import { type PresenceUser, isChannel } from '../protocol';
import type { Logger } from '../runtime/logger';
import { PresenceRoster } from './presence';
import { JOIN, LEAVE, SYNC, TICK } from './presence-redis-scripts';
import type { PresenceAnnouncement, PresenceScope, PresenceStore } from './presence-store';

/** The Redis commands presence uses, as node-redis (`redis` 6) offers them; any client of the node's own will do. */
export interface RedisPresenceClient {
  eval(script: string, options: { arguments: string[] }): Promise<unknown>;
  hVals(key: string): Promise<string[]>;
  hGet(key: string, field: string): Promise<unknown>;
}

/**
 * A heartbeat lasts 8 s and is renewed, and dead nodes swept, every 2 s: a dead node's users are out within
 * 10 s (docs/protocol.md §10 allows 15), and a live node is swept only after missing four beats in a row.
 */
export const PRESENCE_TTL_MS = 8_000;
/** How long a call may wait for Redis before the request fails (its change still lands, in order, if Redis comes back). */
const CALL_TIMEOUT_MS = 5_000;

/** What a `RedisPresence` needs besides its client. */
export interface RedisPresenceOptions {
  /** This gateway node, unique among the nodes sharing the Redis (its connections are counted under it). */
  nodeId: string;
  logger: Logger;
  /** How long a node's heartbeat lasts; it is renewed, and dead nodes are swept, four times as often. */
  ttlMs?: number;
  /** Keeps stores apart on one Redis (tests); `floor` by default. */
  namespace?: string;
  /** How long a call may wait for Redis before it fails; 5 s by default. */
  callTimeoutMs?: number;
}

/** The scope id used in Redis keys and announcements: `channel`, or `channel|location_id`. */
export function scopeId(scope: PresenceScope): string {
  return scope.location_id === undefined ? scope.channel : `${scope.channel}|${scope.location_id}`;
}

/** The scope a scope id names; ids come from `scopeId`, so a channel that is not one means a corrupt key. */
function scopeOf(id: string): PresenceScope {
  const bar = id.indexOf('|');
  const channel = bar < 0 ? id : id.slice(0, bar);
  if (!isChannel(channel)) throw new Error(`presence scope '${id}' names no channel`);
  return bar < 0 ? { channel } : { channel, location_id: id.slice(bar + 1) };
}

/**
 * `PresenceStore` on Redis, shared by every gateway node (docs/protocol.md §10). Per scope Redis holds each
 * user's entry and how many connections hold them, on all nodes together, and per node its own share; one
 * Lua script per change keeps them consistent, decides `first` and last across the cluster, and publishes
 * the announcement on the presence channel, which every other node delivers to its own audience (the
 * deciding node delivers the answer it got instead, so nothing arrives twice).
 *
 * Each node renews a heartbeat (`ttlMs`) and sweeps nodes whose heartbeat ran out: their users leave,
 * announced once by the node whose sweep took them out. A node that finds itself swept (a pause, a Redis
 * restart) writes its connections back. The per-connection calls answer from this node's own roster.
 * Announcements of one node's calls reach others in Redis order, but a node may deliver its own answer and
 * another node's announcement about the same user in the same instant in either order.
 */
export class RedisPresence<Conn> implements PresenceStore<Conn> {
  private readonly local = new PresenceRoster<Conn>();
  private readonly listeners = new Set<(announcement: PresenceAnnouncement) => void>();
  private readonly pending = new Set<Promise<unknown>>();
  private readonly prefix: string;
  private readonly ttlMs: number;
  private readonly nodeId: string;
  private readonly logger: Logger;
  private readonly callTimeoutMs: number;
  private timer: NodeJS.Timeout | undefined;
  private syncing: Promise<void> | null = null;
  private beatFailing = false;
  private retired = false;

  constructor(
    private readonly redis: RedisPresenceClient,
    options: RedisPresenceOptions,
  ) {
    this.prefix = `fm:presence:${options.namespace ?? 'floor'}:`;
    this.ttlMs = options.ttlMs ?? PRESENCE_TTL_MS;
    this.nodeId = options.nodeId;
    this.logger = options.logger;
    this.callTimeoutMs = options.callTimeoutMs ?? CALL_TIMEOUT_MS;
  }

  /** The pub/sub channel the announcements travel on. */
  get channel(): string {
    return `${this.prefix}announcements`;
  }

  /** Registers this node (dropping what a former life of the same node id left) and starts its heartbeat. */
  async start(): Promise<void> {
    await this.sync();
    this.timer = setInterval(() => this.tick(), Math.max(50, Math.floor(this.ttlMs / 4)));
    this.timer.unref();
  }

  /** Stops the heartbeat; the node's users stay in Redis until a sweep takes them out, as if the node had died. */
  stopHeartbeat(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Waits for calls under way, then takes this node's remaining connections out, announcing who is gone. */
  async retire(): Promise<void> {
    this.retired = true;
    this.stopHeartbeat();
    // Calls to an unreachable Redis may never settle; shutting down waits for them only as long as for one call.
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([Promise.allSettled([...this.pending]), new Promise((resolve) => (timer = setTimeout(resolve, this.callTimeoutMs)))]);
    clearTimeout(timer);
    await this.script(SYNC, ['0']).then((reply) => this.emit(announcements(reply, 0)));
  }

  join(scope: PresenceScope, conn: Conn, user: PresenceUser): Promise<{ first: boolean; user: PresenceUser }> {
    const again = this.local.isJoined(scope, conn);
    const here = this.local.join(scope, conn, user);
    if (again) return this.track(this.redis.hGet(`${this.prefix}users:${scopeId(scope)}`, user.user_id)).then((held) => ({ first: false, user: parseEntry(held) ?? here.user }));
    const id = scopeId(scope);
    return this.script(JOIN, [id, field(id, user.user_id), user.user_id, JSON.stringify(user)]).then((reply) => {
      const [state, held] = reply as [string, string?];
      if (state === 'swept') this.resync();
      return { first: state === 'first', user: parseEntry(held) ?? here.user };
    });
  }

  leave(scope: PresenceScope, conn: Conn, userId: string): Promise<PresenceUser | null> | null {
    if (!this.local.isJoined(scope, conn)) return null;
    this.local.leave(scope, conn, userId);
    return this.leaveScopes([scope], userId).then((left) => left[0]?.user ?? null);
  }

  leaveAll(conn: Conn, userId: string): Promise<{ scope: PresenceScope; user: PresenceUser }[]> | [] {
    const scopes = this.local.scopesOf(conn);
    this.local.leaveAll(conn, userId);
    return scopes.length === 0 ? [] : this.leaveScopes(scopes, userId);
  }

  async list(scope: PresenceScope): Promise<PresenceUser[]> {
    const entries = await this.track(this.redis.hVals(`${this.prefix}users:${scopeId(scope)}`));
    return entries.map(parseEntry).filter((u): u is PresenceUser => u !== null);
  }

  scopeCount(conn: Conn): number {
    return this.local.scopeCount(conn);
  }

  isJoined(scope: PresenceScope, conn: Conn): boolean {
    return this.local.isJoined(scope, conn);
  }

  scopesOf(conn: Conn): PresenceScope[] {
    return this.local.scopesOf(conn);
  }

  connections(scope: PresenceScope): Iterable<Conn> {
    return this.local.connections(scope);
  }

  onAnnouncement(listener: (announcement: PresenceAnnouncement) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Handles a message of the presence channel: another node's announcement reaches this node's listeners. */
  receive(message: string): void {
    try {
      const { node, event, scope, user } = JSON.parse(message) as { node: string; event: PresenceAnnouncement['event']; scope: string; user: PresenceUser };
      if (node !== this.nodeId) this.emit([{ event, scope: scopeOf(scope), user }]);
    } catch (err) {
      this.logger.warn({ err }, 'unreadable presence announcement dropped');
    }
  }

  private leaveScopes(scopes: PresenceScope[], userId: string): Promise<{ scope: PresenceScope; user: PresenceUser }[]> {
    const args = [userId, ...scopes.flatMap((s) => [scopeId(s), field(scopeId(s), userId)])];
    return this.script(LEAVE, args).then((reply) => {
      if ((reply as string[])[0] === 'swept') this.resync();
      return announcements(reply, 1).map(({ scope, user }) => ({ scope, user }));
    });
  }

  private tick(): void {
    void this.script(TICK, [String(this.ttlMs)])
      .then((reply) => {
        if (this.beatFailing) this.logger.info({ node: this.nodeId }, 'presence heartbeat answered again');
        this.beatFailing = false;
        this.emit(announcements(reply, 1));
        if ((reply as string[])[0] === 'swept') this.resync();
      })
      .catch((err: unknown) => {
        // Logged once per outage, not on every beat.
        if (!this.beatFailing) this.logger.warn({ err, node: this.nodeId }, 'presence heartbeat failed; retrying on every beat');
        this.beatFailing = true;
      });
  }

  /** Writes this node's connections back after it was swept; one sync at a time. */
  private resync(): void {
    if (this.retired) return;
    this.syncing ??= this.sync()
      .catch((err: unknown) => this.logger.warn({ err, node: this.nodeId }, 'presence resync failed; the next heartbeat retries'))
      .finally(() => (this.syncing = null));
  }

  private async sync(): Promise<void> {
    const held = [...this.local.memberships()].flatMap(({ scope, user, connections }) => [field(scopeId(scope), user.user_id), String(connections), JSON.stringify(user)]);
    this.emit(announcements(await this.script(SYNC, [String(this.ttlMs), ...held]), 0));
  }

  /** Runs a script with the prefix and node id first; calls leave in the order made, on the client's one connection. */
  private script(source: string, args: string[]): Promise<unknown> {
    return this.track(this.redis.eval(source, { arguments: [this.prefix, this.nodeId, ...args] }));
  }

  /** Bounds a call by `callTimeoutMs` and remembers it until it settles, so `retire` can wait for it. */
  private track<T>(call: Promise<T>): Promise<T> {
    this.pending.add(call);
    const forget = () => this.pending.delete(call);
    call.then(forget, forget);
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`Redis did not answer a presence call within ${this.callTimeoutMs} ms`)), this.callTimeoutMs);
      call.then(resolve, reject).finally(() => clearTimeout(timer));
    });
  }

  private emit(list: PresenceAnnouncement[]): void {
    for (const announcement of list) {
      for (const listener of this.listeners) {
        try {
          listener(announcement);
        } catch (err) {
          this.logger.error({ err, event: announcement.event }, 'delivering a presence announcement failed');
        }
      }
    }
  }
}

/** The hash field of a user in a scope, in this node's share. */
function field(scope: string, userId: string): string {
  return JSON.stringify([scope, userId]);
}

function parseEntry(entry: unknown): PresenceUser | null {
  return typeof entry === 'string' && entry !== '' ? (JSON.parse(entry) as PresenceUser) : null;
}

/** The announcements at the tail of a script's reply, from `from` on, three items each. */
function announcements(reply: unknown, from: number): PresenceAnnouncement[] {
  const items = reply as string[];
  const list: PresenceAnnouncement[] = [];
  for (let i = from; i + 2 < items.length; i += 3) {
    const user = parseEntry(items[i + 2]);
    if (user) list.push({ event: items[i] as PresenceAnnouncement['event'], scope: scopeOf(items[i + 1]), user });
  }
  return list;
}
