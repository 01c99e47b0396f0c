import { createHash } from 'node:crypto';

/** A stable id for an event whose source gave none: the same channel, name and data always hash alike, so retries dedupe downstream. */
export function stableEventId(channel: string, event: string, dataJson: string): string {
  const digest = createHash('sha1').update(channel).update('\n').update(event).update('\n').update(dataJson).digest('hex');
  return `h-${digest.slice(0, 24)}`;
}
