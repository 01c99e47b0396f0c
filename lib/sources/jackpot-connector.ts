import type { SnapshotProvider } from '../gateway/types';
import type { PublishedEvent } from '../protocol';
import { createBadInputReporter } from './bad-input';
import { type Connector, type ConnectorOptions, observeEvent } from './connector';
import type { DedupStore } from './dedup-store';
import { DedupWindow } from './dedup-window';
import { hash53 } from './hash';
import { createJackpotEvents } from './jackpot-events';
import { createUpstream } from './upstream';

/** The jackpot-format source (docs/protocol.md §12.2): authenticates, dedups by `event_id`, publishes on `jackpots`, raises payout alarms. */
export function createJackpotConnector({ deps, timing, currency }: ConnectorOptions & { currency?: string }): Connector & { snapshot: SnapshotProvider; follow(event: PublishedEvent): void } {
  const events = createJackpotEvents({ currency });
  const seen: DedupStore = new DedupWindow({ capacity: 500_000 });
  const reportBadInput = createBadInputReporter('jackpot', deps);
  let token: string | undefined;

  const upstream = createUpstream({
    name: 'jackpot',
    deps,
    timing,
    onOpen: (send) => send({ action: { Authenticate: { auth_token: token ?? '' } } }),
    onFrame(text, receivedAt) {
      const parsed = events.parse(text);
      if (!parsed.ok) return reportBadInput(parsed.reason, parsed.detail);
      if (!seen.add(hash53(parsed.eventId))) return;
      const outcome = events.apply(parsed);
      for (const { channel, event, data } of outcome.publish) deps.publisher.publish(channel, event, data, { id: parsed.eventId });
      if (outcome.alarm) void deps.alarms.raise(outcome.alarm);
      upstream.markEvent();
      observeEvent(deps, 'jackpot', receivedAt);
    },
  });

  const start = (url: string, platformToken?: string) => {
    token = platformToken;
    upstream.start(url);
  };
  /**
   * Another node's jackpot event: its pot becomes this node's state, and its `event_id` counts as seen, so
   * a node that takes the source over does not publish the upstream's replay of it again.
   */
  function follow(event: PublishedEvent): void {
    if (event.channel !== 'jackpots') return;
    seen.add(hash53(event.id));
    if (event.event === 'jackpot.updated') events.follow(event.data);
  }
  return { name: 'jackpot', start, health: upstream.health, close: upstream.close, snapshot: (params) => events.snapshot(params), follow };
}
