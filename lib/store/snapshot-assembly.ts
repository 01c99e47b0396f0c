import type { Channel, EventFrame, SnapshotFrame } from '@/lib/protocol';

/** Events held behind an incomplete snapshot; past this the snapshot is abandoned and the channel resynced. */
export const MAX_HELD_EVENTS = 10_000;

/** A snapshot arriving in parts, and the channel's events held until its last part is in. */
interface Gathering {
  subscriptionId: string;
  parts: SnapshotFrame[];
  held: EventFrame[];
}

/** What a snapshot frame completes: nothing yet, or the whole snapshot and the events that waited behind it. */
export type Assembled = { whole: SnapshotFrame; held: EventFrame[] } | null;

/**
 * Gathers snapshots sent in parts (`part` 1..`parts`, one `seq`): the channel's events wait until the
 * last part is in, so the store never applies an event to half a snapshot.
 */
export class SnapshotAssembly {
  private readonly gathering = new Map<Channel, Gathering>();

  /** Takes one snapshot frame; returns the whole snapshot once complete (at once for a single frame). */
  add(frame: SnapshotFrame): Assembled {
    if (frame.parts === undefined || frame.parts <= 1) return { whole: frame, held: [] };
    let g = this.gathering.get(frame.channel);
    if (!g || g.subscriptionId !== frame.subscription_id || frame.part === 1) {
      g = { subscriptionId: frame.subscription_id, parts: [], held: g?.held ?? [] };
      this.gathering.set(frame.channel, g);
    }
    g.parts.push(frame);
    if (frame.part !== frame.parts) return null;
    this.gathering.delete(frame.channel);
    const first = g.parts[0];
    const data: SnapshotFrame['data'][number][] = [];
    for (const part of g.parts) for (const item of part.data) data.push(item);
    const whole = { type: 'snapshot', subscription_id: first.subscription_id, channel: first.channel, seq: first.seq, data } as SnapshotFrame;
    return { whole, held: g.held };
  }

  /**
   * Holds an event of a channel whose snapshot is still arriving; true when held. False when there is
   * nothing to wait for; 'overflow' when too much arrived behind the snapshot (the caller starts over).
   */
  hold(frame: EventFrame): boolean | 'overflow' {
    const g = this.gathering.get(frame.channel);
    if (!g) return false;
    g.held.push(frame);
    if (g.held.length <= MAX_HELD_EVENTS) return true;
    this.gathering.delete(frame.channel);
    return 'overflow';
  }

  /** Forgets every unfinished snapshot (a new socket starts over). */
  clear(): void {
    this.gathering.clear();
  }
}
