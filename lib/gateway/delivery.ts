import type { Channel } from '../protocol';
import type { Publication, PublicationHandler } from './broker/broker';
import type { Connection } from './connection';
import type { HubContext } from './hub-context';
import type { Subscription } from './subscription-registry';

/**
 * The hub's delivery handler: sends a publication's tail, behind each subscription's prefix, to every
 * subscription whose filter it passes (`SubscriptionRegistry.forMatching`). Filters read the
 * publication's `fields`, which match exactly as the whole data would (`filterFields`). One visitor serves every publication, so fan-out allocates
 * nothing per event or per subscriber. Should anything publish while a publication is being delivered
 * (say, code run by a failing connection's close), the inner delivery saves and restores the outer one's state.
 */
export function createDelivery(ctx: HubContext): PublicationHandler {
  let current: Publication | null = null;
  /** The current publication's tail, asked for at its first delivery (a run's tails are views made on demand). */
  let tail: Buffer | null = null;
  let sent = 0;
  /**
   * Frames sent per channel and not yet counted: the counter is told once per channel per tick, not once
   * per event, since a labelled `inc` costs about as much as delivering to a few subscribers.
   */
  const uncounted = new Map<Channel, number>();
  let counting = false;

  const count = (): void => {
    counting = false;
    for (const [channel, frames] of uncounted) ctx.metrics.eventsOut.inc({ channel }, frames);
    uncounted.clear();
  };

  const visit = (sub: Subscription<Connection>): void => {
    try {
      if (sub.owner.sendEvent(sub.prefix, (tail ??= current!.tail))) sent++;
    } catch (err) {
      // One connection's failure ends that connection; the event still reaches everyone else.
      ctx.failConnection(sub.owner, err);
    }
  };

  return function deliver(channel: Channel, publication: Publication): void {
    const outer = current;
    const outerTail = tail;
    const outerSent = sent;
    current = publication;
    tail = null;
    sent = 0;
    try {
      ctx.registry.forMatching(channel, publication.event, publication.fields, visit);
      if (sent) {
        uncounted.set(channel, (uncounted.get(channel) ?? 0) + sent);
        if (!counting) {
          counting = true;
          process.nextTick(count);
        }
      }
    } finally {
      current = outer;
      tail = outerTail;
      sent = outerSent;
    }
  };
}
