import type { Channel } from '@/lib/protocol';

/** The last `seq` seen on a channel and the gateway epoch it belongs to. */
export interface ChannelCursor {
  seq: number;
  epoch: string;
}

/**
 * Tracks the resume point of every channel, and drops events already seen:
 * a replay after `since` may overlap what arrived before the connection broke.
 */
export class ChannelCursors {
  private readonly cursors = new Map<Channel, ChannelCursor>();

  /** The resume fields for a subscribe frame, or nothing for a first subscription. */
  resumeFields(channel: Channel): { since: number; epoch: string } | Record<string, never> {
    const cursor = this.cursors.get(channel);
    return cursor ? { since: cursor.seq, epoch: cursor.epoch } : {};
  }

  has(channel: Channel): boolean {
    return this.cursors.has(channel);
  }

  /** Records an event's seq; false means it was already seen in this epoch and must be dropped. */
  accept(channel: Channel, seq: number, epoch: string): boolean {
    const cursor = this.cursors.get(channel);
    if (cursor && cursor.epoch === epoch && seq <= cursor.seq) return false;
    this.cursors.set(channel, { seq, epoch });
    return true;
  }

  /** A snapshot reflects everything up to its seq: later events start from there. */
  resetTo(channel: Channel, seq: number, epoch: string): void {
    this.cursors.set(channel, { seq, epoch });
  }

  /** The gateway could not replay: forget the old position, the snapshot or live events restart it. */
  forget(channel: Channel): void {
    this.cursors.delete(channel);
  }

  /** Forgets every channel (sign out). */
  clear(): void {
    this.cursors.clear();
  }

  get(channel: Channel): ChannelCursor | undefined {
    return this.cursors.get(channel);
  }
}
