import { createHash } from 'node:crypto';
import { createClient } from 'redis';
import { CHANNELS, type Channel } from '../../protocol';
import type { Logger } from '../../runtime/logger';
import { eventTail } from '../frames';
import { ChannelHistory, DEFAULT_HISTORY, type HistoryEntry, type HistoryOptions } from '../history';
import type { Broker, Publication, PublicationDraft, PublicationHandler, RemotePublication } from './broker';
import { newEpoch } from './memory-broker';
import { PUBLISH_SCRIPT, RESET_EPOCH_SCRIPT, type RawRead, type RedisClient, type StreamEntry, type StreamKeys, evalScript, parseEntry, readStreams, readTail, streamKeys } from './redis-streams';
import { SeqWaiters } from './seq-waiters';

export interface RedisBrokerOptions {
  url: string;
  /** This node's name, written with each publication so it knows its own when they come back. */
  nodeId: string;
  /** Keys live under it; nodes of one floor share it. */
  prefix?: string;
  history?: HistoryOptions;
  logger: Logger;
  /** How often the epoch is checked when no publication arrives (ms). */
  epochCheckMs?: number;
}

const CHANNEL_LIST = Object.keys(CHANNELS) as Channel[];
/** How long one `XREAD` waits for entries before the loop checks the epoch and its own state. */
const READ_BLOCK_MS = 1000;
const READ_COUNT = 2000;
/** How long a publish waits to see its entry come back before it gives up on delivering it here. */
const OWN_ENTRY_TIMEOUT_MS = 10_000;

const ignore: PublicationHandler = () => {};

/** Most publications stored by one script call (Redis runs a script alone, so each call stays short). */
const PUBLISH_BATCH = 500;

interface Queued {
  channel: Channel;
  draft: PublicationDraft;
  resolve(publication: Publication): void;
  reject(err: unknown): void;
}

/**
 * The `Broker` of a floor served by several nodes (docs/protocol.md §10), on Redis streams as centrifuge's
 * Redis engine keeps history: per channel a stream (`XADD … MAXLEN ~`) and a seq counter beside the epoch
 * in one hash, both changed by one script, so a seq is never given twice or skipped.
 *
 * Every node reads every channel's stream in order (one blocking `XREAD` over all of them) into a mirror
 * of recent history, and delivers from it: its own publications and other nodes' alike, each once, in seq
 * order. `lastSeq` and `after` answer from the mirror without a round trip, so subscribing stays one step
 * with no publication falling between replay and going live. A node that starts reads the streams' tails
 * first. When the epoch in Redis differs from the node's (its hash was lost), the node drops its mirror,
 * adopts the new epoch and tells `onEpochChange`, so no client is told it recovered across the loss.
 */
export class RedisBroker implements Broker {
  epoch = '';
  private readonly keys: StreamKeys;
  private readonly options: HistoryOptions;
  private readonly mirrors = new Map<Channel, ChannelHistory>();
  private readonly lastIds = new Map<Channel, string>();
  private readonly waiters = new SeqWaiters<Publication>();
  private readonly sha = { value: createHash('sha1').update(PUBLISH_SCRIPT).digest('hex') as string | null };
  private handler: PublicationHandler = ignore;
  private remote: ((publication: RemotePublication) => void) | null = null;
  private readonly epochListeners: ((epoch: string) => void)[] = [];
  private closed = false;
  private reading: Promise<void> = Promise.resolve();
  private lastEpochCheck = 0;
  /** Publications of this turn, sent together once it ends. */
  private queued: Queued[] = [];
  /** The epoch this node proposes should Redis have none; drawn again only once it is used. */
  private candidate = newEpoch();
  /** What the node loaded at start, until `replayLoaded` hands it over. */
  private loaded: RemotePublication[] | null = [];

  private constructor(
    private readonly client: RedisClient,
    private readonly reader: RedisClient,
    private readonly opts: RedisBrokerOptions,
  ) {
    this.keys = streamKeys(opts.prefix ?? 'fm');
    this.options = opts.history ?? DEFAULT_HISTORY;
  }

  /** Connects, adopts the floor's epoch (creating it on an empty Redis), loads the streams' tails and starts reading. */
  static async connect(opts: RedisBrokerOptions): Promise<RedisBroker> {
    const client = createClient({ url: opts.url, socket: { reconnectStrategy: (retries) => Math.min(100 * 2 ** retries, 3000) } });
    client.on('error', (err) => opts.logger.warn({ err: String(err) }, 'redis connection error'));
    await client.connect();
    const reader = client.duplicate();
    reader.on('error', () => {});
    await reader.connect();
    const broker = new RedisBroker(client, reader, opts);
    await broker.adoptEpoch();
    broker.reading = broker.readLoop();
    return broker;
  }

  /** Whether the connection to Redis is up (health answers 503 while it is not). */
  get ready(): boolean {
    return this.client.isReady && this.reader.isReady;
  }

  publish(channel: Channel, draft: PublicationDraft): Promise<Publication> {
    return new Promise((resolve, reject) => {
      if (this.queued.length === 0) queueMicrotask(() => this.flush());
      this.queued.push({ channel, draft, resolve, reject });
    });
  }

  /** Sends what was published in this turn, in order, in calls of at most `PUBLISH_BATCH` publications. */
  private flush(): void {
    const queued = this.queued;
    this.queued = [];
    for (let start = 0; start < queued.length; start += PUBLISH_BATCH) void this.store(queued.slice(start, start + PUBLISH_BATCH));
  }

  private async store(batch: Queued[]): Promise<void> {
    const keys = [this.keys.meta];
    const args = [this.candidate, String(this.options.minEvents), this.opts.nodeId];
    for (const { channel, draft } of batch) {
      keys.push(this.keys.stream(channel));
      args.push(channel, draft.event, draft.id, draft.ts, draft.dataJson, JSON.stringify(draft.fields));
    }
    let reply: (string | number)[];
    try {
      reply = (await evalScript(this.client, PUBLISH_SCRIPT, this.sha, keys, args)) as (string | number)[];
    } catch (err) {
      for (const item of batch) item.reject(err);
      return;
    }
    const epoch = String(reply[0]);
    // This node's candidate became the epoch: the next loss of history needs another one.
    if (epoch === this.candidate) this.candidate = newEpoch();
    batch.forEach((item, i) => void this.positioned(item, epoch, Number(reply[i + 1])).then(item.resolve, item.reject));
  }

  /** The publication at its position, as delivered here (or as stored, when it does not come back in time). */
  private async positioned({ channel, draft }: Queued, epoch: string, seq: number): Promise<Publication> {
    // The reader's connection may have brought the entry back before this answer arrived.
    const kept = epoch === this.epoch && this.lastSeq(channel) >= seq ? this.after(channel, seq - 1)?.[0] : undefined;
    if (kept) return { epoch, ...kept };
    const delivered = await this.waiters.wait(channel, epoch, seq, OWN_ENTRY_TIMEOUT_MS);
    if (delivered) return delivered;
    // Stored, but not seen here in time (the reader is behind or reconnecting): its position is still true.
    const tail = Buffer.from(eventTail(channel, draft.event, seq, draft.id, draft.ts, draft.dataJson));
    return { epoch, seq, event: draft.event, fields: draft.fields, tail };
  }

  onPublication(handler: PublicationHandler): void {
    this.handler = handler;
  }

  /** Other nodes' publications, with their data, for what this node keeps of the floor's state. */
  onRemote(handler: (publication: RemotePublication) => void): void {
    this.remote = handler;
  }

  replayLoaded(): void {
    const loaded = this.loaded ?? [];
    this.loaded = null;
    if (this.remote) for (const publication of loaded) this.remote(publication);
  }

  onEpochChange(listener: (epoch: string) => void): void {
    this.epochListeners.push(listener);
  }

  lastSeq(channel: Channel): number {
    return this.mirror(channel).lastSeq;
  }

  after(channel: Channel, since: number): HistoryEntry[] | null {
    return this.mirror(channel).after(since);
  }

  /** Resolves true once this node has delivered the channel up to `seq` in the current epoch; false after `timeoutMs`. */
  async reach(channel: Channel, seq: number, timeoutMs: number): Promise<boolean> {
    if (this.lastSeq(channel) >= seq) return true;
    return (await this.waiters.wait(channel, this.epoch, seq, timeoutMs)) !== null || this.lastSeq(channel) >= seq;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.waiters.clear();
    this.reader.destroy();
    await this.reading.catch(() => {});
    await this.client.close().catch(() => this.client.destroy());
  }

  private mirror(channel: Channel): ChannelHistory {
    let history = this.mirrors.get(channel);
    if (!history) this.mirrors.set(channel, (history = new ChannelHistory(this.options)));
    return history;
  }

  /** Reads the epoch (creating one on an empty Redis) and, when it is new to this node, starts over from the streams' tails. */
  private async adoptEpoch(): Promise<void> {
    await this.client.sendCommand(['HSETNX', this.keys.meta, 'epoch', newEpoch()]);
    const epoch = (await this.client.sendCommand(['HGET', this.keys.meta, 'epoch'])) as string;
    if (epoch === this.epoch) return;
    const first = this.epoch === '';
    if (!first) this.opts.logger.warn({ from: this.epoch, to: epoch }, 'stream history was lost: new epoch');
    this.epoch = epoch;
    this.mirrors.clear();
    for (const channel of CHANNEL_LIST) {
      const entries = await readTail(this.client, this.keys.stream(channel), this.options.minEvents);
      this.lastIds.set(channel, entries.length ? entries[entries.length - 1][0] : '0-0');
      // Only the newest unbroken run of this epoch's seqs is history; anything before a gap is not.
      const parsed = entries.map(([id, flat]) => parseEntry(id, flat)).filter((e): e is StreamEntry => e !== null && e.epoch === epoch);
      let start = parsed.length;
      while (start > 0 && (start === parsed.length || parsed[start - 1].seq === parsed[start].seq - 1)) start--;
      for (const entry of parsed.slice(start)) {
        this.keep(channel, entry);
        if (first) this.loaded?.push({ origin: 'history', channel, event: entry.event, seq: entry.seq, id: entry.id, ts: entry.ts, dataJson: entry.dataJson });
      }
    }
    if (!first) for (const listener of this.epochListeners) listener(epoch);
  }

  private async readLoop(): Promise<void> {
    let failures = 0;
    while (!this.closed) {
      try {
        if (Date.now() - this.lastEpochCheck >= (this.opts.epochCheckMs ?? 1000)) {
          this.lastEpochCheck = Date.now();
          await this.adoptEpoch();
        }
        const command = ['XREAD', 'COUNT', String(READ_COUNT), 'BLOCK', String(READ_BLOCK_MS), 'STREAMS'];
        for (const channel of CHANNEL_LIST) command.push(this.keys.stream(channel));
        for (const channel of CHANNEL_LIST) command.push(this.lastIds.get(channel) ?? '0-0');
        const read = (await this.reader.sendCommand(command)) as RawRead;
        failures = 0;
        if (read) this.deliverRead(read);
      } catch (err) {
        if (this.closed) return;
        failures++;
        this.opts.logger.warn({ err: String(err) }, 'reading the shared streams failed; retrying');
        await new Promise((resolve) => setTimeout(resolve, Math.min(100 * 2 ** failures, 3000)));
      }
    }
  }

  private deliverRead(read: NonNullable<RawRead>): void {
    const byKey = new Map(CHANNEL_LIST.map((channel) => [this.keys.stream(channel), channel]));
    for (const [key, entries] of readStreams(read)) {
      const channel = byKey.get(key);
      if (!channel) continue;
      for (const [id, flat] of entries) {
        this.lastIds.set(channel, id);
        const entry = parseEntry(id, flat);
        if (!entry) continue;
        if (entry.epoch !== this.epoch) {
          // Written in another epoch: an older one is no longer history; a newer one is checked on the next turn.
          this.lastEpochCheck = 0;
          continue;
        }
        this.deliver(channel, entry);
      }
    }
  }

  private deliver(channel: Channel, entry: StreamEntry): void {
    const mirror = this.mirror(channel);
    if (entry.seq <= mirror.lastSeq) return this.diverged(channel, entry);
    if (mirror.lastSeq !== 0 && entry.seq !== mirror.lastSeq + 1) {
      // The stream was trimmed past what this node had read: what it keeps starts again here.
      this.opts.logger.warn({ channel, from: mirror.lastSeq, to: entry.seq }, 'node fell behind the shared stream; history restarts');
      this.mirrors.set(channel, new ChannelHistory(this.options));
    }
    const publication = this.keep(channel, entry);
    try {
      this.handler(channel, publication);
    } finally {
      if (entry.node !== this.opts.nodeId && this.remote) this.remote({ origin: 'live', channel, event: entry.event, seq: entry.seq, id: entry.id, ts: entry.ts, dataJson: entry.dataJson });
      this.waiters.settle(channel, this.epoch, entry.seq, publication);
    }
  }

  /**
   * A new entry with a seq this node already delivered: Redis went back in time (a crash that lost its
   * last writes, a restore) while keeping the epoch. Those seqs now name two events, so the epoch must
   * change: this node starts a new one unless another node already did, and every node adopts it.
   */
  private diverged(channel: Channel, entry: StreamEntry): void {
    this.opts.logger.error({ channel, seq: entry.seq, delivered: this.mirror(channel).lastSeq }, 'shared stream went back in time: starting a new epoch');
    this.lastEpochCheck = 0;
    void this.client.sendCommand(['EVAL', RESET_EPOCH_SCRIPT, '1', this.keys.meta, this.epoch, newEpoch()]).catch((err) => {
      this.opts.logger.warn({ err: String(err) }, 'could not start a new epoch');
    });
  }

  private keep(channel: Channel, entry: StreamEntry): Publication {
    const fields = JSON.parse(entry.fieldsJson) as Record<string, unknown>;
    const publication: Publication = { epoch: this.epoch, seq: entry.seq, event: entry.event, fields, tail: Buffer.alloc(0) };
    publication.tail = this.mirror(channel).append(publication, eventTail(channel, entry.event, entry.seq, entry.id, entry.ts, entry.dataJson));
    return publication;
  }
}
