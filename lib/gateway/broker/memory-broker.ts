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
