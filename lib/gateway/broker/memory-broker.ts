import { randomBytes } from 'node:crypto';
import type { Channel } from '../../protocol';
import { eventTail } from '../frames';
import { ChannelHistory, DEFAULT_HISTORY, type HistoryEntry, type HistoryOptions } from '../history';
import type { Broker, Publication, PublicationDraft, PublicationHandler } from './broker';

/** A new sequence space: every memory broker starts seqs afresh, so it gets a new epoch. */
export function newEpoch(): string {
  return `e-${randomBytes(6).toString('hex')}`;
}

/** Filled in by `append` before the publication leaves `publish`. */
const NO_TAIL = Buffer.alloc(0);

const ignore: PublicationHandler = () => {};

/**
 * A publication of a run: its tail is a view of the run's bytes, made when delivery first asks for it
 * (an event nobody subscribes to never needs one), then kept for the other subscribers.
 */
class RunPublication implements Publication {
  private view: Buffer | null = null;

  constructor(
    readonly epoch: string,
    readonly seq: number,
    readonly event: string,
    readonly fields: Record<string, unknown>,
    private readonly run: Buffer,
    private readonly start: number,
    private readonly end: number,
  ) {}

  get tail(): Buffer {
    return (this.view ??= this.run.subarray(this.start, this.end));
  }
}

/**
 * The `Broker` of one process: a `ChannelHistory` per channel (created on first use) and an epoch per
 * instance, since its history ends with the process. `publish` calls the handler synchronously, before
 * it returns, and allocates nothing beyond the publication and what the history keeps.
 */
export class MemoryBroker implements Broker {
  readonly epoch = newEpoch();
  private readonly channels = new Map<Channel, ChannelHistory>();
  private handler: PublicationHandler = ignore;

  constructor(
    private readonly options: HistoryOptions = DEFAULT_HISTORY,
    private readonly now: () => number = Date.now,
  ) {}

  publish(channel: Channel, draft: PublicationDraft): Publication {
    const history = this.history(channel);
    const seq = history.lastSeq + 1;
    const { event, fields } = draft;
    const publication: Publication = { epoch: this.epoch, seq, event, fields, tail: NO_TAIL };
    publication.tail = history.append(publication, eventTail(channel, event, seq, draft.id, draft.ts, draft.dataJson));
    this.handler(channel, publication);
    return publication;
  }

  /** Keeps the whole run first (one write of its tails), then delivers each publication in seq order. */
  publishMany(channel: Channel, drafts: readonly PublicationDraft[]): Publication[] {
    const history = this.history(channel);
    const first = history.lastSeq + 1;
    const events = new Array<string>(drafts.length);
    const fields = new Array<Record<string, unknown>>(drafts.length);
    const tails = new Array<string>(drafts.length);
    for (let i = 0; i < drafts.length; i++) {
      const draft = drafts[i];
      events[i] = draft.event;
      fields[i] = draft.fields;
      tails[i] = eventTail(channel, draft.event, first + i, draft.id, draft.ts, draft.dataJson);
    }
    const { bytes, ends } = history.appendRun(events, fields, tails);
    const publications = new Array<Publication>(drafts.length);
    for (let i = 0; i < drafts.length; i++) {
      const publication = new RunPublication(this.epoch, first + i, events[i], fields[i], bytes, i === 0 ? 0 : ends[i - 1], ends[i]);
      publications[i] = publication;
      this.handler(channel, publication);
    }
    return publications;
  }

  onPublication(handler: PublicationHandler): void {
    this.handler = handler;
  }

  lastSeq(channel: Channel): number {
    return this.history(channel).lastSeq;
  }

  after(channel: Channel, since: number): HistoryEntry[] | null {
    return this.history(channel).after(since);
  }

  private history(channel: Channel): ChannelHistory {
    let history = this.channels.get(channel);
    if (!history) this.channels.set(channel, (history = new ChannelHistory(this.options, this.now)));
    return history;
  }
}
