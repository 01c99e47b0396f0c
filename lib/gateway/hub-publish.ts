import type { Channel, ChannelOf, EventName, EventPayloads, PublishedEvent } from '../protocol';
import type { Logger } from '../runtime/logger';
import type { Metrics } from '../runtime/metrics';
import type { Broker, PublicationDraft } from './broker/broker';
import { stableEventId } from './event-id';
import { filterFields } from './filter-matcher';
import type { Publisher } from './types';

/** Most publications of one channel handed to the broker together (their tails are encoded in one write). */
const MAX_RUN = 256;

/** The hub's publishing side: numbering and keeping through the broker, then the local taps. */
export interface HubPublishing extends Required<Pick<Publisher, 'publish' | 'batch'>> {
  /** Resolves once every publication handed to a networked broker is stored. */
  settled(): Promise<void>;
  /** Taps every event this process publishes, once it has its seq; returns an unsubscribe. */
  onPublish(listener: (event: PublishedEvent) => void): () => void;
}

/**
 * Publishes through the broker and then tells the taps (alarms, KPIs, recent values), in publish order.
 * Inside `batch`, publications are gathered and handed over when the work returns, a channel's
 * consecutive ones together (`Broker.publishMany`): one encoding of their tails, one metrics update.
 */
export function createHubPublishing(broker: Broker, metrics: Metrics, logger: Logger): HubPublishing {
  const listeners = new Set<(event: PublishedEvent) => void>();
  /** Publications handed to a networked broker and not yet stored. */
  const pending = new Set<Promise<unknown>>();
  let gathering = false;
  // What a batch gathered, as parallel arrays: no object per publication besides its draft.
  let channels: Channel[] = [];
  let drafts: PublicationDraft[] = [];
  let payloads: unknown[] = [];

  function tap(channel: Channel, draft: PublicationDraft, data: unknown, seq: number): void {
    if (listeners.size === 0) return;
    const published = { channel, event: draft.event, seq, id: draft.id, ts: draft.ts, data } as PublishedEvent;
    for (const listener of listeners) {
      try {
        listener(published);
      } catch (err) {
        logger.error({ err, channel, event: draft.event }, 'publish listener failed');
      }
    }
  }

  function handOver(channel: Channel, draft: PublicationDraft, data: unknown): void {
    // The broker numbers and keeps the event and hands it to the delivery handler: before it returns on one
    // process, once the shared stream gives it back with a networked broker.
    const result = broker.publish(channel, draft);
    if (!(result instanceof Promise)) return tap(channel, draft, data, result.seq);
    const stored = result.then(
      (publication) => tap(channel, draft, data, publication.seq),
      (err) => logger.error({ err, channel, event: draft.event, id: draft.id }, 'event not stored by the broker'),
    );
    pending.add(stored);
    void stored.finally(() => pending.delete(stored));
  }

  function publish<E extends EventName>(channel: ChannelOf<E>, event: E, data: EventPayloads[E], meta?: { id?: string; ts?: string }): void {
    const dataJson = JSON.stringify(data);
    const id = meta?.id ?? stableEventId(channel, event, dataJson);
    const ts = meta?.ts ?? new Date().toISOString();
    const draft: PublicationDraft = { event, id, ts, dataJson, fields: filterFields(event, data) };
    if (gathering) {
      channels.push(channel);
      drafts.push(draft);
      payloads.push(data);
      return;
    }
    metrics.eventsPublished.inc({ channel });
    handOver(channel, draft, data);
  }

  /** Hands over `drafts[from…to)`, all of one channel. */
  function handOverRun(from: number, to: number): void {
    const channel = channels[from];
    metrics.eventsPublished.inc({ channel }, to - from);
    if (to - from === 1 || !broker.publishMany) {
      for (let i = from; i < to; i++) handOver(channel, drafts[i], payloads[i]);
      return;
    }
    const run = drafts.slice(from, to);
    const publications = broker.publishMany(channel, run);
    for (let i = 0; i < run.length; i++) tap(channel, run[i], payloads[from + i], publications[i].seq);
  }

  function flush(): void {
    try {
      // A tap that publishes while this runs adds to the arrays: its publication goes after what is there.
      for (let next = 0; next < channels.length; ) {
        let end = next + 1;
        while (end < channels.length && end - next < MAX_RUN && channels[end] === channels[next]) end++;
        handOverRun(next, end);
        next = end;
      }
    } finally {
      gathering = false;
      channels = [];
      drafts = [];
      payloads = [];
    }
  }

  return {
    publish,
    batch<T>(work: () => T): T {
      if (gathering) return work();
      gathering = true;
      try {
        return work();
      } finally {
        flush();
      }
    },
    async settled() {
      if (pending.size > 0) await Promise.all([...pending]);
    },
    onPublish(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
