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
  let sent = 0;

  const visit = (sub: Subscription<Connection>): void => {
    const publication = current!;
    try {
      if (sub.owner.sendEvent(sub.prefix, publication.tail)) sent++;
    } catch (err) {
      // One connection's failure ends that connection; the event still reaches everyone else.
      ctx.failConnection(sub.owner, err);
    }
  };

  return function deliver(channel: Channel, publication: Publication): void {
    const outer = current;
    const outerSent = sent;
    current = publication;
    sent = 0;
    try {
      ctx.registry.forMatching(channel, publication.event, publication.fields, visit);
      if (sent) ctx.metrics.eventsOut.inc({ channel }, sent);
    } finally {
      current = outer;
      sent = outerSent;
    }
  };
}
