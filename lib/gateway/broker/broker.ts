import type { Channel } from '../../protocol';
import type { HistoryEntry } from '../history';

export type { HistoryEntry } from '../history';

/** What the hub hands the broker for one event: everything but its place in the stream. */
export interface PublicationDraft {
  event: string;
  /** The event's stable id (`meta.id` or `stableEventId`). */
  id: string;
  /** The event's time, ISO-8601. */
  ts: string;
  /** The event's data, serialized once. */
  dataJson: string;
  /** `filterFields(event, data)`: all any subscription filter reads, kept for delivery and replay. */
  fields: Record<string, unknown>;
}

/** Where a publication sits: its channel's sequence space (`epoch`) and its number in it. */
export interface StreamPosition {
  epoch: string;
  seq: number;
}

/** One publication as kept and delivered: its position, event, filter fields and encoded frame tail. */
export interface Publication extends StreamPosition, HistoryEntry {}

/** Delivers one publication to this process's subscriptions; called once per publication. */
export type PublicationHandler = (channel: Channel, publication: Publication) => void;

/**
 * The engine behind publish, seq, epoch, history and replay (as centrifuge's `Broker` with history).
 * The hub talks to it only through this interface; `MemoryBroker` is the in-process implementation.
 *
 * Guarantees every implementation gives:
 * - **Contiguous seqs.** Within one epoch, a channel's publications are numbered 1, 2, 3, … with no gap
 *   and no repeat; channels number independently. `lastSeq` is the latest number given (0 before any).
 * - **Position.** `publish` returns the publication with its `epoch` and `seq` and its frame tail,
 *   `eventTail(channel, event, seq, id, ts, dataJson)` encoded as UTF-8, byte for byte what subscribers get.
 * - **Delivery.** Each publication reaches the handler given to `onPublication` exactly once, in seq order
 *   per channel, carrying the same seq, event, fields and tail that `after` later returns for it.
 *   There is one handler; registering again replaces it. Publications before any handler are kept, not delivered.
 * - **Replay.** `after(channel, since)` returns every publication with seq > `since`, oldest first, with
 *   nothing missing; or null when it cannot: some of them are no longer held, or `since` is ahead of
 *   `lastSeq`. `since === lastSeq` gives an empty list. The caller then sends a snapshot instead.
 * - **Retention.** History is bounded (for the memory broker, `HistoryOptions`: always the last
 *   `minEvents`, never more than `hardCap`); what falls out makes `after` return null, never a partial list.
 * - **Epoch.** `epoch` names the sequence space. It stays the same while history is continuous and changes
 *   whenever history may have been lost (a restart of an in-memory broker, a flushed or failed-over store),
 *   so a client holding positions of the old epoch is never told it recovered. Two brokers not sharing
 *   storage never share an epoch. Read it each time; do not cache it.
 *
 * Networked implementations (`RedisBroker`): `publish` answers with a promise, resolved once the publication
 * is stored and delivered here; deliveries of every node's publications come from the shared store in seq
 * order. `lastSeq` and `after` still answer at once, from the node's own copy of recent history, so the
 * hub's subscribe path stays one step (no publish falls between a replay or snapshot and going live).
 * A client may have seen seqs this node has not delivered yet (it comes from a faster node): `reach` waits
 * for them. The conformance suite (`brokerConformance`) awaits every call.
 */
export interface Broker {
  /** The current sequence space. */
  readonly epoch: string;
  /** Assigns the channel's next seq, keeps the publication in history and hands it to the delivery handler. */
  publish(channel: Channel, draft: PublicationDraft): Publication | Promise<Publication>;
  /**
   * Publishes drafts of one channel in order, exactly as `publish` of each in turn would (seqs, history,
   * one delivery each, in seq order), their tails encoded together; answers at once. Absent on brokers
   * that gather a turn's publications on their own (`RedisBroker`).
   */
  publishMany?(channel: Channel, drafts: readonly PublicationDraft[]): Publication[];
  /** Sets the one handler that delivers publications to subscriptions. */
  onPublication(handler: PublicationHandler): void;
  /** The seq of the channel's latest publication in this epoch (0 before any). */
  lastSeq(channel: Channel): number;
  /** Every publication after `since`, oldest first; null when they are not all held or `since` is ahead. */
  after(channel: Channel, since: number): HistoryEntry[] | null;
  /** Resolves true once this node has delivered the channel up to `seq` (false after `timeoutMs`); absent when publishing delivers at once. */
  reach?(channel: Channel, seq: number, timeoutMs: number): Promise<boolean>;
  /** Other nodes' publications with their data, for the state this node keeps; absent on a broker of one process. */
  onRemote?(handler: (publication: RemotePublication) => void): void;
  /**
   * Hands the history this node loaded when it started (publications made before it ran, by any node) to
   * the `onRemote` handler, once, oldest first per channel, so the state it keeps starts where the floor is.
   */
  replayLoaded?(): void;
  /** Told when the epoch changes while the process runs (the shared history was lost). */
  onEpochChange?(listener: (epoch: string) => void): void;
  /** Whether the shared store is reachable; absent means always. */
  readonly ready?: boolean;
  /** Releases connections. */
  close?(): Promise<void>;
}

/** A publication made on another node, as this node's state needs it: its position and its data, serialized. */
export interface RemotePublication {
  /** `history` for what `replayLoaded` hands over; `live` for a publication as it happens. */
  origin: 'live' | 'history';
  channel: Channel;
  event: string;
  seq: number;
  id: string;
  ts: string;
  dataJson: string;
}
